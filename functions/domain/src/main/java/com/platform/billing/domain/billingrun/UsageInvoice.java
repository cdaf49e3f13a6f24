package com.platform.billing.domain.billingrun;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.invoice.AppliedPayment;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceLine;
import com.platform.billing.domain.invoice.InvoiceNumber;
import com.platform.billing.domain.invoice.InvoiceType;
import com.platform.billing.domain.invoice.TaxBreakdown;
import com.platform.billing.domain.invoice.TaxRule;
import com.platform.billing.domain.usage.Micros;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Builds the monthly USAGE invoice of (org, period) from the period's usage aggregate lines: one invoice line per
 * aggregate line except bare metal (object storage included), its amount rounded half-up to whole IDR <b>once</b>
 * from the line's micro-IDR sum ({@link Micros#toMoney}); subtotal = Σ line amounts; tax on top
 * ({@link TaxRule#onNetSubtotal}, the same configured rate as top-up invoices); total = subtotal + tax. A period whose
 * invoiced lines round to zero gets no invoice.
 */
public final class UsageInvoice {

    private UsageInvoice() {
    }

    /** The invoice lines, sorted (SKU, usage period), or empty when nothing is billable. */
    public static List<InvoiceLine> lines(List<BilledUsage> usage, YearMonth period, String currency) {
        List<InvoiceLine> lines = new ArrayList<>();
        usage.stream().filter(BilledUsage::invoiced)
                .sorted(Comparator.comparing(BilledUsage::sku).thenComparing(BilledUsage::usagePeriod)
                        .thenComparingLong(BilledUsage::unitPriceMicros))
                .forEach(u -> {
                    Money amount = Micros.toMoney(u.amountMicros(), currency);
                    if (amount.isZero() && u.quantityMicros() == 0) {
                        return;
                    }
                    String description = u.late() || !u.usagePeriod().equals(period)
                            ? u.sku() + " (late usage of " + u.usagePeriod() + ")"
                            : u.sku();
                    lines.add(new InvoiceLine(description, u.sku(), new BigDecimal(Micros.format(u.quantityMicros())),
                            u.unit(), u.unitPriceMicros(), amount));
                });
        return lines;
    }

    /**
     * The draft invoice (OPEN, not numbered), or empty when the subtotal is zero.
     *
     * @param dueIn how long after issue the amount due must be paid
     */
    public static Optional<Invoice> draft(String invoiceId, String orgId, YearMonth period, List<BilledUsage> usage,
                                          String currency, TaxRule taxRule, Instant issuedAt, Duration dueIn) {
        List<InvoiceLine> lines = lines(usage, period, currency);
        Money subtotal = Money.zero(currency);
        for (InvoiceLine line : lines) {
            subtotal = subtotal.plus(line.amount());
        }
        if (!subtotal.isPositive()) {
            return Optional.empty();
        }
        TaxBreakdown tax = taxRule.onNetSubtotal(subtotal);
        return Optional.of(Invoice.draft(invoiceId, orgId, InvoiceType.USAGE, lines, tax, period, "usage:" + period,
                issuedAt, issuedAt.plus(dueIn)));
    }

    /**
     * The credit deduction at issue time (prepaid and postpaid alike): min(balance, amount due), or zero when the
     * balance is not positive (a postpaid org's debt is not credit). The invoice is PAID when it covers the total, else PARTIALLY_PAID with the rest due.
     */
    public static Money creditToApply(Invoice invoice, Money balance) {
        if (!balance.isPositive()) {
            return Money.zero(invoice.currency());
        }
        return balance.min(invoice.amountDue());
    }

    /** The invoice with the credit deduction applied (reference = the ledger transfer id). */
    public static Invoice withCredit(Invoice numbered, Money credit, String transferId, Instant at) {
        return numbered.apply(new AppliedPayment(AppliedPayment.Source.CREDIT, transferId, credit, at, "credit", ""));
    }

    /** Convenience for tests and callers that number before applying credit. */
    public static Invoice numbered(Invoice draft, InvoiceNumber number) {
        return draft.withNumber(number);
    }
}
