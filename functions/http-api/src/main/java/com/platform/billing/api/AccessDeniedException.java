package com.platform.billing.api;

import com.platform.billing.domain.BillingException;

/** The caller is known but lacks the role the route needs (403). Never used to hide another org's data (404). */
public final class AccessDeniedException extends BillingException {

    public AccessDeniedException(String message) {
        super("forbidden", message);
    }
}
