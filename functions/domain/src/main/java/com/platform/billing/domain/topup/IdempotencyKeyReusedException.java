package com.platform.billing.domain.topup;

import com.platform.billing.domain.BillingException;

/** The Idempotency-Key was used before with a different request body (422). */
public final class IdempotencyKeyReusedException extends BillingException {

    public IdempotencyKeyReusedException() {
        super("idempotency-key-reused", "This Idempotency-Key was already used for a different request; use a new"
                + " one.");
    }
}
