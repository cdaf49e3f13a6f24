package com.platform.billing.api;

import com.platform.billing.domain.BillingException;

/** No verified identity reached the function (401). API Gateway normally answers this before we run. */
public final class UnauthenticatedException extends BillingException {

    public UnauthenticatedException() {
        super("unauthenticated", "A valid bearer token is required.");
    }
}
