package com.platform.billing.functions.vouchers;

import static com.platform.billing.functions.vouchers.VoucherKit.assertProblem;
import static com.platform.billing.functions.vouchers.VoucherKit.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.TableSnapshot;
import com.platform.billing.devkit.Template;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.voucher.VoucherCode;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The dashboard's voucher routes through the real function on real event JSON. */
@WithLedgerTable
class VoucherAdminIT {

    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");
    private final VoucherKit kit;

    VoucherAdminIT(LedgerTable table) {
        this.kit = new VoucherKit(table, NOW);
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return kit.adminHandler.handleRequest(event, null);
    }

    private String validCreate(String codeOrCount) {
        return "{" + codeOrCount + ", \"amount\": 100000, \"validUntil\": \"2026-12-31T00:00:00+07:00\"}";
    }

    @Test
    void sampleEvents_createThenLookUp_returnTheCodeOnceAndStoreOnlyItsHash() {
        APIGatewayV2HTTPResponse created = handle(HttpEvents.fromFile("http-voucher-admin-create.json").build());

        assertEquals(201, created.getStatusCode(), created.getBody());
        JsonNode body = json(created);
        String voucherId = body.path("vouchers").path(0).path("voucherId").asText();
        assertEquals("WELCOME2026", body.path("vouchers").path(0).path("code").asText());
        assertEquals(100_000, body.path("amount").asLong());
        assertEquals("2026-10-31T17:00:00.000Z", body.path("validFrom").asText());
        assertEquals("2026-12-31T17:00:00.000Z", body.path("validUntil").asText());
        assertEquals(500, body.path("totalLimit").asLong());
        assertEquals("admin-1", body.path("createdBy").asText());
        assertTrue(body.path("batchId").isNull());

        APIGatewayV2HTTPResponse found = handle(HttpEvents.fromFile("http-voucher-admin-lookup.json").build());
        assertEquals(200, found.getStatusCode(), found.getBody());
        assertEquals(voucherId, json(found).path("voucherId").asText());
        assertEquals("****2026", json(found).path("code").asText());
        assertFalse(found.getBody().contains("WELCOME"), "the code is shown once, at creation only");

        for (Map<String, AttributeValue> item : TableSnapshot.of(kit.table).items()) {
            for (AttributeValue value : item.values()) {
                String text = (String.valueOf(value.s()) + value.ss()).toUpperCase().replaceAll("[^A-Z0-9]", "");
                assertFalse(text.contains("WELCOME2026"), "the table holds no code: " + item);
            }
        }
    }

    @Test
    void create_whenCodeExistsInAnyCase_is409AndWritesNothing() {
        kit.createVoucher("TAKEN-CODE-01", 10_000, 5, 1);
        TableSnapshot before = TableSnapshot.of(kit.table);

        assertProblem(kit.admin("POST", "/admin/vouchers", Map.of(), validCreate("\"code\": \" taken code 01 \"")),
                409, "voucher-code-exists");

        assertEquals(before, TableSnapshot.of(kit.table));
    }

    @Test
    void get_showsTermsWhoCreatedAndUsageByOrgWithPaging() {
        String voucherId = kit.createVoucher("USAGE-VIEW-01", 12_000, NOW.minusSeconds(60),
                NOW.plusSeconds(86_400), 10, 2, List.of());
        for (String org : List.of("org-use-a", "org-use-b")) {
            kit.openAccount(org);
            assertEquals(201, kit.redeem(org, "user-" + org, "USAGE-VIEW-01").getStatusCode());
        }
        assertEquals(201, kit.redeem("org-use-a", "user-org-use-a", "USAGE-VIEW-01").getStatusCode());

        var event = HttpEvents.route("GET", "/admin/vouchers/{voucherId}", Map.of("voucherId", voucherId))
                .admin("admin-2").query("limit=1", Map.of("limit", "1")).build();
        JsonNode page1 = json(handle(event));

        assertEquals(voucherId, page1.path("voucherId").asText());
        assertEquals("ACTIVE", page1.path("status").asText());
        assertEquals("****EW01", page1.path("code").asText());
        assertEquals(2, page1.path("perOrgLimit").asInt());
        assertEquals("admin-1", page1.path("createdBy").asText());
        assertEquals(3, page1.path("usage").path("redeemed").asLong());
        assertEquals(7, page1.path("usage").path("remaining").asLong());
        assertEquals("org-use-a", page1.path("usage").path("orgs").path(0).path("orgId").asText());
        assertEquals(2, page1.path("usage").path("orgs").path(0).path("redemptions").asInt());
        String cursor = page1.path("usage").path("nextCursor").asText();
        var next = HttpEvents.route("GET", "/admin/vouchers/{voucherId}", Map.of("voucherId", voucherId))
                .admin("admin-2").query("limit=1&cursor=" + cursor, Map.of("limit", "1", "cursor", cursor)).build();
        JsonNode page2 = json(handle(next));
        assertEquals("org-use-b", page2.path("usage").path("orgs").path(0).path("orgId").asText());
    }

