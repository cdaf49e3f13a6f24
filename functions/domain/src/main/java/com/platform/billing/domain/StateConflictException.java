package com.platform.billing.domain;

/** The thing the request acts on is not in a state that allows it (already paid, void, pending…). */
public class StateConflictException extends BillingException {

    public StateConflictException(String code, String message) {
        super(code, message);
    }
}
