package com.platform.billing.domain.paymentmethod;

import com.platform.billing.domain.StateConflictException;

/** Switching an org to POSTPAID without a usable saved card (409 {@code payment-method-required}). */
public final class PaymentMethodRequiredException extends StateConflictException {

    public PaymentMethodRequiredException() {
        super("payment-method-required", "A postpaid organization is charged by card: register a card in the"
                + " organization's billing settings before switching it to postpaid.");
    }
}