    @Test
    void get_whenUnknownOrMalformedId_is404() {
        // The sample events name a voucher id that no test pepper produces.
        assertProblem(handle(HttpEvents.fromFile("http-voucher-admin-get.json").build()), 404, "not-found");
        assertProblem(handle(HttpEvents.fromFile("http-voucher-admin-disable.json").build()), 404, "not-found");
        assertProblem(kit.admin("GET", "/admin/vouchers/{voucherId}", Map.of("voucherId", "../../etc"), null), 404,
                "not-found");
        assertProblem(kit.admin("POST", "/admin/vouchers/lookup", Map.of(), "{\"code\":\"NEVER-MADE-01\"}"), 404,
                "not-found");
    }

    @Test
    void disable_recordsWhoWhenAndWhy_stopsRedemption_andIsIdempotent() {
        String voucherId = kit.createVoucher("TO-BE-DISABLED-1", 10_000, 5, 1);
        kit.openAccount("org-after-disable");

        APIGatewayV2HTTPResponse disabled = handle(HttpEvents.route("POST", "/admin/vouchers/{voucherId}/disable",
                Map.of("voucherId", voucherId)).claims("admin-7", List.of(), List.of("admin"))
                .body("{\"reason\": \"Code leaked on a public forum\"}").build());

        assertEquals(200, disabled.getStatusCode(), disabled.getBody());
        JsonNode view = json(disabled);
        assertEquals("DISABLED", view.path("status").asText());
        assertEquals("admin-7", view.path("disabled").path("by").asText());
        assertEquals("2026-11-27T04:00:00.000Z", view.path("disabled").path("at").asText());
        assertEquals("Code leaked on a public forum", view.path("disabled").path("reason").asText());
        assertProblem(kit.redeem("org-after-disable", "user-ad", "TO-BE-DISABLED-1"), 422, "voucher-invalid");

        kit.clock.advance(java.time.Duration.ofMinutes(5));
        JsonNode again = json(kit.admin("POST", "/admin/vouchers/{voucherId}/disable",
                Map.of("voucherId", voucherId), null));
        assertEquals(view.path("disabled"), again.path("disabled"), "the first disablement stays on record");
    }

