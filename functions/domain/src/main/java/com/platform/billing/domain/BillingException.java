package com.platform.billing.domain;

/**
 * A refusal the caller can act on. {@code code} is stable: the HTTP layer turns it into the problem {@code type}, so
 * clients may branch on it. Messages are written for the caller and never carry internal detail.
 */
public abstract class BillingException extends RuntimeException {

    private final String code;

    protected BillingException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
