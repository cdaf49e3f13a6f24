package com.platform.billing.domain.billingrun;

import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.invoice.Invoice;
import java.time.YearMonth;

/**
 * What issuing the invoice of (org, period) did. {@code invoice} is set when this call issued it; {@code invoiceId}
 * also when an earlier delivery did (read from the period's closed marker).
 */
public record IssueOutcome(Result result, String orgId, YearMonth period, String invoiceId, Invoice invoice,
                           BillingType billingType) {

    public enum Result {
        /** This call issued the invoice (and, prepaid, applied the credit). */
        ISSUED,
        /** The period was already closed for the org (a re-run, a re-delivered message, a second dispatcher). */
        ALREADY_ISSUED,
        /** Nothing billable: the period was closed without an invoice. */
        NO_INVOICE
    }

    public static IssueOutcome issued(Invoice invoice, BillingType billingType) {
        return new IssueOutcome(Result.ISSUED, invoice.orgId(), invoice.period(), invoice.id(), invoice, billingType);
    }

    /** Whether the invoice is to be charged to the org's saved card (postpaid, an invoice exists). */
    public boolean chargeable() {
        return billingType == BillingType.POSTPAID && invoiceId != null && result != Result.NO_INVOICE;
    }
}
