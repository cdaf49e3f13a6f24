package com.platform.billing.domain.payment;

import com.platform.billing.domain.BillingException;

/** A webhook delivery we refuse: not authentic (code {@code callback-unauthenticated}, 401) or unreadable (400). */
public final class CallbackRejectedException extends BillingException {

    public enum Reason { UNAUTHENTICATED, MALFORMED }

    private final Reason reason;

    public CallbackRejectedException(Reason reason, String message) {
        super(reason == Reason.UNAUTHENTICATED ? "callback-unauthenticated" : "malformed-request", message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
