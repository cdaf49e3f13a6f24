package com.platform.billing.domain;

/** Input that does not make sense; {@code field} names what to fix (a JSON pointer-ish name, or empty). */
public final class InvalidRequestException extends BillingException {

    private final String field;

    public InvalidRequestException(String field, String message) {
        super("invalid-request", message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
