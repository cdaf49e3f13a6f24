package com.platform.billing.domain;

/** A debit larger than a prepaid org's credit. */
public final class InsufficientCreditException extends BillingException {

    private final transient Money available;
    private final transient Money requested;

    public InsufficientCreditException(String orgId, Money available, Money requested) {
        super("insufficient-credit", "The organization's credit (" + available + ") does not cover " + requested + ".");
        this.available = available;
        this.requested = requested;
    }

    public Money available() {
        return available;
    }

    public Money requested() {
        return requested;
    }
}
