package com.platform.billing.functions.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.platform.billing.api.Dependencies;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.Transfer;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.TransferKind;
import com.platform.billing.dynamodb.DynamoAccountStore;
import com.platform.billing.dynamodb.DynamoLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BillingQueryHandlerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 17:30 UTC on 30 November: already 1 December in Jakarta (UTC+7). */
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T17:30:00Z"), ZoneOffset.UTC);
    private final LedgerTable table;
    private final BillingQueryHandler handler;

    BillingQueryHandlerIT(LedgerTable table) {
        this.table = table;
        this.handler = new BillingQueryHandler(Dependencies.of(table.dynamo(), table.name(), clock));
    }

    @BeforeAll
    void seed() {
        var accounts = new DynamoAccountStore(table.dynamo(), table.name());
        var ledger = new DynamoLedger(table.dynamo(), table.name(), clock);
        for (String org : List.of("org-1", "org-2")) {
            accounts.createIfAbsent(BillingAccount.open(org, BillingType.PREPAID, "IDR", clock.instant()));
        }
        for (int i = 1; i <= 5; i++) {
            ledger.apply(new Transfer(TransferId.of("adjustment", "org-1", "seed" + i), "org-1",
                    TransferKind.ADJUSTMENT, Money.of(i * 10_000L, "IDR"), "", "admin-1", "seed " + i));
        }
    }

    private static HttpEvents route(String path, String org) {
        return HttpEvents.route("GET", path, Map.of("orgId", org));
    }

    @Test
    void billingSummary_forMember_showsCreditAndPeriodInJakarta() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                route("/orgs/{orgId}/billing", "org-1").member("user-1", "org-1").build(), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode body = JSON.readTree(response.getBody());
        assertEquals("IDR", body.path("currency").asText());
        assertEquals(150_000, body.path("credit").asLong());
        assertEquals(0, body.path("ongoingUsage").asLong());
        assertEquals(150_000, body.path("remainingCredit").asLong());
        assertEquals("PREPAID", body.path("billingType").asText());
        // 17:30 UTC on 30 November is 00:30 on 1 December in Jakarta.
        assertEquals("2026-12", body.path("period").asText());
    }

    @Test
    void sampleEvents_fromInfraEvents_areHandled() {
        assertEquals(200, handler.handleRequest(HttpEvents.fromFile("http-get-billing.json").build(), null)
                .getStatusCode());
        assertEquals(200, handler.handleRequest(HttpEvents.fromFile("http-get-ledger-entries.json").build(), null)
                .getStatusCode());
    }

    @Test
    void ledgerEntries_pagesNewestFirstUntilExhausted() throws Exception {
        List<Long> sequences = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpEvents event = route("/orgs/{orgId}/ledger-entries", "org-1").member("user-1", "org-1");
            event.query(cursor == null ? "limit=2" : "limit=2&cursor=" + cursor,
                    cursor == null ? Map.of("limit", "2") : Map.of("limit", "2", "cursor", cursor));
            APIGatewayV2HTTPResponse response = handler.handleRequest(event.build(), null);
            assertEquals(200, response.getStatusCode(), response.getBody());
            JsonNode body = JSON.readTree(response.getBody());
            body.path("items").forEach(item -> sequences.add(item.path("sequence").asLong()));
            cursor = body.path("nextCursor").isNull() ? null : body.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(List.of(5L, 4L, 3L, 2L, 1L), sequences);
    }

    @Test
    void ledgerEntries_whenBadLimitOrCursor_is400() throws Exception {
        for (Map<String, String> query : List.of(Map.of("limit", "0"), Map.of("limit", "101"),
                Map.of("limit", "abc"), Map.of("limit", "-1"), Map.of("cursor", "!!!"),
                Map.of("cursor", "T1JHI29yZy0yI0FDQ09VTlQ"))) {
            HttpEvents event = route("/orgs/{orgId}/ledger-entries", "org-1").member("user-1", "org-1");
            event.query("x", query);
            APIGatewayV2HTTPResponse response = handler.handleRequest(event.build(), null);
            assertEquals(400, response.getStatusCode(), query + " " + response.getBody());
            assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        }
    }

    @Test
    void everyRoute_withAnotherOrgsToken_is404AndRevealsNothing() throws Exception {
        for (String path : List.of("/orgs/{orgId}/billing", "/orgs/{orgId}/ledger-entries")) {
            APIGatewayV2HTTPResponse foreign = handler.handleRequest(
                    route(path, "org-1").member("user-2", "org-2").build(), null);
            APIGatewayV2HTTPResponse missing = handler.handleRequest(
                    route(path, "org-404").member("user-2", "org-404").build(), null);
            assertEquals(404, foreign.getStatusCode(), path);
            assertEquals(404, missing.getStatusCode(), path);
            JsonNode a = JSON.readTree(foreign.getBody());
            JsonNode b = JSON.readTree(missing.getBody());
            assertEquals(a.path("type"), b.path("type"));
            assertEquals(a.path("detail"), b.path("detail"));
            assertFalse(foreign.getBody().contains("150000"));
        }
        // The lists that do not read the account (an org without one has an empty list) still refuse a stranger,
        // with the same problem as an unknown org.
        JsonNode unknownOrg = JSON.readTree(handler.handleRequest(
                route("/orgs/{orgId}/billing", "org-404").member("user-2", "org-404").build(), null).getBody());
        for (String path : List.of("/orgs/{orgId}/usage", "/orgs/{orgId}/topups", "/orgs/{orgId}/invoices")) {
            APIGatewayV2HTTPResponse foreign = handler.handleRequest(
                    route(path, "org-1").member("user-2", "org-2").build(), null);
            assertEquals(404, foreign.getStatusCode(), path);
            JsonNode problem = JSON.readTree(foreign.getBody());
            assertEquals(unknownOrg.path("type"), problem.path("type"), path);
            assertEquals(unknownOrg.path("detail"), problem.path("detail"), path);
        }
    }

    @Test
    void claims_inEveryFormApiGatewayMayPass_areUnderstood() {
        for (String orgs : List.of("[org-1]", "[org-2 org-1]", "[\"org-1\",\"org-2\"]", "org-1")) {
            var event = route("/orgs/{orgId}/billing", "org-1")
                    .rawClaims(Map.of("sub", "user-1", "orgs", orgs, "roles", "[]")).build();
            assertEquals(200, handler.handleRequest(event, null).getStatusCode(), orgs);
        }
    }

    @Test
    void billingSummary_withoutClaims_is401() {
        var event = route("/orgs/{orgId}/billing", "org-1").withoutAuthorizer().build();
        assertEquals(401, handler.handleRequest(event, null).getStatusCode());
    }

    @Test
    void billingSummary_costsTwoReads() {
        table.counter().reset();
        handler.handleRequest(route("/orgs/{orgId}/billing", "org-1").member("user-1", "org-1").build(), null);
        // The account and the org's month-to-date usage totals item: a constant cost, whatever the usage volume.
        assertEquals(2, table.counter().totalRequests());
        assertEquals(2, table.counter().requests("GetItem"));
    }
}
