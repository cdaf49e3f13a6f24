package com.platform.billing.domain;

/** How an organization pays: from credit it tops up in advance, or by a saved card charged when an invoice is issued. */
public enum BillingType {
    PREPAID,
    POSTPAID;

    /** A prepaid balance is credit held in advance, so it can never go below zero. */
    public boolean mayGoNegative() {
        return this == POSTPAID;
    }
}
