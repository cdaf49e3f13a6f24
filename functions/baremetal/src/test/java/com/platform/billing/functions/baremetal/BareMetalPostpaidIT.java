package com.platform.billing.functions.baremetal;

import static com.platform.billing.devkit.StreamHandlers.body;
import static com.platform.billing.devkit.StreamHandlers.invoke;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.assertAuditClean;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.balance;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.bareMetalInvoices;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.chargeBody;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.credit;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.deps;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.eventExists;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.openAccount;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.postCharge;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.saveCard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.MutableClock;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.invoice.AppliedPayment;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import com.platform.billing.gateway.FakeCardGateway;
import com.platform.billing.gateway.FakeCardGateway.Script;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Postpaid orgs: the term's invoice is charged to the saved card at once, exactly as a monthly invoice is (credit the
 * org holds pays first).
 */
@WithLedgerTable
class BareMetalPostpaidIT {

    private final LedgerTable table;
    private final MutableClock clock = new MutableClock("2026-11-27T03:00:00Z");
    private final FakeCardGateway gateway = new FakeCardGateway();
    private final BareMetalChargeHandler handler;

    BareMetalPostpaidIT(LedgerTable table) {
        this.table = table;
        this.handler = new BareMetalChargeHandler(deps(table, clock), BareMetalSettings.defaults(), gateway);
    }

    private String postpaidOrg(String org, boolean card) {
        openAccount(table, org, BillingType.POSTPAID, clock);
        if (card) {
            saveCard(table, org, clock);
        }
        return org;
    }

    private static String charge(String org, String server) {
        return postCharge(chargeBody(Map.of("orgId", org, "serverId", server)));
    }

    @Test
    void charge_postpaidCardAccepted_isPaidByCardAndARetryChargesNothingMore() {
        String org = postpaidOrg("org-card", true);

        JsonNode first = invoke(handler, charge(org, "bm-card"));
        JsonNode retried = invoke(handler, charge(org, "bm-card"));

        assertEquals(201, first.path("statusCode").asInt(), first.toString());
        JsonNode answer = body(first);
        assertEquals("PAID", answer.path("payment").asText());
        assertEquals("PAID", answer.path("cardCharge").asText());
        assertEquals(29_970_000, answer.path("amountPaid").asLong());
        assertEquals(0, answer.path("amountDue").asLong());
        assertEquals("PAID", body(retried).path("payment").asText());
        assertTrue(body(retried).path("replayed").asBoolean());
        assertEquals(1, gateway.sent.size());
        assertEquals(29_970_000, gateway.sent.getFirst().amount().amount());
        Invoice invoice = bareMetalInvoices(table, org).getFirst();
        assertEquals(InvoiceStatus.PAID, invoice.status());
        assertEquals(AppliedPayment.Source.CARD, invoice.payments().getFirst().source());
        assertTrue(eventExists(table, invoice.id() + "-a1.paid"));
        assertAuditClean(table);
    }

    @Test
    void charge_postpaidWithCredit_takesTheCreditFirstAndChargesTheCardOnlyTheRest() {
        String org = postpaidOrg("org-credit", true);
        credit(table, org, 10_000_000, clock);

        JsonNode answer = body(invoke(handler, charge(org, "bm-credit")));

        assertEquals("PAID", answer.path("payment").asText());
        assertEquals(1, gateway.sent.size());
        assertEquals(19_970_000, gateway.sent.getFirst().amount().amount(), "the card pays only what credit left");
        Invoice invoice = bareMetalInvoices(table, org).getFirst();
        assertEquals(InvoiceStatus.PAID, invoice.status());
        assertEquals(10_000_000, invoice.creditsApplied().amount());
        assertEquals(0, balance(table, org));
        assertAuditClean(table);
    }

    @Test
    void charge_postpaidCardDeclined_isUnpaidWithAnEventOutAndARetryScheduled() {
        String org = postpaidOrg("org-declined", true);
        gateway.then(Script.DECLINE);

        JsonNode first = invoke(handler, charge(org, "bm-declined"));
        JsonNode retried = invoke(handler, charge(org, "bm-declined"));

        assertEquals(201, first.path("statusCode").asInt(), first.toString());
        JsonNode answer = body(first);
        assertEquals("UNPAID", answer.path("payment").asText());
        assertEquals("DECLINED", answer.path("cardCharge").asText());
        assertEquals(29_970_000, answer.path("amountDue").asLong());
        assertEquals("UNPAID", body(retried).path("payment").asText());
        assertEquals("NOT_DUE", body(retried).path("cardCharge").asText());
        assertEquals(1, gateway.sent.size(), "a retried call must not charge the card again");
        Invoice invoice = bareMetalInvoices(table, org).getFirst();
        assertEquals(InvoiceStatus.OPEN, invoice.status());
        assertTrue(eventExists(table, invoice.id() + "-a1.failed"), "PaymentFailed is recorded");
        assertTrue(eventExists(table, invoice.id() + ".issued"));
        // The card retry schedule (CardChargeRetryFunction) has it due the next day in Jakarta.
        var schedule = table.dynamo().getItem(r -> r.tableName(table.name()).consistentRead(true)
                .key(Items.key(Keys.orgPk(org), Keys.chargeScheduleSk(invoice.id())))).item();
        assertEquals("CHARGE-DUE#2026-11-28#", Items.str(schedule, Keys.GSI2PK)
                .substring(0, "CHARGE-DUE#2026-11-28#".length()));
        assertAuditClean(table);
    }

    @Test
    void charge_postpaidWithoutCard_isUnpaidAndAsksForACard() {
        String org = postpaidOrg("org-nocard", false);

        JsonNode answer = body(invoke(handler, charge(org, "bm-nocard")));

        assertEquals("UNPAID", answer.path("payment").asText());
        assertEquals("NO_CARD", answer.path("cardCharge").asText());
        assertTrue(gateway.sent.isEmpty());
        Invoice invoice = bareMetalInvoices(table, org).getFirst();
        assertTrue(eventExists(table, invoice.id() + "-a1.method-invalid"));
        assertFalse(eventExists(table, invoice.id() + ".paid"));
    }

    @Test
    void renewal_postpaid_chargesTheCardOnceForTheNextTerm() {
        String org = postpaidOrg("org-renew-card", true);
        // 3 months from 2026-11-20 10:00 Jakarta (the other tests' servers end on 2027-02-27)
        invoke(handler, postCharge(chargeBody(Map.of("orgId", org, "serverId", "bm-renew-card",
                "start", "2026-11-20T10:00:00+07:00"))));
        BareMetalRenewalHandler renewals = new BareMetalRenewalHandler(deps(table, clock),
                BareMetalSettings.defaults(), gateway);

        clock.set("2027-02-20T03:30:00Z");
        Map<String, Object> first = renewals.handleRequest(Map.of(), null);
        Map<String, Object> again = renewals.handleRequest(Map.of("day", "2027-02-20"), null);

        assertEquals(Map.of("RENEWED_PAID", 1), first.get("results"));
        assertEquals(Map.of(), again.get("results"));
        assertEquals(2, gateway.sent.size());
        assertEquals(2, bareMetalInvoices(table, org).size());
        assertTrue(bareMetalInvoices(table, org).stream().allMatch(i -> i.status() == InvoiceStatus.PAID));
    }
}
