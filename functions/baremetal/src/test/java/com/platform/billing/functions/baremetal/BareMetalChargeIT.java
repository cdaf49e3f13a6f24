package com.platform.billing.functions.baremetal;

import static com.platform.billing.functions.baremetal.BareMetalFixtures.assertAuditClean;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.assertProblem;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.balance;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.bareMetalInvoices;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.body;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.chargeBody;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.credit;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.deps;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.eventExists;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.invoke;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.openAccount;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.postCharge;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.LedgerEntry;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.baremetal.BareMetalCharge;
import com.platform.billing.domain.baremetal.BareMetalTerm;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.domain.invoice.InvoiceType;
import com.platform.billing.domain.invoice.TaxRule;
import com.platform.billing.domain.usage.UsageReports;
import com.platform.billing.dynamodb.DynamoLedger;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import com.platform.billing.dynamodb.baremetal.DynamoBareMetalStore;
import com.platform.billing.dynamodb.usage.DynamoUsageStore;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** POST /internal/baremetal-charges, prepaid: the term's invoice paid from credit, idempotent per (server, start). */
@WithLedgerTable
class BareMetalChargeIT {

    private static final String NOW = "2026-11-27T03:00:00Z"; // 10:00 in Jakarta, the sample's start

    private final LedgerTable table;
    private final BareMetalFixtures.TestClock clock = new BareMetalFixtures.TestClock(NOW);
    private final BareMetalChargeHandler handler;

    BareMetalChargeIT(LedgerTable table) {
        this.table = table;
        this.handler = new BareMetalChargeHandler(deps(table, clock), BareMetalSettings.defaults(),
                new FakeCardGateway());
    }

    private String prepaidOrg(String org, long credit) {
        openAccount(table, org, BillingType.PREPAID, clock);
        if (credit > 0) {
            credit(table, org, credit, clock);
        }
        return org;
    }

    private static String charge(String org, String server) {
        return postCharge(chargeBody(Map.of("orgId", org, "serverId", server)));
    }

    private List<LedgerEntry> entries(String org) {
        return new DynamoLedger(table.dynamo(), table.name(), clock).entries(org, null, 100).items();
    }

    @Test
    void charge_prepaidWithEnoughCredit_paysTheTermInvoiceFromCredit() {
        String org = prepaidOrg("org-paid", 50_000_000);

        JsonNode response = invoke(handler, sample("http-baremetal-post-charge.json").replace("\"org-1\\\"",
                "\"org-paid\\\"").replace("\\\"orgId\\\":\\\"org-1\\\"", "\\\"orgId\\\":\\\"org-paid\\\""));

        assertEquals(201, response.path("statusCode").asInt(), response.toString());
        JsonNode answer = body(response);
        assertEquals("PAID", answer.path("payment").asText());
        assertEquals(0, answer.path("amountDue").asLong());
        assertEquals(29_970_000, answer.path("total").asLong()); // 3 x 9,000,000 + 11% VAT
        assertEquals(29_970_000, answer.path("creditsApplied").asLong());
        assertEquals("bm-7f3a", answer.path("serverId").asText());
        assertEquals("2026-11-27T03:00:00.000Z", answer.path("termStart").asText());
        assertEquals("2027-02-27T03:00:00.000Z", answer.path("termEnd").asText());
        assertEquals(3, answer.path("termMonths").asInt());
        assertFalse(answer.path("replayed").asBoolean());
        assertEquals(50_000_000 - 29_970_000, balance(table, org));
        Invoice invoice = bareMetalInvoices(table, org).getFirst();
        assertEquals(InvoiceStatus.PAID, invoice.status());
        assertEquals(InvoiceType.BAREMETAL, invoice.type());
        assertEquals(answer.path("invoiceId").asText(), invoice.id());
        assertTrue(eventExists(table, invoice.id() + ".issued"));
        assertTrue(eventExists(table, invoice.id() + ".paid"));
        assertAuditClean(table);
    }

