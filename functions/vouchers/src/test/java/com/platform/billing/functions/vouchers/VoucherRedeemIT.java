package com.platform.billing.functions.vouchers;

import static com.platform.billing.functions.vouchers.VoucherKit.assertProblem;
import static com.platform.billing.functions.vouchers.VoucherKit.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.TableSnapshot;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.LedgerEntry;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.Transfer;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.TransferKind;
import com.platform.billing.dynamodb.DynamoLedger;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Redeeming codes through the real function on real event JSON, against a fresh table. */
@WithLedgerTable
class VoucherRedeemIT {

    private static final Instant START = Instant.parse("2026-11-27T04:00:00Z");
    private final VoucherKit kit;

    VoucherRedeemIT(LedgerTable table) {
        this.kit = new VoucherKit(table, START);
    }

    @Test
    void sampleEvent_redeem_credits201WithAmountAndNewBalanceInOneTransfer() throws Exception {
        kit.openAccount("org-1");
        new DynamoLedger(kit.table.dynamo(), kit.table.name(), kit.clock).apply(new Transfer(
                TransferId.of("adjustment", "org-1", "opening"), "org-1", TransferKind.ADJUSTMENT,
                Money.of(50_000, "IDR"), "", "admin-1", "opening credit"));
        String voucherId = kit.createVoucher("7KQ2-XR9M-PLW4-HT3N", 100_000, 5, 1);

        APIGatewayV2HTTPResponse response = kit.redeemHandler.handleRequest(
                HttpEvents.fromFile("http-voucher-redeem.json").build(), null);

        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode body = json(response);
        assertEquals(100_000, body.path("amount").asLong());
        assertEquals("IDR", body.path("currency").asText());
        assertEquals(150_000, body.path("balance").asLong());
        assertEquals("****HT3N", body.path("code").asText());
        assertEquals("voucher:" + voucherId + ":org-1", body.path("transferId").asText());
        assertFalse(response.getBody().contains("XR9M"), "the full code is never echoed");
        assertEquals(150_000, kit.balance("org-1"));

        LedgerEntry entry = new DynamoLedger(kit.table.dynamo(), kit.table.name(), kit.clock)
                .entries("org-1", null, 1).items().getFirst();
        assertEquals(TransferKind.VOUCHER, entry.kind());
        assertEquals(voucherId, entry.reference());
        assertEquals("user-1", entry.actor());
        assertEquals(100_000, entry.amount().amount());

        Map<String, AttributeValue> event = kit.table.dynamo().getItem(r -> r.tableName(kit.table.name())
                .key(Items.key(Keys.eventPk("voucher:" + voucherId + ":org-1"), Keys.eventSk()))).item();
        assertEquals("EVENT", event.get("type").s());
        assertEquals("VoucherRedeemed", event.get("eventType").s());
        assertEquals("org-1", event.get("orgId").s());
        assertEquals(START.plus(Duration.ofDays(7)).getEpochSecond(), Long.parseLong(event.get("expiresAt").n()));
        JsonNode detail = VoucherKit.JSON.readTree(event.get("detail").s());
        assertEquals(100_000, detail.path("amount").asLong());
        assertEquals(voucherId, detail.path("voucherId").asText());

        JsonNode voucher = json(kit.admin("GET", "/admin/vouchers/{voucherId}", Map.of("voucherId", voucherId),
                null));
        assertEquals(1, voucher.path("usage").path("redeemed").asLong());
        assertEquals(4, voucher.path("usage").path("remaining").asLong());
        assertEquals("org-1", voucher.path("usage").path("orgs").path(0).path("orgId").asText());
        kit.assertAuditClean();
    }

    @Test
    void redeem_whenCodeTypedInOtherCaseWithSpaces_matches() {
        kit.openAccount("org-case");
        kit.createVoucher("SUMMER-BONUS-2026", 20_000, 10, 1);

        APIGatewayV2HTTPResponse response = kit.redeem("org-case", "user-case", "  summer bonus-2026 ");

        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals("****2026", json(response).path("code").asText());
    }

    @Test
    void redeem_whenPerOrgLimitIsOne_secondIsRefusedAndCreditsOnce() {
        kit.openAccount("org-once");
        kit.createVoucher("ONCE-PER-ORG-01", 30_000, 100, 1);

        assertEquals(201, kit.redeem("org-once", "user-once", "ONCE-PER-ORG-01").getStatusCode());
        assertProblem(kit.redeem("org-once", "user-once", "ONCE-PER-ORG-01"), 409, "voucher-already-redeemed");

        assertEquals(30_000, kit.balance("org-once"));
        kit.assertAuditClean();
    }

