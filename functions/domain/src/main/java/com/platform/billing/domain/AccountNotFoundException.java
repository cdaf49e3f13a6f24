package com.platform.billing.domain;

/** No billing account for the org (or the caller may not see it: both answer the same, to reveal nothing). */
public final class AccountNotFoundException extends BillingException {

    public AccountNotFoundException() {
        super("not-found", "No such organization billing account.");
    }
}
