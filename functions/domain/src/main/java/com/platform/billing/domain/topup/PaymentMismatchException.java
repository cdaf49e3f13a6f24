package com.platform.billing.domain.topup;

import com.platform.billing.domain.BillingException;

/**
 * An authentic notification that does not match our order (amount, currency, merchant or provider): 422, nothing is
 * applied, the raw notification is kept for reconciliation.
 */
public final class PaymentMismatchException extends BillingException {

    public PaymentMismatchException(String message) {
        super("payment-mismatch", message);
    }
}
