package com.platform.billing.domain.paymentmethod;

import com.platform.billing.domain.StateConflictException;

/** Removing the card of a POSTPAID org (409 {@code payment-method-in-use}). */
public final class PaymentMethodInUseException extends StateConflictException {

    public PaymentMethodInUseException() {
        super("payment-method-in-use", "The organization is postpaid and its invoices are charged to this card."
                + " Register a new card (it replaces this one once confirmed), or have a billing administrator"
                + " switch the organization to prepaid first.");
    }
}
