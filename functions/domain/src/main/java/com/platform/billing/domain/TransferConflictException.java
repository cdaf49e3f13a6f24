package com.platform.billing.domain;

/** The same transfer id (idempotency key) was used before for a different request. */
public final class TransferConflictException extends BillingException {

    public TransferConflictException(TransferId id) {
        super("idempotency-key-reused", "This request id was already used for a different request; use a new one.");
    }
}