    @Test
    void sampleEvent_createBatch_returnsDistinctRandomCodesOnce() {
        APIGatewayV2HTTPResponse response = handle(HttpEvents.fromFile("http-voucher-admin-create-batch.json")
                .build());

        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode body = json(response);
        assertEquals(100, body.path("count").asInt());
        assertFalse(body.path("batchId").asText().isEmpty());
        Set<String> codes = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode voucher : body.path("vouchers")) {
            assertTrue(voucher.path("code").asText().matches("[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}"));
            codes.add(voucher.path("code").asText());
            ids.add(voucher.path("voucherId").asText());
            assertEquals(voucher.path("voucherId").asText(),
                    kit.settings.hasher().voucherId(VoucherCode.parse(voucher.path("code").asText(), "code")));
        }
        assertEquals(100, codes.size());
        assertEquals(100, ids.size());
    }

    @Test
    void adminRoutes_withoutAdminRole_are403AndWriteNothing() {
        String voucherId = kit.createVoucher("ADMIN-ONLY-CODE1", 10_000, 5, 1);
        TableSnapshot before = TableSnapshot.of(kit.table);

        List<APIGatewayV2HTTPEvent> events = List.of(
                HttpEvents.route("POST", "/admin/vouchers", Map.of()).member("user-1", "org-1")
                        .body(validCreate("\"count\": 5")).build(),
                HttpEvents.route("GET", "/admin/vouchers/{voucherId}", Map.of("voucherId", voucherId))
                        .claims("user-1", List.of("org-1"), List.of("billing-admin")).build(),
                HttpEvents.route("POST", "/admin/vouchers/{voucherId}/disable", Map.of("voucherId", voucherId))
                        .member("user-1", "org-1").build(),
                HttpEvents.route("POST", "/admin/vouchers/lookup", Map.of()).member("user-1", "org-1")
                        .body("{\"code\":\"ADMIN-ONLY-CODE1\"}").build());
        for (APIGatewayV2HTTPEvent event : events) {
            assertProblem(handle(event), 403, "forbidden");
        }
        assertProblem(handle(HttpEvents.route("POST", "/admin/vouchers", Map.of()).withoutAuthorizer()
                .body(validCreate("\"count\": 5")).build()), 401, "unauthenticated");
        assertEquals(before, TableSnapshot.of(kit.table));
    }

    static Stream<Arguments> badCreations() {
        String until = "\"validUntil\": \"2026-12-31T00:00:00+07:00\"";
        return Stream.of(
                Arguments.of("", "malformed-request"),
                Arguments.of("{", "malformed-request"),
                Arguments.of("[]", "malformed-request"),
                Arguments.of("{\"count\": 5, \"amount\": 1000, " + until + ", \"extra\": true}", "malformed-request"),
                Arguments.of("{\"code\": \"BOTH-GIVEN-01\", \"count\": 5, \"amount\": 1000, " + until + "}",
                        "invalid-request"),
                Arguments.of("{\"amount\": 1000, " + until + "}", "invalid-request"),
                Arguments.of("{\"count\": 5, " + until + "}", "invalid-request"),
                Arguments.of("{\"count\": 5, \"amount\": \"1000\", " + until + "}", "malformed-request"),
                Arguments.of("{\"count\": 5, \"amount\": 1000.5, " + until + "}", "invalid-request"),
                Arguments.of("{\"count\": 5, \"amount\": 1e3, " + until + "}", "invalid-request"),
                Arguments.of("{\"count\": 5, \"amount\": 0, " + until + "}", "invalid-request"),
                Arguments.of("{\"count\": 5, \"amount\": -1000, " + until + "}", "invalid-request"),
                Arguments.of("{\"count\": 5, \"amount\": 100000001, " + until + "}", "invalid-request"),
                Arguments.of("{\"count\": 5, \"amount\": 9223372036854775808, " + until + "}", "invalid-request"),
                Arguments.of("{\"count\": 5, \"amount\": 1000}", "invalid-request"),
                Arguments.of("{\"count\": 5, \"amount\": 1000, \"validUntil\": \"tomorrow\"}", "invalid-request"),
                Arguments.of("{\"count\": 5, \"amount\": 1000, \"validUntil\": \"2026-12-31T00:00:00\"}",
                        "invalid-request"),
                Arguments.of("{\"count\": 5, \"amount\": 1000, \"validUntil\": \"2026-11-01T00:00:00Z\"}",
                        "invalid-request"),
                Arguments.of("{\"count\": 5, \"amount\": 1000, \"validFrom\": \"2027-01-01T00:00:00Z\", " + until
                        + "}", "invalid-request"),
                Arguments.of("{\"count\": 5, \"amount\": 1000, \"validUntil\": 20261231}", "malformed-request"),
                Arguments.of("{\"count\": 0, \"amount\": 1000, " + until + "}", "invalid-request"),
                Arguments.of("{\"count\": 1001, \"amount\": 1000, " + until + "}", "invalid-request"),
                Arguments.of("{\"count\": 2.5, \"amount\": 1000, " + until + "}", "invalid-request"),
                Arguments.of("{\"count\": \"5\", \"amount\": 1000, " + until + "}", "malformed-request"),
                Arguments.of("{\"count\": 5, \"amount\": 1000, \"totalLimit\": 0, " + until + "}", "invalid-request"),
                Arguments.of("{\"count\": 5, \"amount\": 1000, \"totalLimit\": 1.5, " + until + "}",
                        "invalid-request"),
                Arguments.of("{\"count\": 5, \"amount\": 1000, \"totalLimit\": \"3\", " + until + "}",
                        "malformed-request"),
                Arguments.of("{\"count\": 5, \"amount\": 1000, \"perOrgLimit\": 101, \"totalLimit\": 500, " + until
                        + "}", "invalid-request"),
                Arguments.of("{\"count\": 5, \"amount\": 1000, \"perOrgLimit\": 3, \"totalLimit\": 2, " + until
                        + "}", "invalid-request"),
                Arguments.of("{\"code\": \"ABC\", \"amount\": 1000, " + until + "}", "invalid-request"),
                Arguments.of("{\"code\": \"" + "A".repeat(65) + "\", \"amount\": 1000, " + until + "}",
                        "invalid-request"),
                Arguments.of("{\"code\": \"BAD!CODE-1\", \"amount\": 1000, " + until + "}", "invalid-request"),
                Arguments.of("{\"code\": 12345678, \"amount\": 1000, " + until + "}", "malformed-request"),
                Arguments.of("{\"count\": 5, \"amount\": 1000, \"allowedOrgs\": \"org-1\", " + until + "}",
                        "malformed-request"),
                Arguments.of("{\"count\": 5, \"amount\": 1000, \"allowedOrgs\": [1], " + until + "}",
                        "malformed-request"),
                Arguments.of("{\"count\": 5, \"amount\": 1000, \"allowedOrgs\": [\"bad org\"], " + until + "}",
                        "invalid-request"),
                Arguments.of("{\"count\": 5, \"amount\": 1000, \"note\": \"" + "n".repeat(501) + "\", " + until
                        + "}", "invalid-request"),
                Arguments.of("{\"count\": 5, \"amount\": 1000, \"note\": \"bell\\u0007\", " + until + "}",
                        "invalid-request"));
    }

    @ParameterizedTest
    @MethodSource("badCreations")
    void create_whenBadInput_is400AndWritesNothing(String body, String code) {
        TableSnapshot before = TableSnapshot.of(kit.table);
        kit.table.counter().reset();

        assertProblem(kit.admin("POST", "/admin/vouchers", Map.of(), body), 400, code);

        assertEquals(0, kit.table.counter().totalRequests());
        assertEquals(before, TableSnapshot.of(kit.table));
    }

    static Stream<Arguments> badLookupsAndDisables() {
        return Stream.of(
                Arguments.of("/admin/vouchers/lookup", "{}", "invalid-request"),
                Arguments.of("/admin/vouchers/lookup", "{\"code\": 5}", "malformed-request"),
                Arguments.of("/admin/vouchers/lookup", "{\"code\": \"ABC\"}", "invalid-request"),
                Arguments.of("/admin/vouchers/lookup", "", "malformed-request"),
                Arguments.of("/admin/vouchers/{voucherId}/disable", "{\"reason\": 5}", "malformed-request"),
                Arguments.of("/admin/vouchers/{voucherId}/disable", "{\"why\": \"x\"}", "malformed-request"),
                Arguments.of("/admin/vouchers/{voucherId}/disable", "{", "malformed-request"),
                Arguments.of("/admin/vouchers/{voucherId}/disable", "{\"reason\": \"" + "r".repeat(501) + "\"}",
                        "invalid-request"));
    }

    @ParameterizedTest
    @MethodSource("badLookupsAndDisables")
    void lookupAndDisable_whenBadInput_is400AndWritesNothing(String route, String body, String code) {
        String voucherId = kit.settings.hasher().voucherId(VoucherCode.parse("BAD-INPUT-TARGET", "code"));
        if (kit.admin("GET", "/admin/vouchers/{voucherId}", Map.of("voucherId", voucherId), null)
                .getStatusCode() == 404) {
            kit.createVoucher("BAD-INPUT-TARGET", 10_000, 5, 1);
        }
        TableSnapshot before = TableSnapshot.of(kit.table);

        Map<String, String> path = route.contains("{voucherId}") ? Map.of("voucherId", voucherId) : Map.of();
        assertProblem(kit.admin("POST", route, path, body), 400, code);

        assertEquals(before, TableSnapshot.of(kit.table));
    }

    @Test
    void get_whenLimitIsBad_is400() {
        String voucherId = kit.createVoucher("LIMIT-CHECK-01", 10_000, 5, 1);
        var event = HttpEvents.route("GET", "/admin/vouchers/{voucherId}", Map.of("voucherId", voucherId))
                .admin("admin-1").query("limit=0", Map.of("limit", "0")).build();
        assertProblem(handle(event), 400, "invalid-request");
    }

    /** Every route template.yaml gives the voucher functions is one the handler serves, and no other. */
    @Test
    void templateRoutes_areAllServedByTheVoucherHandlers() {
        Map<String, List<String>> byFunction = new HashMap<>();
        for (Template.Route route : Template.load().httpRoutes()) {
            if (route.functionId().startsWith("Voucher")) {
                assertEquals("JWT", route.auth(), route.toString());
                byFunction.computeIfAbsent(route.functionId(), k -> new java.util.ArrayList<>())
                        .add(route.method() + " " + route.path());
            }
        }
        assertEquals(Set.of("POST /orgs/{orgId}/voucher-redemptions", "GET /orgs/{orgId}/voucher-redemptions"),
                Set.copyOf(byFunction.get("VoucherRedeemFunction")));
        assertEquals(Set.of("POST /admin/vouchers", "GET /admin/vouchers/{voucherId}",
                        "POST /admin/vouchers/{voucherId}/disable", "POST /admin/vouchers/lookup"),
                Set.copyOf(byFunction.get("VoucherAdminFunction")));
        for (String routeKey : byFunction.get("VoucherAdminFunction")) {
            String[] parts = routeKey.split(" ");
            APIGatewayV2HTTPResponse response = handle(HttpEvents.route(parts[0], parts[1],
                    Map.of("voucherId", "vch_0e5w3k2m7q9r1t4v6x8z0b2d4f")).admin("admin-1").body("{}").build());
            assertNotEquals("No such resource.", json(response).path("detail").asText(), routeKey);
        }
        for (String routeKey : byFunction.get("VoucherRedeemFunction")) {
            String[] parts = routeKey.split(" ");
            APIGatewayV2HTTPResponse response = kit.redeemHandler.handleRequest(HttpEvents.route(parts[0], parts[1],
                    Map.of("orgId", "org-route")).member("user-route", "org-route").body("{}").build(), null);
            assertNotEquals("No such resource.", json(response).path("detail").asText(), routeKey);
        }
    }
}
