package com.platform.billing.functions.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.platform.billing.api.Dependencies;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.TableSnapshot;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.billingrun.SavedCard;
import com.platform.billing.dynamodb.DynamoAccountStore;
import com.platform.billing.dynamodb.LedgerAuditor;
import com.platform.billing.dynamodb.billingrun.PaymentMethodItems;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BillingAdminHandlerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LedgerTable table;
    private final BillingAdminHandler handler;

    BillingAdminHandlerIT(LedgerTable table) {
        this.table = table;
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T04:00:00Z"), ZoneOffset.UTC);
        this.handler = new BillingAdminHandler(Dependencies.of(table.dynamo(), table.name(), clock));
    }

    @BeforeAll
    void openAccounts() {
        assertEquals(201, putAccount("org-1", "PREPAID").getStatusCode());
        assertEquals(201, putAccount("org-post", "POSTPAID").getStatusCode());
        assertEquals(201, adjust("org-1", "{\"amount\": 100000, \"reason\": \"opening credit\"}", "open-1")
                .getStatusCode());
    }

    private APIGatewayV2HTTPResponse putAccount(String org, String type) {
        return handler.handleRequest(HttpEvents.route("PUT", "/admin/orgs/{orgId}/billing-account",
                Map.of("orgId", org)).admin("admin-1").body("{\"billingType\": \"" + type + "\"}").build(), null);
    }

    private APIGatewayV2HTTPResponse adjust(String org, String body, String idempotencyKey) {
        HttpEvents event = HttpEvents.route("POST", "/admin/orgs/{orgId}/credit-adjustments", Map.of("orgId", org))
                .admin("admin-1").body(body);
        if (idempotencyKey != null) {
            event.header("Idempotency-Key", idempotencyKey);
        }
        return handler.handleRequest(event.build(), null);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    private static void assertProblem(APIGatewayV2HTTPResponse response, int status, String code) throws Exception {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        JsonNode problem = body(response);
        assertEquals("urn:problem-type:billing:" + code, problem.path("type").asText(), response.getBody());
        assertEquals(status, problem.path("status").asInt());
        assertFalse(response.getBody().contains("Exception"), "no exception text in a response");
        assertFalse(response.getBody().contains("\tat "), "no stack trace in a response");
    }

    @Test
    void sampleEvent_fromInfraEvents_isHandled() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpEvents.fromFile("http-admin-put-billing-account.json").build(), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("PREPAID", body(response).path("billingType").asText());
    }

    @Test
    void adjustCredit_whenPositive_creditsAndRecordsActorAndReason() throws Exception {
        APIGatewayV2HTTPResponse response = adjust("org-1", "{\"amount\": 25000, \"reason\": \"Goodwill\"}", null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode entry = body(response);
        assertEquals(25_000, entry.path("amount").asLong());
        assertEquals("admin-1", entry.path("actor").asText());
        assertEquals("Goodwill", entry.path("reason").asText());
        assertEquals("ADJUSTMENT", entry.path("kind").asText());
        assertEquals(entry.path("balanceAfter").asLong(), entry.path("balance").asLong());
    }

    @Test
    void adjustCredit_whenReplayedWithSameKey_appliesOnceAndAnswersTheSame() throws Exception {
        APIGatewayV2HTTPResponse first = adjust("org-1", "{\"amount\": 7000, \"reason\": \"retry me\"}", "same-key");
        TableSnapshot before = TableSnapshot.of(table);
        APIGatewayV2HTTPResponse second = adjust("org-1", "{\"amount\": 7000, \"reason\": \"retry me\"}", "same-key");

        assertEquals(201, second.getStatusCode());
        assertEquals("true", second.getHeaders().get("idempotent-replayed"));
        assertEquals(body(first).path("transferId"), body(second).path("transferId"));
        assertEquals(body(first).path("balanceAfter"), body(second).path("balanceAfter"));
        assertEquals(before, TableSnapshot.of(table));
    }

    @Test
    void adjustCredit_whenSameKeyDifferentAmount_isRefusedAndWritesNothing() throws Exception {
        adjust("org-1", "{\"amount\": 3000, \"reason\": \"first\"}", "reused-key");
        TableSnapshot before = TableSnapshot.of(table);

        assertProblem(adjust("org-1", "{\"amount\": 3001, \"reason\": \"first\"}", "reused-key"), 422,
                "idempotency-key-reused");
        assertEquals(before, TableSnapshot.of(table));
    }

    @Test
    void adjustCredit_whenItWouldOverdrawPrepaid_is422AndWritesNothing() throws Exception {
        TableSnapshot before = TableSnapshot.of(table);
        assertProblem(adjust("org-1", "{\"amount\": -100000000, \"reason\": \"too much\"}", null), 422,
                "insufficient-credit");
        assertEquals(before, TableSnapshot.of(table));
    }

    @Test
    void adjustCredit_whenPostpaidGoesNegative_isAllowed() throws Exception {
        APIGatewayV2HTTPResponse response = adjust("org-post", "{\"amount\": -5000, \"reason\": \"manual fee\"}",
                null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        assertTrue(body(response).path("balance").asLong() < 0);
    }

    static Stream<Arguments> badAdjustments() {
        return Stream.of(
                Arguments.of("{", 400, "malformed-request"),
                Arguments.of("", 400, "malformed-request"),
                Arguments.of("[1,2]", 400, "malformed-request"),
                Arguments.of("\"text\"", 400, "malformed-request"),
                Arguments.of("{\"amount\": 100, \"reason\": \"x\"} trailing", 400, "malformed-request"),
                Arguments.of("{\"amount\": 1, \"amount\": 2, \"reason\": \"dup\"}", 400, "malformed-request"),
                Arguments.of("{\"amount\": \"100000\", \"reason\": \"x\"}", 400, "malformed-request"),
                Arguments.of("{\"amount\": true, \"reason\": \"x\"}", 400, "malformed-request"),
                Arguments.of("{\"amount\": null, \"reason\": \"x\"}", 400, "invalid-request"),
                Arguments.of("{\"reason\": \"x\"}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 100}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 100, \"reason\": 5}", 400, "malformed-request"),
                Arguments.of("{\"amount\": 100, \"reason\": \"   \"}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 100.5, \"reason\": \"x\"}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 100.0, \"reason\": \"x\"}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 1e5, \"reason\": \"x\"}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 0, \"reason\": \"x\"}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 100000000001, \"reason\": \"x\"}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 9223372036854775808, \"reason\": \"x\"}", 400, "invalid-request"),
                Arguments.of("{\"amount\": -9223372036854775808, \"reason\": \"x\"}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 99999999999999999999999999999, \"reason\": \"x\"}", 400,
                        "invalid-request"),
                Arguments.of("{\"amount\": NaN, \"reason\": \"x\"}", 400, "malformed-request"),
                Arguments.of("{\"amount\": 100, \"reason\": \"" + "r".repeat(501) + "\"}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 100, \"reason\": \"bell\\u0007\"}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 100, \"reason\": \"x\", \"extra\": 1}", 400, "malformed-request"),
                Arguments.of("{\"ammount\": 100, \"reason\": \"typo\"}", 400, "malformed-request"),
                Arguments.of("{\"amount\": 100, \"reason\": \"" + "x".repeat(70_000) + "\"}", 400,
                        "malformed-request"),
                Arguments.of("[".repeat(100) + "]".repeat(100), 400, "malformed-request"),
                Arguments.of("{\"amount\": " + "9".repeat(60) + ", \"reason\": \"x\"}", 400, "malformed-request"));
    }

    @ParameterizedTest
    @MethodSource("badAdjustments")
    void adjustCredit_whenBadInput_isProblemAndWritesNothing(String body, int status, String code)
            throws Exception {
        TableSnapshot before = TableSnapshot.of(table);
        assertProblem(adjust("org-1", body, null), status, code);
        assertEquals(before, TableSnapshot.of(table));
    }

    @Test
    void adjustCredit_whenBadIdempotencyKey_is400() throws Exception {
        assertProblem(adjust("org-1", "{\"amount\": 100, \"reason\": \"x\"}", "has space"), 400, "invalid-request");
        assertProblem(adjust("org-1", "{\"amount\": 100, \"reason\": \"x\"}", "k".repeat(101)), 400,
                "invalid-request");
    }

    @Test
    void adjustCredit_whenUnknownOrg_is404AndWritesNothing() throws Exception {
        TableSnapshot before = TableSnapshot.of(table);
        assertProblem(adjust("org-unknown", "{\"amount\": 100, \"reason\": \"x\"}", null), 404, "not-found");
        assertProblem(adjust("..%2Fx", "{\"amount\": 100, \"reason\": \"x\"}", null), 404, "not-found");
        assertEquals(before, TableSnapshot.of(table));
    }

    @Test
    void adminRoutes_withoutAdminRole_are403AndWriteNothing() throws Exception {
        TableSnapshot before = TableSnapshot.of(table);
        var memberAdjust = HttpEvents.route("POST", "/admin/orgs/{orgId}/credit-adjustments", Map.of("orgId", "org-1"))
                .member("user-1", "org-1").body("{\"amount\": 100, \"reason\": \"x\"}").build();
        assertProblem(handler.handleRequest(memberAdjust, null), 403, "forbidden");
        var memberPut = HttpEvents.route("PUT", "/admin/orgs/{orgId}/billing-account", Map.of("orgId", "org-1"))
                .claims("user-1", List.of("org-1"), List.of("billing-admin")).body("{\"billingType\": \"POSTPAID\"}")
                .build();
        assertProblem(handler.handleRequest(memberPut, null), 403, "forbidden");
        assertEquals(before, TableSnapshot.of(table));
    }

    @Test
    void adminRoutes_withoutClaims_are401() throws Exception {
        var event = HttpEvents.route("POST", "/admin/orgs/{orgId}/credit-adjustments", Map.of("orgId", "org-1"))
                .withoutAuthorizer().body("{\"amount\": 100, \"reason\": \"x\"}").build();
        assertProblem(handler.handleRequest(event, null), 401, "unauthenticated");
    }

    static Stream<Arguments> badAccountBodies() {
        return Stream.of(
                Arguments.of("{\"billingType\": \"prepaid\"}", "invalid-request"),
                Arguments.of("{\"billingType\": \"FREE\"}", "invalid-request"),
                Arguments.of("{\"billingType\": 1}", "malformed-request"),
                Arguments.of("{}", "invalid-request"),
                Arguments.of("{\"billingType\": \"PREPAID\", \"credit\": 1000000}", "malformed-request"),
                Arguments.of("not json", "malformed-request"));
    }

    @ParameterizedTest
    @MethodSource("badAccountBodies")
    void putBillingAccount_whenBadInput_isProblemAndWritesNothing(String body, String code) throws Exception {
        TableSnapshot before = TableSnapshot.of(table);
        var event = HttpEvents.route("PUT", "/admin/orgs/{orgId}/billing-account", Map.of("orgId", "org-new"))
                .admin("admin-1").body(body).build();
        assertProblem(handler.handleRequest(event, null), 400, code);
        assertEquals(before, TableSnapshot.of(table));
    }

    @Test
    void putBillingAccount_whenSwitchingType_answers200AndKeepsCredit() throws Exception {
        assertEquals(201, putAccount("org-switch", "PREPAID").getStatusCode());
        adjust("org-switch", "{\"amount\": 60000, \"reason\": \"seed\"}", null);
        saveCard("org-switch", false);
        table.counter().reset();
        APIGatewayV2HTTPResponse switched = putAccount("org-switch", "POSTPAID");
        assertEquals(200, switched.getStatusCode());
        assertEquals(2, table.counter().totalRequests(), "a create attempt that returns the stored item, one update");
        assertEquals("POSTPAID", body(switched).path("billingType").asText());
        assertEquals(60_000, body(switched).path("credit").asLong());
        assertEquals(200, putAccount("org-switch", "POSTPAID").getStatusCode());
    }

    @Test
    void putBillingAccount_toPostpaidWithoutACard_is409AndStaysPrepaid() throws Exception {
        assertEquals(201, putAccount("org-nocard", "PREPAID").getStatusCode());

        assertProblem(putAccount("org-nocard", "POSTPAID"), 409, "payment-method-required");

        assertEquals("PREPAID", new DynamoAccountStore(table.dynamo(), table.name()).find("org-nocard")
                .orElseThrow().billingType().name());
    }

    @Test
    void putBillingAccount_toPostpaidWithACardTheGatewayReportedInvalid_is409() throws Exception {
        assertEquals(201, putAccount("org-badcard", "PREPAID").getStatusCode());
        saveCard("org-badcard", true);

        assertProblem(putAccount("org-badcard", "POSTPAID"), 409, "payment-method-required");
    }

    /** The org's saved card as a confirmed registration leaves it (optionally found invalid at a charge since). */
    private void saveCard(String org, boolean invalid) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(PaymentMethodItems.registered(new SavedCard(org,
                "sandbox", "tok_ok_" + org, "VISA", "•••• 1114", 12, 2030, "owner-1",
                Instant.parse("2026-11-27T03:00:00Z")), org + "~registration1"));
        if (invalid) {
            item.put("invalidAt", AttributeValue.fromS("2026-11-27T03:30:00.000Z"));
            item.put("invalidReason", AttributeValue.fromS("token expired"));
        }
        table.dynamo().putItem(r -> r.tableName(table.name()).item(item));
    }

    @Test
    void putBillingAccount_toPrepaidWithNegativeBalance_is409() throws Exception {
        assertEquals(201, putAccount("org-debt", "POSTPAID").getStatusCode());
        adjust("org-debt", "{\"amount\": -1000, \"reason\": \"fee\"}", null);
        assertProblem(putAccount("org-debt", "PREPAID"), 409, "negative-balance");
    }

    @Test
    void ledger_afterAllOperations_auditsClean() {
        LedgerAuditor.Report report = new LedgerAuditor(table.dynamo(), table.name()).audit();
        assertTrue(report.clean(), report.differences()::toString);
    }
}
