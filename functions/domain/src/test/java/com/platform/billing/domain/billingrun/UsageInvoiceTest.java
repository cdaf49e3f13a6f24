package com.platform.billing.domain.billingrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceLine;
import com.platform.billing.domain.invoice.InvoiceNumber;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.domain.invoice.TaxRule;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageInvoiceTest {

    private static final YearMonth OCTOBER = YearMonth.parse("2026-10");
    private static final Instant NOW = Instant.parse("2026-10-31T17:00:00Z");

    private static BilledUsage line(String sku, String category, long amountMicros, YearMonth usagePeriod) {
        return new BilledUsage(sku, category, "hour", 1_000_000, amountMicros, amountMicros, usagePeriod,
                !usagePeriod.equals(OCTOBER));
    }

    @Test
    void lines_whenMicroAmounts_roundEachLineOnceHalfUpAndExcludeBareMetal() {
        List<InvoiceLine> lines = UsageInvoice.lines(List.of(
                line("compute.a", "compute", 1_500_000, OCTOBER),           // 1.5 IDR -> 2
                line("object-storage.s", "object_storage", 2_499_999, OCTOBER), // 2.499999 -> 2
                line("bare-metal.m1", "bare_metal", 9_000_000_000_000L, OCTOBER),
                line("compute.a", "compute", 400_000, YearMonth.parse("2026-09"))), OCTOBER, "IDR"); // late 0.4 -> 0

        assertEquals(List.of("compute.a", "compute.a", "object-storage.s"),
                lines.stream().map(InvoiceLine::sku).toList());
        assertEquals(List.of(0L, 2L, 2L), lines.stream().map(l -> l.amount().amount()).toList());
        assertTrue(lines.get(0).description().contains("late usage of 2026-09"));
    }

    @Test
    void draft_whenNothingBillable_isEmpty() {
        assertTrue(UsageInvoice.draft("i-1", "org-1", OCTOBER, List.of(line("bare-metal.m1", "bare_metal",
                9_000_000, OCTOBER), line("compute.a", "compute", 0, OCTOBER)), "IDR", TaxRule.indonesianVat(), NOW,
                Duration.ofDays(14)).isEmpty());
    }

    @Test
    void creditToApply_whenCreditShort_appliesAllOfItAndLeavesRestDue() {
        Invoice invoice = UsageInvoice.draft("i-1", "org-1", OCTOBER, List.of(line("compute.a", "compute",
                100_000_000_000L, OCTOBER)), "IDR", TaxRule.indonesianVat(), NOW, Duration.ofDays(14)).orElseThrow()
                .withNumber(InvoiceNumber.of(OCTOBER, 1));

        Money credit = UsageInvoice.creditToApply(invoice, Money.of(30_000, "IDR"));
        Invoice after = UsageInvoice.withCredit(invoice, credit, "invoice:i-1:credit", NOW);

        assertEquals(111_000, invoice.total().amount());
        assertEquals(30_000, credit.amount());
        assertEquals(InvoiceStatus.PARTIALLY_PAID, after.status());
        assertEquals(81_000, after.amountDue().amount());
        assertEquals(NOW.plus(Duration.ofDays(14)), after.dueAt());
        assertEquals(0, UsageInvoice.creditToApply(invoice, Money.of(-5, "IDR")).amount());
        assertEquals(111_000, UsageInvoice.creditToApply(invoice, Money.of(500_000, "IDR")).amount());
    }
}
