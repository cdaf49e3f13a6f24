package com.platform.billing.functions.baremetal;

import static com.platform.billing.functions.baremetal.BareMetalFixtures.assertAuditClean;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.balance;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.bareMetalInvoices;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.catalogue;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.credit;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.deps;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.invoke;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.openAccount;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.baremetal.TermDiscounts;
import com.platform.billing.domain.invoice.Invoice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** BareMetalServerCreated events: SQS batches (the deployed path) and direct EventBridge events, catalogue-priced. */
@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BareMetalEventsIT {

    private final LedgerTable table;
    private final BareMetalFixtures.TestClock clock = new BareMetalFixtures.TestClock("2026-11-27T03:00:05Z");
    private final BareMetalChargeHandler handler;

    BareMetalEventsIT(LedgerTable table) {
        this.table = table;
        // 12-month terms 10% off: 9,000,000 -> 8,100,000 a month.
        this.handler = new BareMetalChargeHandler(deps(table, clock),
                BareMetalSettings.defaults().withDiscounts(TermDiscounts.parse("12:1000")), new FakeCardGateway());
    }

    @BeforeAll
    void seed() {
        catalogue(table, clock);
        openAccount(table, "org-1", BillingType.PREPAID, clock);
        credit(table, "org-1", 200_000_000, clock);
    }

    @Test
    void onSqs_sampleDeliveredTwice_chargesTheCataloguePriceOnce() {
        String event = sample("baremetal-sqs-server-created.json");

        JsonNode first = invoke(handler, event);
        JsonNode redelivered = invoke(handler, event);
        JsonNode direct = invoke(handler, sample("baremetal-eventbridge-server-created.json"));

        assertEquals(0, first.path("batchItemFailures").size(), first.toString());
        assertEquals(0, redelivered.path("batchItemFailures").size());
        assertEquals("PAID", direct.path("payment").asText(), direct.toString());
        assertEquals(true, direct.path("replayed").asBoolean());
        Invoice invoice = bareMetalInvoices(table, "org-1").stream()
                .filter(i -> i.reference().startsWith("bm-9c21 ")).findFirst().orElseThrow();
        assertEquals(97_200_000, invoice.subtotal().amount()); // 12 x 8,100,000
        assertEquals(107_892_000, invoice.total().amount());
        assertEquals(8_100_000_000_000L, invoice.lines().getFirst().unitPriceMicros());
        assertEquals(200_000_000 - 107_892_000, balance(table, "org-1"));
        assertAuditClean(table);
    }

    @Test
    void onSqs_refusedContentIsNotRetried_butAnUnusableBatchEntryIsNotLost() {
        String unknownOrg = sample("baremetal-sqs-server-created.json").replace("org-1", "org-unknown");
        String badMonths = sample("baremetal-sqs-server-created.json").replace("\\\"termMonths\\\":12",
                "\\\"termMonths\\\":7");

        JsonNode refused = invoke(handler, unknownOrg);
        JsonNode invalid = invoke(handler, badMonths);

        assertEquals(0, refused.path("batchItemFailures").size(), refused.toString());
        assertEquals(0, invalid.path("batchItemFailures").size(), invalid.toString());
        assertEquals(0, bareMetalInvoices(table, "org-unknown").size());
    }

    @Test
    void handleRequest_unknownEventShape_throwsSoLambdaRetries() {
        assertThrows(IllegalArgumentException.class, () -> invoke(handler, "{\"hello\":1}"));
    }
}
