package com.platform.billing.domain.topup;

import com.platform.billing.domain.BillingException;

/** The payment gateway failed or timed out (502): for an inquiry, the order is FAILED and nothing was charged. */
public final class GatewayUnavailableException extends BillingException {

    public GatewayUnavailableException(String message) {
        super("gateway-unavailable", message);
    }
}
