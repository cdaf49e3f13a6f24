package com.platform.billing.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.contract.RouteCatalog.SweptRoute;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.dynamodb.LedgerAuditor;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The handlers' real responses against docs/openapi.yaml. Every template route is called with its spec example
 * (seeded ids in the path; the few values only a run can know, such as a voucher code or a signed gateway
 * notification, filled in) and must answer a documented 2xx whose body validates against the documented schema;
 * then the documented refusals of the flows (insufficient credit, a reused idempotency key, voucher and invoice
 * conflicts, a card number, an unknown order...) are driven and each problem checked against the spec. The local
 * runtime serves the same document at {@code GET /openapi.yaml}.
 */
@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiContractIT {

    private final LocalService service;
    private final OpenApiSpec spec = OpenApiSpec.load();
    private final Verdicts verdicts = new Verdicts(spec);

    OpenApiContractIT(LedgerTable table) throws IOException {
        this.service = new LocalService(table);
    }

    @AfterAll
    void stop() {
        LedgerAuditor.Report audit = new LedgerAuditor(service.table().dynamo(), service.table().name()).audit();
        service.close();
        assertTrue(audit.clean(), audit.toString());
    }

    @Test
    @Order(1)
    void everyRoute_happyPath_answersADocumented2xx_matchingItsSchema() {
        List<String> failures = new ArrayList<>();
        for (SweptRoute route : RouteCatalog.all()) {
            String body = happyBody(route);
            LocalService.Reply reply = service.send(route.route().method(),
                    service.path(route.route().path(), Map.of()), headers(route, body), body);
            // x-contract-happy-status: a route whose example needs state the seed does not make (an id only a
            // flow creates) names the documented status its example gets instead; otherwise a 2xx.
            JsonNode expected = spec.requiredOperation(route.key()).path("x-contract-happy-status");
            boolean ok = expected.isInt() ? reply.status() == expected.asInt()
                    : reply.status() >= 200 && reply.status() < 300;
            if (!ok) {
                failures.add(route + ": expected " + (expected.isInt() ? expected.asInt() : "a 2xx") + ", got "
                        + reply);
                continue;
            }
            verdicts.documented(route.key(), reply).ifPresent(f -> failures.add(route + ": " + f));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    @Order(2)
    void documentedRefusals_matchTheSpec() {
        String org = "/orgs/" + LocalService.ORG;
        String adminOrg = "/admin/orgs/" + LocalService.ORG;
        List<Optional<String>> results = new ArrayList<>();

        results.add(problem("POST /admin/orgs/{orgId}/credit-adjustments", adminOrg + "/credit-adjustments",
                service.admin, Map.of(), "{\"amount\":-99999999999,\"reason\":\"too much\"}", 422,
                "insufficient-credit"));
        service.send("POST", adminOrg + "/credit-adjustments", withKey(service.admin, "contract-key-1"),
                "{\"amount\":1000,\"reason\":\"first\"}");
        results.add(problem("POST /admin/orgs/{orgId}/credit-adjustments", adminOrg + "/credit-adjustments",
                service.admin, Map.of("idempotency-key", "contract-key-1"), "{\"amount\":2000,\"reason\":\"other\"}",
                422, "idempotency-key-reused"));
        results.add(problem("POST /orgs/{orgId}/voucher-redemptions", org + "/voucher-redemptions", service.member,
                Map.of(), "{\"code\":\"ZZZZ-ZZZZ-ZZZZ-ZZZZ\"}", 422, "voucher-invalid"));
        results.add(problem("POST /admin/vouchers", "/admin/vouchers", service.admin, Map.of(),
                "{\"code\":\"CONTRACT-DUP-0001\",\"amount\":50000,\"validUntil\":\"2099-01-01T00:00:00Z\"}", 201,
                null));
        results.add(problem("POST /admin/vouchers", "/admin/vouchers", service.admin, Map.of(),
                "{\"code\":\"CONTRACT-DUP-0001\",\"amount\":50000,\"validUntil\":\"2099-01-01T00:00:00Z\"}", 409,
                "voucher-code-exists"));
        String today = LocalDate.now(ZoneId.of("Asia/Jakarta")).toString();
        results.add(problem("PUT /admin/catalogue/skus/{sku}/prices", "/admin/catalogue/skus/" + LocalService.SKU
                + "/prices", service.admin, Map.of(), "{\"unitPriceMicros\":1,\"effectiveFrom\":\"" + today
                + "\",\"category\":\"compute\",\"unit\":\"hour\"}", 422, "price-change-too-soon"));
        results.add(problem("PUT /admin/orgs/{orgId}/payment-method", adminOrg + "/payment-method", service.admin,
                Map.of(), "{\"provider\":\"sandbox\",\"cardToken\":\"4111111111111111\",\"brand\":\"VISA\","
                        + "\"maskedNumber\":\"**** 1111\",\"expiryMonth\":1,\"expiryYear\":2030}", 422,
                "card-number-refused"));
        results.add(problem("GET /orgs/{orgId}/invoices/{invoiceId}", org + "/invoices/no-such-invoice",
                service.member, Map.of(), null, 404, "not-found"));
        results.add(problem("POST /admin/invoice-runs", "/admin/invoice-runs", service.admin, Map.of(),
                "{\"period\":\"2999-01\"}", 400, "invalid-request"));

        // The gateway: a signed notification for an order we never created, and one whose amount differs.
        String unknown = service.notification("PAID").replace(service.orderId(), LocalService.ORG + "~NoSuchOrder1");
        results.add(problem("POST /pg/{provider}/notifications", "/pg/sandbox/notifications", null,
                Map.of("x-sandbox-signature", LocalService.sandboxSignature(unknown)), unknown, 404,
                "unknown-order"));
        JsonNode order = LocalService.expect(201, service.send("POST", org + "/topups", service.member,
                "{\"amount\":60000}")).json();
        String mismatch = service.notification("PAID").replace(service.orderId(), order.path("orderId").asText())
                .replace("\"amount\":" + service.orderTotal(), "\"amount\":1");
        results.add(problem("POST /pg/{provider}/notifications", "/pg/sandbox/notifications", null,
                Map.of("x-sandbox-signature", LocalService.sandboxSignature(mismatch)), mismatch, 422,
                "payment-mismatch"));

        // An invoice payment while another is pending.
        String invoice = order.path("invoice").path("id").asText();
        results.add(problem("POST /orgs/{orgId}/invoices/{invoiceId}/payments", org + "/invoices/" + invoice
                + "/payments", service.member, Map.of(), "{}", 201, null));
        results.add(problem("POST /orgs/{orgId}/invoices/{invoiceId}/payments", org + "/invoices/" + invoice
                + "/payments", service.member, Map.of(), "{}", 409, "invoice-payment-pending"));

        // Bare-metal: the same server and start with another price, then another start; a retry answers 200.
        Map<String, String> platform = Map.of("x-local-iam-role", "platform-usage-reporter");
        String charge = LocalService.bareMetalCharge("bm-contract-1", Instant.now());
        results.add(problem("POST /internal/baremetal-charges", "/internal/baremetal-charges", null, platform, charge,
                201, null));
        results.add(problem("POST /internal/baremetal-charges", "/internal/baremetal-charges", null, platform, charge,
                200, null));
        results.add(problem("POST /internal/baremetal-charges", "/internal/baremetal-charges", null, platform,
                charge.replace("\"monthlyPrice\":100000", "\"monthlyPrice\":100001"), 422,
                "baremetal-charge-mismatch"));
        results.add(problem("POST /internal/baremetal-charges", "/internal/baremetal-charges", null, platform,
                LocalService.bareMetalCharge("bm-contract-1", Instant.now().minusSeconds(3600)), 409,
                "baremetal-subscription-exists"));
        results.add(problem("GET /orgs/{orgId}/invoices", org + "/invoices?type=BAREMETAL", service.member, Map.of(),
                null, 200, null));
        results.add(problem("GET /orgs/{orgId}/baremetal-subscriptions", org + "/baremetal-subscriptions",
                service.member, Map.of(), null, 200, null));
        results.add(problem("POST /internal/baremetal-charges/{serverId}/cancel",
                "/internal/baremetal-charges/bm-no-such-server/cancel", null, platform, null, 404, "not-found"));

        // Cards: POSTPAID needs a usable saved card (OTHER_ORG has none); a POSTPAID org's card cannot be removed.
        results.add(problem("PUT /admin/orgs/{orgId}/billing-account", "/admin/orgs/" + LocalService.OTHER_ORG
                + "/billing-account", service.admin, Map.of(), "{\"billingType\":\"POSTPAID\"}", 409,
                "payment-method-required"));
        results.add(problem("GET /orgs/{orgId}/payment-method", "/orgs/" + LocalService.OTHER_ORG
                + "/payment-method", service.otherMember, Map.of(), null, 200, null));
        results.add(problem("DELETE /orgs/{orgId}/payment-method", "/orgs/" + LocalService.OTHER_ORG
                + "/payment-method", service.otherMember, Map.of(), null, 404, "not-found"));
        results.add(problem("PUT /admin/orgs/{orgId}/payment-method", adminOrg + "/payment-method", service.admin,
                Map.of(), spec.requestExample("PUT /admin/orgs/{orgId}/payment-method").orElseThrow().toString(), 200,
                null));
        results.add(problem("PUT /admin/orgs/{orgId}/billing-account", adminOrg + "/billing-account", service.admin,
                Map.of(), "{\"billingType\":\"POSTPAID\"}", 200, null));
        results.add(problem("DELETE /orgs/{orgId}/payment-method", org + "/payment-method", service.billingAdmin,
                Map.of(), null, 409, "payment-method-in-use"));

        List<String> failures = results.stream().flatMap(Optional::stream).toList();
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void theLocalRuntime_servesTheSpec() throws IOException {
        LocalService.Reply reply = service.send("GET", "/openapi.yaml", Map.of(), null);

        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/yaml"), reply.contentType());
        assertEquals(Files.readString(OpenApiSpec.file()), reply.body());
    }

    /** A request whose answer must have {@code status} (and problem {@code code} for a 4xx), checked with the spec. */
    private Optional<String> problem(String routeKey, String path, String token, Map<String, String> extra,
                                     String body, int status, String code) {
        Map<String, String> headers = new LinkedHashMap<>(token == null ? Map.of() : bearer(token));
        headers.put("content-type", "application/json");
        headers.putAll(extra);
        LocalService.Reply reply = service.send(routeKey.split(" ")[0], path, headers, body);
        Optional<String> verdict = status >= 400 ? verdicts.problem(routeKey, reply, status, code)
                : reply.status() != status ? Optional.of("expected " + status + ", got " + reply)
                : verdicts.documented(routeKey, reply);
        return verdict.map(v -> routeKey + " (" + (code == null ? status : code) + "): " + v);
    }

    private Map<String, String> headers(SweptRoute route, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        switch (route.routeClass()) {
            case ORG_SCOPED, ADMIN -> headers.putAll(bearer(service.consoleToken(spec, route)));
            case INTERNAL -> headers.put("x-local-iam-role", "platform-usage-reporter");
            case WEBHOOK -> headers.put("x-sandbox-signature", LocalService.sandboxSignature(body));
        }
        return headers;
    }

    /** The spec's example, with the values only this run knows filled in. */
    private String happyBody(SweptRoute route) {
        Optional<JsonNode> example = spec.requestExample(route.key());
        return switch (route.key()) {
            case "POST /pg/{provider}/notifications" -> service.notification("PAID");
            case "POST /orgs/{orgId}/voucher-redemptions", "POST /admin/vouchers/lookup" ->
                    "{\"code\":\"" + service.voucherCode() + "\"}";
            case "PUT /admin/catalogue/skus/{sku}/prices" -> ((ObjectNode) example.orElseThrow().deepCopy())
                    .put("effectiveFrom", LocalDate.now(ZoneId.of("Asia/Jakarta")).plusDays(5).toString())
                    .toString();
            // The seeded org, and a start the charge accepts (at most 31 days back): the example's date ages.
            case "POST /internal/baremetal-charges" -> ((ObjectNode) example.orElseThrow().deepCopy())
                    .put("orgId", LocalService.ORG).put("start", Instant.now().toString()).toString();
            case "POST /internal/usage" -> "{\"records\":[{\"id\":\"contract-1\",\"orgId\":\"" + LocalService.ORG
                    + "\",\"resourceId\":\"vm-1\",\"sku\":\"" + LocalService.SKU + "\",\"quantity\":\"1\","
                    + "\"start\":\"2026-01-01T00:00:00Z\",\"end\":\"2026-01-01T01:00:00Z\"}]}";
            default -> example.map(JsonNode::toString).orElse(null);
        };
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("authorization", "Bearer " + token);
    }

    private static Map<String, String> withKey(String token, String key) {
        Map<String, String> headers = new LinkedHashMap<>(bearer(token));
        headers.put("content-type", "application/json");
        headers.put("idempotency-key", key);
        return headers;
    }
}