    @Test
    void charge_retriedCall_returnsTheSameInvoiceAndChargesOnce() {
        String org = prepaidOrg("org-retry", 50_000_000);

        JsonNode first = invoke(handler, charge(org, "bm-retry"));
        JsonNode retried = invoke(handler, charge(org, "bm-retry"));
        clock.set("2026-11-27T05:00:00Z"); // hours later, the platform retries again
        JsonNode late = invoke(handler, charge(org, "bm-retry"));

        assertEquals(201, first.path("statusCode").asInt(), first.toString());
        assertEquals(200, retried.path("statusCode").asInt(), retried.toString());
        assertEquals(200, late.path("statusCode").asInt());
        assertEquals(body(first).path("invoiceId").asText(), body(retried).path("invoiceId").asText());
        assertEquals(body(first).path("invoiceId").asText(), body(late).path("invoiceId").asText());
        assertTrue(body(retried).path("replayed").asBoolean());
        assertEquals("PAID", body(retried).path("payment").asText());
        assertEquals(1, bareMetalInvoices(table, org).size());
        assertEquals(2, entries(org).size()); // the seed credit and one debit
        assertEquals(50_000_000 - 29_970_000, balance(table, org));
        assertAuditClean(table);
    }

    @Test
    void charge_sameTermWithOtherTerms_isRefusedAndChargesNothingMore() {
        String org = prepaidOrg("org-mismatch", 50_000_000);
        invoke(handler, charge(org, "bm-mm"));

        JsonNode other = invoke(handler, postCharge(chargeBody(Map.of("orgId", org, "serverId", "bm-mm",
                "termMonths", 12))));
        JsonNode laterStart = invoke(handler, postCharge(chargeBody(Map.of("orgId", org, "serverId", "bm-mm",
                "start", "2026-11-27T11:00:00+07:00"))));

        assertProblem(other, 422, "baremetal-charge-mismatch");
        assertProblem(laterStart, 409, "baremetal-subscription-exists");
        assertEquals(1, bareMetalInvoices(table, org).size());
        assertEquals(50_000_000 - 29_970_000, balance(table, org));
    }

    @Test
    void charge_prepaidWithTooLittleCredit_isPartiallyPaidAndSaysSo() {
        String org = prepaidOrg("org-short", 10_000_000);

        JsonNode response = invoke(handler, charge(org, "bm-short"));

        assertEquals(201, response.path("statusCode").asInt(), response.toString());
        JsonNode answer = body(response);
        assertEquals("PARTIALLY_PAID", answer.path("payment").asText());
        assertEquals("PARTIALLY_PAID", answer.path("invoiceStatus").asText());
        assertEquals(10_000_000, answer.path("creditsApplied").asLong());
        assertEquals(19_970_000, answer.path("amountDue").asLong());
        assertEquals(0, balance(table, org));
        Invoice invoice = bareMetalInvoices(table, org).getFirst();
        assertEquals(Money.of(19_970_000, "IDR"), invoice.amountDue());
        assertTrue(eventExists(table, invoice.id() + ".issued"));
        assertFalse(eventExists(table, invoice.id() + ".paid"));
        assertAuditClean(table);
    }

    @Test
    void charge_prepaidWithNoCredit_isUnpaidAndMovesNoMoney() {
        String org = prepaidOrg("org-empty", 0);

        JsonNode answer = body(invoke(handler, charge(org, "bm-empty")));

        assertEquals("UNPAID", answer.path("payment").asText());
        assertEquals(29_970_000, answer.path("amountDue").asLong());
        assertEquals(0, entries(org).size());
        assertAuditClean(table);
    }

