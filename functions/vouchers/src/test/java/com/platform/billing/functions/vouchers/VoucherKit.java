package com.platform.billing.functions.vouchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Dependencies;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.MutableClock;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.voucher.VoucherRedemptions;
import com.platform.billing.dynamodb.DynamoAccountStore;
import com.platform.billing.dynamodb.DynamoLedger;
import com.platform.billing.dynamodb.LedgerAuditor;
import com.platform.billing.dynamodb.voucher.DynamoVoucherStore;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** The voucher functions wired to a test table and a hand-moved clock, plus the helpers every voucher IT uses. */
final class VoucherKit {

    static final String PEPPER = "integration-test-pepper-0123456789abcdef0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

    final LedgerTable table;
    final MutableClock clock;
    final VoucherSettings settings = VoucherSettings.of(PEPPER);
    final VoucherRedeemHandler redeemHandler;
    final VoucherAdminHandler adminHandler;
    private final DynamoAccountStore accounts;

    VoucherKit(LedgerTable table, Instant start) {
        this.table = table;
        this.clock = new MutableClock(start);
        Dependencies deps = Dependencies.of(table.dynamo(), table.name(), clock);
        this.redeemHandler = new VoucherRedeemHandler(deps, settings);
        this.adminHandler = new VoucherAdminHandler(deps, settings);
        this.accounts = new DynamoAccountStore(table.dynamo(), table.name());
    }

    /** The redemption use case on the same table and clock, for deterministic interleaving (prepare, then commit). */
    VoucherRedemptions redemptions() {
        DynamoLedger ledger = new DynamoLedger(table.dynamo(), table.name(), clock);
        return new VoucherRedemptions(new DynamoVoucherStore(table.dynamo(), table.name(), ledger),
                settings.hasher(), clock, settings.policy());
    }

    void openAccount(String org) {
        accounts.createIfAbsent(BillingAccount.open(org, BillingType.PREPAID, "IDR", clock.instant()));
    }

    long balance(String org) {
        return accounts.find(org).orElseThrow().balance().amount();
    }

    // ------------------------------------------------------------------ admin

    /** Terms as JSON; callers add {@code code} or {@code count}. */
    ObjectNode terms(long amount, Instant from, Instant until, long totalLimit, int perOrgLimit) {
        ObjectNode body = JSON.createObjectNode();
        body.put("amount", amount);
        body.put("validFrom", from.toString());
        body.put("validUntil", until.toString());
        body.put("totalLimit", totalLimit);
        body.put("perOrgLimit", perOrgLimit);
        return body;
    }

    APIGatewayV2HTTPResponse admin(String method, String route, Map<String, String> path, String body) {
        return adminHandler.handleRequest(HttpEvents.route(method, route, path).admin("admin-1").body(body).build(),
                null);
    }

    /** Creates one voucher with {@code code}; returns its id. */
    String createVoucher(String code, long amount, Instant from, Instant until, long totalLimit, int perOrgLimit,
                         Collection<String> allowedOrgs) {
        ObjectNode body = terms(amount, from, until, totalLimit, perOrgLimit);
        body.put("code", code);
        if (!allowedOrgs.isEmpty()) {
            allowedOrgs.forEach(body.putArray("allowedOrgs")::add);
        }
        APIGatewayV2HTTPResponse response = admin("POST", "/admin/vouchers", Map.of(), body.toString());
        assertEquals(201, response.getStatusCode(), response.getBody());
        return json(response).path("vouchers").path(0).path("voucherId").asText();
    }

    String createVoucher(String code, long amount, long totalLimit, int perOrgLimit) {
        Instant now = clock.instant();
        return createVoucher(code, amount, now.minusSeconds(3600), now.plusSeconds(30 * 86400), totalLimit,
                perOrgLimit, java.util.List.of());
    }

    // ------------------------------------------------------------------ redemption

    APIGatewayV2HTTPResponse redeem(String org, String sub, String code) {
        return redeemRaw(org, sub, JSON.createObjectNode().put("code", code).toString());
    }

    APIGatewayV2HTTPResponse redeemRaw(String org, String sub, String body) {
        return redeemHandler.handleRequest(HttpEvents.route("POST", "/orgs/{orgId}/voucher-redemptions",
                Map.of("orgId", org)).member(sub, org).body(body).build(), null);
    }

    APIGatewayV2HTTPResponse history(String org, String sub, Map<String, String> query) {
        HttpEvents event = HttpEvents.route("GET", "/orgs/{orgId}/voucher-redemptions", Map.of("orgId", org))
                .member(sub, org);
        if (!query.isEmpty()) {
            StringBuilder raw = new StringBuilder();
            query.forEach((k, v) -> raw.append(raw.isEmpty() ? "" : "&").append(k).append('=').append(v));
            event.query(raw.toString(), query);
        }
        return redeemHandler.handleRequest(event.build(), null);
    }

    // ------------------------------------------------------------------ assertions

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertProblem(APIGatewayV2HTTPResponse response, int status, String code) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        JsonNode problem = json(response);
        assertEquals("urn:problem-type:billing:" + code, problem.path("type").asText(), response.getBody());
        assertEquals(status, problem.path("status").asInt());
        assertFalse(response.getBody().contains("Exception"), "no exception text in a response");
        assertFalse(response.getBody().contains("\tat "), "no stack trace in a response");
    }

    void assertAuditClean() {
        LedgerAuditor.Report report = new LedgerAuditor(table.dynamo(), table.name()).audit();
        assertTrue(report.clean(), report.differences().toString());
    }
}
