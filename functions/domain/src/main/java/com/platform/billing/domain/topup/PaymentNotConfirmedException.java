package com.platform.billing.domain.topup;

import com.platform.billing.domain.BillingException;

/**
 * The gateway's status API does not (yet) confirm what its notification says (409): nothing is applied, and the
 * non-2xx answer makes the gateway deliver again later.
 */
public final class PaymentNotConfirmedException extends BillingException {

    public PaymentNotConfirmedException(String code, String message) {
        super(code, message);
    }
}