    @Test
    void charge_neverCountsInOngoingUsage() {
        String org = prepaidOrg("org-usage", 50_000_000);

        invoke(handler, charge(org, "bm-usage"));

        UsageReports usage = new UsageReports(new DynamoUsageStore(table.dynamo(), table.name()),
                BillingCalendar.platform(), clock);
        assertEquals(Money.zero("IDR"), usage.ongoingUsage(org, YearMonth.parse("2026-11"), "IDR"));
        assertEquals(0, table.dynamo().query(q -> q.tableName(table.name())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :usage)")
                .expressionAttributeValues(Map.of(":pk", Items.s(Keys.orgPk(org)), ":usage", Items.s("USAGE#"))))
                .count());
    }

    @Test
    void charge_refusesWhatItCannotCharge() {
        prepaidOrg("org-bad", 50_000_000);

        assertProblem(invoke(handler, postCharge(chargeBody(Map.of("orgId", "org-bad", "termMonths", 2)))), 400,
                "invalid-request");
        assertProblem(invoke(handler, postCharge(chargeBody(Map.of("orgId", "org-bad", "monthlyPrice", 0)))), 400,
                "invalid-request");
        assertProblem(invoke(handler, postCharge(chargeBody(Map.of("orgId", "org-bad", "monthlyPrice", 1.5)))), 400,
                "invalid-request");
        assertProblem(invoke(handler, postCharge(chargeBody(Map.of("orgId", "org-bad",
                "start", "2026-11-27")))), 400, "invalid-request");
        assertProblem(invoke(handler, postCharge(chargeBody(Map.of("orgId", "org-bad",
                "start", "2026-09-01T00:00:00+07:00")))), 400, "invalid-request");
        assertProblem(invoke(handler, postCharge(chargeBody(Map.of("orgId", "org-bad", "serverId", "bad id")))),
                400, "invalid-request");
        assertProblem(invoke(handler, postCharge(chargeBody(Map.of("orgId", "org-bad", "plan", "x")))), 400,
                "malformed-request");
        assertProblem(invoke(handler, postCharge("not json")), 400, "malformed-request");
        assertProblem(invoke(handler, postCharge(chargeBody(Map.of("orgId", "org-nobody")))), 404, "not-found");
        // An SKU the catalogue does not price per month as bare metal, without a monthlyPrice.
        HashMap<String, Object> noPrice = new HashMap<>(Map.of("orgId", "org-bad"));
        noPrice.put("monthlyPrice", null);
        assertProblem(invoke(handler, postCharge(chargeBody(noPrice))), 400, "invalid-request");
        // A console (JWT) caller on the internal route.
        assertProblem(invoke(handler, HttpEvents.route("POST", "/internal/baremetal-charges", Map.of())
                .member("user-1", "org-bad").body(chargeBody(Map.of("orgId", "org-bad"))).json()), 403, "forbidden");
        assertEquals(0, bareMetalInvoices(table, "org-bad").size());
        assertEquals(50_000_000, balance(table, "org-bad"));
    }

    /** Two deliveries of the same charge both read before either writes: one invoice, one debit. */
    @Test
    void issue_whenTwoDeliveriesInterleave_chargesOnce() {
        String org = prepaidOrg("org-race", 50_000_000);
        DynamoBareMetalStore store = new DynamoBareMetalStore(table.dynamo(), table.name(), clock,
                BillingCalendar.platform(), TaxRule.indonesianVat(), Duration.ofDays(14));
        Money price = Money.of(9_000_000, "IDR");
        BareMetalCharge charge = new BareMetalCharge(org, "bm-race", "bare-metal.m1", price, price,
                BareMetalTerm.first(Instant.parse(NOW), 1, BillingCalendar.PLATFORM_ZONE), false, "iam:test");

        DynamoBareMetalStore.Prepared first = store.prepare(charge);
        DynamoBareMetalStore.Prepared second = store.prepare(charge);
        Optional<?> firstWrite = store.commit(first);
        Optional<?> secondWrite = store.commit(second);

        assertTrue(firstWrite.isPresent());
        assertTrue(secondWrite.isEmpty(), "the second writer must re-read");
        var replay = store.issue(charge);
        assertTrue(replay.replayed());
        assertEquals(first.result().invoice().id(), replay.invoice().id());
        assertEquals(1, bareMetalInvoices(table, org).size());
        assertEquals(50_000_000 - 9_990_000, balance(table, org));
        assertAuditClean(table);
    }
}