    @Test
    void redeem_whenPerOrgLimitIsThree_fourthIsRefused() {
        kit.openAccount("org-thrice");
        String voucherId = kit.createVoucher("THREE-TIMES-01", 10_000, 100, 3);

        for (int n = 1; n <= 3; n++) {
            APIGatewayV2HTTPResponse response = kit.redeem("org-thrice", "user-thrice", "THREE-TIMES-01");
            assertEquals(201, response.getStatusCode(), response.getBody());
            assertEquals("voucher:" + voucherId + ":org-thrice:" + n, json(response).path("transferId").asText());
            assertEquals(10_000L * n, json(response).path("balance").asLong());
        }
        assertProblem(kit.redeem("org-thrice", "user-thrice", "THREE-TIMES-01"), 409, "voucher-already-redeemed");

        assertEquals(30_000, kit.balance("org-thrice"));
        JsonNode usage = json(kit.admin("GET", "/admin/vouchers/{voucherId}", Map.of("voucherId", voucherId), null))
                .path("usage");
        assertEquals(3, usage.path("redeemed").asLong());
        assertEquals(3, usage.path("orgs").path(0).path("redemptions").asInt());
        kit.assertAuditClean();
    }

    @Test
    void redeem_atExpiryBoundaries_untilIsExclusive() {
        Instant until = START.plus(Duration.ofDays(3));
        kit.createVoucher("EXPIRY-EDGE-01", 15_000, START.minusSeconds(60), until, 10, 1, List.of());
        for (String org : List.of("org-edge-before", "org-edge-at", "org-edge-after")) {
            kit.openAccount(org);
        }

        kit.clock.set(until.minusSeconds(1));
        assertEquals(201, kit.redeem("org-edge-before", "user-edge-1", "EXPIRY-EDGE-01").getStatusCode());
        kit.clock.set(until);
        assertProblem(kit.redeem("org-edge-at", "user-edge-2", "EXPIRY-EDGE-01"), 422, "voucher-expired");
        kit.clock.set(until.plusSeconds(1));
        assertProblem(kit.redeem("org-edge-after", "user-edge-3", "EXPIRY-EDGE-01"), 422, "voucher-expired");

        assertEquals(15_000, kit.balance("org-edge-before"));
        assertEquals(0, kit.balance("org-edge-at"));
        assertEquals(0, kit.balance("org-edge-after"));
    }

    @Test
    void redeem_beforeAndAtValidFrom_isNotYetValidThenAllowed() {
        Instant from = START.plus(Duration.ofHours(2));
        kit.createVoucher("STARTS-LATER-01", 5_000, from, from.plus(Duration.ofDays(1)), 10, 1, List.of());
        kit.openAccount("org-early");

        kit.clock.set(from.minusMillis(1));
        assertProblem(kit.redeem("org-early", "user-early", "STARTS-LATER-01"), 422, "voucher-not-yet-valid");
        kit.clock.set(from);
        assertEquals(201, kit.redeem("org-early", "user-early", "STARTS-LATER-01").getStatusCode());
    }

    @Test
    void redeem_whenUnknownDisabledOrRestricted_answersExactlyAlike() {
        kit.openAccount("org-probe");
        String disabledId = kit.createVoucher("DISABLED-CODE-1", 10_000, 10, 1);
        assertEquals(200, kit.admin("POST", "/admin/vouchers/{voucherId}/disable",
                Map.of("voucherId", disabledId), "{\"reason\":\"test\"}").getStatusCode());
        kit.createVoucher("ONLY-OTHERS-01", 10_000, START.minusSeconds(60), START.plusSeconds(86_400), 10, 1,
                List.of("org-chosen"));

        APIGatewayV2HTTPResponse unknown = kit.redeem("org-probe", "user-probe", "NEVER-ISSUED-01");
        APIGatewayV2HTTPResponse disabled = kit.redeem("org-probe", "user-probe", "DISABLED-CODE-1");
        APIGatewayV2HTTPResponse restricted = kit.redeem("org-probe", "user-probe", "ONLY-OTHERS-01");

        assertProblem(unknown, 422, "voucher-invalid");
        assertEquals(json(unknown), json(disabled));
        assertEquals(json(unknown), json(restricted));
        assertEquals(unknown.getHeaders(), disabled.getHeaders());
        assertEquals(0, kit.balance("org-probe"));

        kit.openAccount("org-chosen");
        assertEquals(201, kit.redeem("org-chosen", "user-chosen", "ONLY-OTHERS-01").getStatusCode());
    }

