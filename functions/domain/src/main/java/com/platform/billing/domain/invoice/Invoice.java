package com.platform.billing.domain.invoice;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.OrgId;
import com.platform.billing.domain.StateConflictException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An invoice of any type (top-up, monthly usage, bare-metal term). Lines sum to the subtotal; tax is computed once on
 * the invoice ({@link TaxRule}); payments and credits applied reduce the amount due:
 * {@code amountDue = total − amountPaid − creditsApplied}, never negative. Immutable: every change returns a new
 * invoice, and the store writes it with a condition on the state it was derived from.
 *
 * @param number         the human-readable number; null only on a draft that the store has not numbered yet
 * @param period         the billing month a USAGE invoice covers (platform time zone), else null
 * @param reference      what it bills: the payment order id (TOPUP), the server id and term (BAREMETAL), or ""
 * @param pendingOrderId a gateway payment of this invoice that is in progress, or null; another payment is refused
 *                       until {@code pendingUntil} (the order's expiry) unless the order ends first
 */
public record Invoice(String id, String orgId, InvoiceNumber number, InvoiceType type, InvoiceStatus status,
                      List<InvoiceLine> lines, TaxBreakdown tax, List<AppliedPayment> payments, YearMonth period,
                      String reference, Instant issuedAt, Instant dueAt, Instant paidAt, Instant voidedAt,
                      String voidReason, String pendingOrderId, Instant pendingUntil) {

    public Invoice {
        Objects.requireNonNull(id, "id");
        OrgId.requireValid(orgId);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        lines = List.copyOf(lines);
        Objects.requireNonNull(tax, "tax");
        payments = List.copyOf(payments);
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(voidReason, "voidReason");
        Money linesSum = Money.zero(tax.currency());
        for (InvoiceLine line : lines) {
            linesSum = linesSum.plus(line.amount());
        }
        if (!linesSum.equals(tax.subtotal())) {
            throw new IllegalArgumentException("invoice lines must sum to the subtotal");
        }
        Money applied = Money.zero(tax.currency());
        for (AppliedPayment payment : payments) {
            applied = applied.plus(payment.amount());
        }
        if (applied.compareTo(tax.total()) > 0) {
            throw new IllegalArgumentException("payments exceed the invoice total");
        }
    }

    /** A new OPEN invoice, not numbered yet (the store allocates the number in the transaction that writes it). */
    public static Invoice draft(String id, String orgId, InvoiceType type, List<InvoiceLine> lines, TaxBreakdown tax,
                                YearMonth period, String reference, Instant issuedAt, Instant dueAt) {
        return new Invoice(id, orgId, null, type, InvoiceStatus.OPEN, lines, tax, List.of(), period, reference,
                issuedAt, dueAt, null, null, "", null, null);
    }

    public Invoice withNumber(InvoiceNumber allocated) {
        return new Invoice(id, orgId, Objects.requireNonNull(allocated), type, status, lines, tax, payments, period,
                reference, issuedAt, dueAt, paidAt, voidedAt, voidReason, pendingOrderId, pendingUntil);
    }

    public String currency() {
        return tax.currency();
    }

    public Money subtotal() {
        return tax.subtotal();
    }

    public Money taxAmount() {
        return tax.tax();
    }

    public Money total() {
        return tax.total();
    }

    /** Money received for it from outside (gateway, card). */
    public Money amountPaid() {
        return sum(false);
    }

    /** Credit deducted from the org's balance for it. */
    public Money creditsApplied() {
        return sum(true);
    }

    public Money amountDue() {
        if (status == InvoiceStatus.VOID) {
            return Money.zero(currency());
        }
        return total().minus(amountPaid()).minus(creditsApplied());
    }

    private Money sum(boolean credit) {
        Money total = Money.zero(currency());
        for (AppliedPayment payment : payments) {
            if ((payment.source() == AppliedPayment.Source.CREDIT) == credit) {
                total = total.plus(payment.amount());
            }
        }
        return total;
    }

    /** Whether a gateway payment is in progress at {@code now}. */
    public boolean hasPendingPayment(Instant now) {
        return pendingOrderId != null && pendingUntil != null && pendingUntil.isAfter(now);
    }

    /**
     * How much of a payment of {@code paid} goes to this invoice and how much is surplus (credited to the org): all
     * of it is surplus when the invoice can no longer take money (already paid, or void).
     */
    public PaymentSplit split(Money paid) {
        Money applied = status.isPayable() ? paid.min(amountDue()) : Money.zero(paid.currency());
        return new PaymentSplit(applied, paid.minus(applied));
    }

    /** The invoice with {@code payment} applied: PAID when nothing is left due, else PARTIALLY_PAID. */
    public Invoice apply(AppliedPayment payment) {
        if (!status.isPayable()) {
            throw new StateConflictException("invoice-not-payable", "The invoice is " + status + ".");
        }
        if (payment.amount().compareTo(amountDue()) > 0) {
            throw new IllegalArgumentException("payment exceeds the amount due");
        }
        List<AppliedPayment> after = new ArrayList<>(payments);
        after.add(payment);
        Money dueAfter = amountDue().minus(payment.amount());
        InvoiceStatus next = dueAfter.isZero() ? InvoiceStatus.PAID
                : status == InvoiceStatus.PAST_DUE ? InvoiceStatus.PAST_DUE : InvoiceStatus.PARTIALLY_PAID;
        boolean releasesLock = next == InvoiceStatus.PAID || payment.reference().equals(pendingOrderId);
        return new Invoice(id, orgId, number, type, next, lines, tax, after, period, reference, issuedAt, dueAt,
                next == InvoiceStatus.PAID ? payment.appliedAt() : paidAt, voidedAt, voidReason,
                releasesLock ? null : pendingOrderId, releasesLock ? null : pendingUntil);
    }

    /** Cancels an invoice nothing was paid on. */
    public Invoice voided(String reason, Instant at) {
        if (status != InvoiceStatus.OPEN || !payments.isEmpty()) {
            throw new StateConflictException("invoice-not-voidable", "Only an open invoice with no payment can be"
                    + " voided; this one is " + status + ".");
        }
        return new Invoice(id, orgId, number, type, InvoiceStatus.VOID, lines, tax, payments, period, reference,
                issuedAt, dueAt, paidAt, at, reason, null, null);
    }

    /** The part of a payment that settles the invoice, and the rest, which becomes credit. */
    public record PaymentSplit(Money applied, Money surplus) {
    }
}
