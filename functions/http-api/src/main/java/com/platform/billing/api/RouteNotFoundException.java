package com.platform.billing.api;

import com.platform.billing.domain.BillingException;

/** A route this function does not serve. */
public final class RouteNotFoundException extends BillingException {

    public RouteNotFoundException() {
        super("not-found", "No such resource.");
    }
}