    @Test
    void redeem_whenTotalLimitReached_isFullyRedeemed() {
        String voucherId = kit.createVoucher("TWO-IN-TOTAL-01", 10_000, 2, 1);
        for (String org : List.of("org-full-a", "org-full-b", "org-full-c")) {
            kit.openAccount(org);
        }
        assertEquals(201, kit.redeem("org-full-a", "user-full-a", "TWO-IN-TOTAL-01").getStatusCode());
        assertEquals(201, kit.redeem("org-full-b", "user-full-b", "TWO-IN-TOTAL-01").getStatusCode());

        assertProblem(kit.redeem("org-full-c", "user-full-c", "TWO-IN-TOTAL-01"), 409, "voucher-fully-redeemed");

        JsonNode usage = json(kit.admin("GET", "/admin/vouchers/{voucherId}", Map.of("voucherId", voucherId), null))
                .path("usage");
        assertEquals(2, usage.path("redeemed").asLong());
        assertEquals(0, usage.path("remaining").asLong());
        assertEquals(0, kit.balance("org-full-c"));
    }

    @Test
    void redeem_whenCallerIsNotAMemberOfTheOrg_is404AndWritesNothing() {
        kit.openAccount("org-victim");
        kit.createVoucher("TENANCY-CODE-01", 10_000, 10, 1);
        TableSnapshot before = TableSnapshot.of(kit.table);

        var event = HttpEvents.route("POST", "/orgs/{orgId}/voucher-redemptions", Map.of("orgId", "org-victim"))
                .member("user-intruder", "org-intruder").body("{\"code\":\"TENANCY-CODE-01\"}").build();
        assertProblem(kit.redeemHandler.handleRequest(event, null), 404, "not-found");
        var history = HttpEvents.route("GET", "/orgs/{orgId}/voucher-redemptions", Map.of("orgId", "org-victim"))
                .member("user-intruder", "org-intruder").build();
        assertProblem(kit.redeemHandler.handleRequest(history, null), 404, "not-found");

        assertEquals(before, TableSnapshot.of(kit.table));
    }

    @Test
    void redeem_whenOrgHasNoBillingAccount_is404AndCountsNoFailure() {
        kit.createVoucher("NO-ACCOUNT-CODE", 10_000, 10, 1);
        TableSnapshot before = TableSnapshot.of(kit.table);

        assertProblem(kit.redeem("org-without-account", "user-na", "NO-ACCOUNT-CODE"), 404, "not-found");

        assertEquals(before, TableSnapshot.of(kit.table));
    }

    static Stream<Arguments> badRedemptions() {
        return Stream.of(
                Arguments.of("", "malformed-request"),
                Arguments.of("{", "malformed-request"),
                Arguments.of("[\"ABCD-EFGH-JKMN-PQRS\"]", "malformed-request"),
                Arguments.of("\"ABCD-EFGH-JKMN-PQRS\"", "malformed-request"),
                Arguments.of("{\"code\": 12345678}", "malformed-request"),
                Arguments.of("{\"code\": [\"ABCDEFGH\"]}", "malformed-request"),
                Arguments.of("{\"code\": \"ABCDEFGH\", \"code\": \"JKMNPQRS\"}", "malformed-request"),
                Arguments.of("{\"code\": \"ABCDEFGH\", \"amount\": 1000000}", "malformed-request"),
                Arguments.of("{\"code\": \"ABCDEFGH\"} trailing", "malformed-request"),
                Arguments.of("{}", "invalid-request"),
                Arguments.of("{\"code\": null}", "invalid-request"),
                Arguments.of("{\"code\": \"\"}", "invalid-request"),
                Arguments.of("{\"code\": \"   \"}", "invalid-request"),
                Arguments.of("{\"code\": \"ABC\"}", "invalid-request"),
                Arguments.of("{\"code\": \"ABCD!EFGH\"}", "invalid-request"),
                Arguments.of("{\"code\": \"" + "A".repeat(33) + "\"}", "invalid-request"),
                Arguments.of("{\"code\": \"" + "A".repeat(10_000) + "\"}", "invalid-request"));
    }

    @ParameterizedTest
    @MethodSource("badRedemptions")
    void redeem_whenBadInput_is400AndWritesNothing(String body, String code) {
        kit.openAccount("org-bad-input");
        TableSnapshot before = TableSnapshot.of(kit.table);
        kit.table.counter().reset();

        assertProblem(kit.redeemRaw("org-bad-input", "user-bad-input", body), 400, code);

        assertEquals(0, kit.table.counter().totalRequests(), "refused before any DynamoDB request");
        assertEquals(before, TableSnapshot.of(kit.table));
    }

