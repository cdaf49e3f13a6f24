package com.platform.billing.dynamodb.baremetal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.baremetal.BareMetalCharge;
import com.platform.billing.domain.baremetal.BareMetalInvoice;
import com.platform.billing.domain.baremetal.BareMetalSubscription;
import com.platform.billing.domain.baremetal.BareMetalTerm;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceNumber;
import com.platform.billing.domain.invoice.TaxRule;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import com.platform.billing.dynamodb.invoice.InvoiceItems;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class BareMetalItemsTest {

    private static final Instant START = Instant.parse("2026-01-30T17:30:00Z"); // 31 Jan 00:30 Jakarta

    private static BareMetalCharge charge() {
        Money price = Money.of(9_000_000, "IDR");
        return new BareMetalCharge("org-1", "bm-1", "bare-metal.m1", price, price,
                BareMetalTerm.first(START, 1, BillingCalendar.PLATFORM_ZONE), false, "iam:test");
    }

    private static Invoice invoice(BareMetalCharge charge) {
        return BareMetalInvoice.draft("inv-1", charge, TaxRule.indonesianVat(), BillingCalendar.PLATFORM_ZONE, START,
                Duration.ofDays(14)).withNumber(InvoiceNumber.of(YearMonth.of(2026, 1), 7));
    }

    @Test
    void keys_haveTheDocumentedFormats() {
        assertEquals("BAREMETAL#bm-1", BareMetalItems.serverPk("bm-1"));
        assertEquals("TERM#2026-01-30T17:30:00.000Z", BareMetalItems.termSk(START));
        assertEquals("ORG#org-1#BAREMETAL", BareMetalItems.orgServersGsi1Pk("org-1"));
        assertEquals("BAREMETAL-RENEWAL#2026-02-28#3", BareMetalItems.renewalGsi2Pk(LocalDate.of(2026, 2, 28), 3));
    }

    @Test
    void subscription_roundTrips_andIsIndexedOnTheJakartaDayItsTermEnds() {
        BareMetalCharge charge = charge();
        Map<String, AttributeValue> item = BareMetalItems.newSubscriptionItem(charge, invoice(charge),
                BillingCalendar.PLATFORM_ZONE, START);

        BareMetalSubscription read = BareMetalItems.fromItem(item);

        assertEquals("bm-1", read.serverId());
        assertEquals("org-1", read.orgId());
        assertEquals(31, read.anchorDay());
        assertEquals(Instant.parse("2026-02-27T17:30:00Z"), read.currentTermEnd()); // 28 Feb 00:30 Jakarta
        assertEquals(BareMetalSubscription.Status.ACTIVE, read.status());
        assertEquals(Money.of(9_000_000, "IDR"), read.listPrice());
        assertNull(read.cancelledAt());
        assertEquals(BareMetalItems.renewalGsi2Pk(LocalDate.of(2026, 2, 28), "bm-1"), Items.str(item, Keys.GSI2PK));
    }

    @Test
    void bareMetalInvoiceItem_carriesServerAndTermAsPlainAttributes() {
        BareMetalCharge charge = charge();
        Invoice invoice = invoice(charge);

        Map<String, AttributeValue> item = InvoiceItems.toItem(invoice);

        assertEquals("bm-1", Items.str(item, "serverId"));
        assertEquals("2026-01-30T17:30:00.000Z", Items.str(item, "termStart"));
        assertEquals("2026-02-27T17:30:00.000Z", Items.str(item, "termEnd"));
        assertEquals(invoice, InvoiceItems.fromItem(item));
    }
}
