package com.platform.billing.domain.baremetal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.invoice.AppliedPayment;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceLine;
import com.platform.billing.domain.invoice.InvoiceNumber;
import com.platform.billing.domain.invoice.InvoiceType;
import com.platform.billing.domain.invoice.TaxRule;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BareMetalInvoiceTest {

    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final Instant START = Instant.parse("2026-01-31T03:00:00Z");

    private static Invoice invoice(long listPrice, int months, TermDiscounts discounts) {
        Money list = Money.of(listPrice, "IDR");
        BareMetalCharge charge = new BareMetalCharge("org-1", "bm-1", "bare-metal.m1", list,
                discounts.monthlyPrice(list, months), BareMetalTerm.first(START, months, JAKARTA), false, "test");
        return BareMetalInvoice.draft("inv-1", charge, TaxRule.indonesianVat(), JAKARTA, START, Duration.ofDays(14));
    }

    @ParameterizedTest(name = "{1} months at {0}/month, discount {2}: subtotal {3}, tax {4}, total {5}")
    @CsvSource({
            "9000000, 1, '', 9000000, 990000, 9990000",
            "9000000, 3, '', 27000000, 2970000, 29970000",
            "9000000, 6, '', 54000000, 5940000, 59940000",
            "9000000, 12, '', 108000000, 11880000, 119880000",
            // 12 months 10% off: 8,100,000/month
            "9000000, 12, '6:500,12:1000', 97200000, 10692000, 107892000",
            // 6 months 5% off of an odd price: 1,234,567 x 0.95 = 1,172,838.65 -> 1,172,839 (half-up, once per month)
            "1234567, 6, '6:500,12:1000', 7037034, 774074, 7811108",
            // no discount configured for 3 months
            "1234567, 3, '6:500,12:1000', 3703701, 407407, 4111108",
    })
    void draft_amountsPerTermLength(long listPrice, int months, String discounts, long subtotal, long tax,
                                    long total) {
        Invoice invoice = invoice(listPrice, months, TermDiscounts.parse(discounts));

        assertEquals(subtotal, invoice.subtotal().amount());
        assertEquals(tax, invoice.taxAmount().amount());
        assertEquals(total, invoice.total().amount());
        InvoiceLine line = invoice.lines().getFirst();
        assertEquals(BigDecimal.valueOf(months), line.quantity());
        assertEquals("month", line.unit());
        assertEquals(line.amount().amount() * 1_000_000L, line.unitPriceMicros() * months);
    }

    @Test
    void draft_referenceCarriesServerAndTerm() {
        Invoice invoice = invoice(9_000_000, 1, TermDiscounts.none());

        assertEquals(InvoiceType.BAREMETAL, invoice.type());
        assertEquals(null, invoice.period());
        BareMetalTermRef ref = BareMetalTermRef.parse(invoice.reference()).orElseThrow();
        assertEquals("bm-1", ref.serverId());
        assertEquals(START, ref.termStart());
        assertEquals(Instant.parse("2026-02-28T03:00:00Z"), ref.termEnd());
        assertTrue(invoice.lines().getFirst().description().contains("2026-01-31 to 2026-02-28"));
    }

    @Test
    void paymentState_followsWhatIsDue() {
        Invoice open = invoice(9_000_000, 1, TermDiscounts.none()).withNumber(InvoiceNumber.of(YearMonth.of(2026, 1),
                1));
        assertEquals(PaymentState.UNPAID, PaymentState.of(open));
        Invoice partly = open.apply(new AppliedPayment(AppliedPayment.Source.CREDIT, "t", Money.of(1, "IDR"),
                START, "credit", ""));
        assertEquals(PaymentState.PARTIALLY_PAID, PaymentState.of(partly));
    }
}