    /** The benchmark's budget for {@code ddb_requests op=voucher_redeem}: one read and one TransactWriteItems. */
    @Test
    void redeem_whenSuccessful_costsOneReadAndOneTransactWriteItems() {
        kit.openAccount("org-budget");
        kit.createVoucher("BUDGET-CODE-01", 10_000, 10, 1);
        kit.table.counter().reset();

        assertEquals(201, kit.redeem("org-budget", "user-budget", "BUDGET-CODE-01").getStatusCode());

        assertEquals(Map.of("BatchGetItem", 1L, "TransactWriteItems", 1L), kit.table.counter().requests());
    }

    @Test
    void redeem_whenCodeUnknown_costsOneReadAndOneCounterWritePerLimiter() {
        kit.openAccount("org-budget-fail");
        kit.table.counter().reset();

        assertProblem(kit.redeem("org-budget-fail", "user-budget-fail", "UNKNOWN-CODE-99"), 422, "voucher-invalid");

        assertEquals(Map.of("BatchGetItem", 1L, "UpdateItem", 2L), kit.table.counter().requests());
    }

    @Test
    void logs_neverCarryAVoucherCode() {
        kit.openAccount("org-logs");
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        com.platform.billing.api.Log.redirect(new java.io.PrintStream(captured, true,
                java.nio.charset.StandardCharsets.UTF_8));
        try {
            kit.createVoucher("SECRET-LOG-CODE1", 1_000, 10, 1);
            kit.redeem("org-logs", "user-logs", "SECRET-LOG-CODE1");
            kit.redeem("org-logs", "user-logs", "SECRET-LOG-CODE1");
            kit.redeem("org-logs", "user-logs", "SECRET-WRONG-CODE");
            kit.admin("POST", "/admin/vouchers/lookup", Map.of(), "{\"code\":\"SECRET-LOG-CODE1\"}");
        } finally {
            com.platform.billing.api.Log.redirect(System.out);
        }
        String logs = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(logs.contains("voucher redeemed"), logs);
        assertTrue(logs.contains("voucher-already-redeemed"), logs);
        assertFalse(logs.toUpperCase().replace("-", "").contains("SECRETLOG"), logs);
        assertFalse(logs.toUpperCase().replace("-", "").contains("SECRETWRONG"), logs);
    }

    @Test
    void history_isNewestFirstWithCursorPagingAndMaskedCodes() {
        kit.openAccount("org-history");
        List<String> codes = List.of("HISTORY-AAAA-0001", "HISTORY-BBBB-0002", "HISTORY-CCCC-0003");
        for (String code : codes) {
            kit.createVoucher(code, 1_000, 10, 1);
        }
        for (String code : codes) {
            assertEquals(201, kit.redeem("org-history", "user-history", code).getStatusCode());
            kit.clock.advance(Duration.ofSeconds(1));
        }

        APIGatewayV2HTTPResponse first = kit.history("org-history", "user-history", Map.of("limit", "2"));
        assertEquals(200, first.getStatusCode(), first.getBody());
        JsonNode page1 = json(first);
        assertEquals(List.of("****0003", "****0002"), codes(page1));
        String cursor = page1.path("nextCursor").asText();
        JsonNode page2 = json(kit.history("org-history", "user-history", Map.of("limit", "2", "cursor", cursor)));
        assertEquals(List.of("****0001"), codes(page2));
        assertTrue(page2.path("nextCursor").isNull());
        assertEquals(1_000, page2.path("items").path(0).path("amount").asLong());
        assertEquals(START.toString().replace("Z", ".000Z"), page2.path("items").path(0).path("redeemedAt").asText());
        for (String code : codes) {
            assertFalse(first.getBody().contains(code.substring(0, 12)), "codes are masked");
        }
    }

    @Test
    void history_whenCursorOrLimitIsBad_is400() {
        kit.openAccount("org-history-bad");
        assertProblem(kit.history("org-history-bad", "user-hb", Map.of("cursor", "not-a-cursor!")), 400,
                "invalid-request");
        assertProblem(kit.history("org-history-bad", "user-hb", Map.of("cursor", "RU5UUlkjMDAwMDAwMDAwMDAx")), 400,
                "invalid-request");
        assertProblem(kit.history("org-history-bad", "user-hb", Map.of("limit", "0")), 400, "invalid-request");
        assertProblem(kit.history("org-history-bad", "user-hb", Map.of("limit", "1000")), 400, "invalid-request");
    }

    @Test
    void sampleEvent_history_answersAPage() {
        APIGatewayV2HTTPResponse response = kit.redeemHandler.handleRequest(
                HttpEvents.fromFile("http-voucher-history.json").build(), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertTrue(json(response).path("items").isArray());
    }

    private static List<String> codes(JsonNode page) {
        return java.util.stream.StreamSupport.stream(page.path("items").spliterator(), false)
                .map(item -> item.path("code").asText()).toList();
    }
}
