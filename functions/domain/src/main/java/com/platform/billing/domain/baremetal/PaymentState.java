package com.platform.billing.domain.baremetal;

import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceStatus;

/** What the platform needs to know about a term's invoice to decide about the server. */
public enum PaymentState {
    /** Nothing is due. */
    PAID,
    /** Prepaid credit covered part of it; the rest is due (the org pays it on the billing page). */
    PARTIALLY_PAID,
    /** Nothing was paid: no credit, or the card was declined (retried on the card schedule). */
    UNPAID;

    public static PaymentState of(Invoice invoice) {
        if (invoice.status() == InvoiceStatus.PAID || !invoice.amountDue().isPositive()) {
            return PAID;
        }
        return invoice.amountPaid().isPositive() || invoice.creditsApplied().isPositive() ? PARTIALLY_PAID : UNPAID;
    }
}
