package com.platform.billing.domain.invoice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.StateConflictException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceTest {

    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");

    private static Money idr(long amount) {
        return Money.of(amount, "IDR");
    }

    private static Invoice usageInvoice(long subtotal) {
        TaxBreakdown tax = TaxRule.indonesianVat().onNetSubtotal(idr(subtotal));
        return Invoice.draft("inv-1", "org-1", InvoiceType.USAGE,
                List.of(InvoiceLine.single("Compute", "hour", idr(subtotal))), tax, YearMonth.of(2026, 10), "",
                NOW, NOW.plusSeconds(86_400)).withNumber(InvoiceNumber.of(YearMonth.of(2026, 11), 1));
    }

    private static AppliedPayment payment(AppliedPayment.Source source, long amount) {
        return new AppliedPayment(source, "ref-" + amount, idr(amount), NOW, "", "");
    }

    @Test
    void amountDue_whenCreditAndGatewayPaymentsApplied_isTotalMinusBoth() {
        Invoice invoice = usageInvoice(100_000); // total 111,000
        Invoice partly = invoice.apply(payment(AppliedPayment.Source.CREDIT, 30_000));

        assertEquals(InvoiceStatus.PARTIALLY_PAID, partly.status());
        assertEquals(idr(30_000), partly.creditsApplied());
        assertEquals(idr(81_000), partly.amountDue());

        Invoice paid = partly.apply(payment(AppliedPayment.Source.GATEWAY, 81_000));
        assertEquals(InvoiceStatus.PAID, paid.status());
        assertEquals(idr(0), paid.amountDue());
        assertEquals(idr(81_000), paid.amountPaid());
        assertEquals(NOW, paid.paidAt());
    }

    @Test
    void split_whenPaymentExceedsDue_theRestIsSurplus() {
        Invoice invoice = usageInvoice(18_000); // total 19,980
        Invoice.PaymentSplit split = invoice.split(idr(50_000));
        assertEquals(idr(19_980), split.applied());
        assertEquals(idr(30_020), split.surplus());
    }

    @Test
    void split_whenInvoiceAlreadyPaidOrVoid_everythingIsSurplus() {
        Invoice invoice = usageInvoice(18_000);
        Invoice paid = invoice.apply(payment(AppliedPayment.Source.GATEWAY, 19_980));
        assertEquals(idr(50_000), paid.split(idr(50_000)).surplus());
        Invoice voided = invoice.voided("test", NOW);
        assertEquals(idr(50_000), voided.split(idr(50_000)).surplus());
        assertEquals(idr(0), voided.amountDue());
    }

    @Test
    void apply_whenPaid_isRefusedAsNotPayable() {
        Invoice paid = usageInvoice(18_000).apply(payment(AppliedPayment.Source.GATEWAY, 19_980));
        StateConflictException refused = assertThrows(StateConflictException.class,
                () -> paid.apply(payment(AppliedPayment.Source.GATEWAY, 1)));
        assertEquals("invoice-not-payable", refused.code());
    }

    @Test
    void apply_whenMoreThanDue_isRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> usageInvoice(18_000).apply(payment(AppliedPayment.Source.GATEWAY, 19_981)));
    }

    @Test
    void apply_whenItPaysTheInvoice_releasesThePendingPaymentMark() {
        Invoice pending = new Invoice("inv-1", "org-1", InvoiceNumber.of(YearMonth.of(2026, 11), 1),
                InvoiceType.USAGE, InvoiceStatus.OPEN, List.of(InvoiceLine.single("Compute", "hour", idr(18_000))),
                TaxRule.indonesianVat().onNetSubtotal(idr(18_000)), List.of(), null, "", NOW, NOW, null, null, "",
                "order-1", NOW.plusSeconds(60));
        Invoice paid = pending.apply(new AppliedPayment(AppliedPayment.Source.GATEWAY, "order-1", idr(19_980), NOW,
                "", ""));
        assertNull(paid.pendingOrderId());
        assertNull(paid.pendingUntil());
    }

    @Test
    void voided_whenSomethingWasPaid_isRefused() {
        Invoice partly = usageInvoice(100_000).apply(payment(AppliedPayment.Source.CREDIT, 1_000));
        assertThrows(StateConflictException.class, () -> partly.voided("no", NOW));
    }

    @Test
    void constructor_whenLinesDoNotSumToSubtotal_isRefused() {
        TaxBreakdown tax = TaxRule.indonesianVat().onNetSubtotal(idr(100));
        assertThrows(IllegalArgumentException.class, () -> Invoice.draft("inv-1", "org-1", InvoiceType.TOPUP,
                List.of(InvoiceLine.single("x", "credit", idr(99))), tax, null, "", NOW, NOW));
    }

    @Test
    void invoiceNumber_formatsAndParsesPeriodAndSequence() {
        InvoiceNumber number = InvoiceNumber.of(YearMonth.of(2026, 11), 123);
        assertEquals("INV/2026/11/000123", number.value());
        assertEquals(YearMonth.of(2026, 11), number.period());
        assertEquals(123, number.sequence());
        assertEquals("INV/2027/01/1234567", InvoiceNumber.of(YearMonth.of(2027, 1), 1_234_567).value());
        assertThrows(IllegalArgumentException.class, () -> InvoiceNumber.of(YearMonth.of(2026, 11), 0));
        assertThrows(IllegalArgumentException.class, () -> new InvoiceNumber("INV/2026/11/12"));
    }
}
