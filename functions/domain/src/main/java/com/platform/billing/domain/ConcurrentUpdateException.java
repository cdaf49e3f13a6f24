package com.platform.billing.domain;

/** The account kept changing under us; nothing was applied and the request may be retried as is. */
public final class ConcurrentUpdateException extends BillingException {

    public ConcurrentUpdateException() {
        super("concurrent-update", "The account was being changed by another request; nothing was applied. Retry.");
    }
}
