package com.platform.billing.domain.topup;

import com.platform.billing.domain.BillingException;

/** A notification for an order we never made (404); the raw notification is kept for reconciliation. */
public final class UnknownPaymentOrderException extends BillingException {

    public UnknownPaymentOrderException() {
        super("unknown-order", "No such payment order.");
    }
}
