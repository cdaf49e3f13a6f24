package com.platform.billing.api;

import com.platform.billing.domain.BillingException;

/** The request could not be read at all: not JSON, wrong types, unknown or duplicate fields, too large. */
public final class MalformedRequestException extends BillingException {

    public MalformedRequestException(String message) {
        super("malformed-request", message);
    }
}
