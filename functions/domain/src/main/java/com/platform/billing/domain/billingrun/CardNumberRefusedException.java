package com.platform.billing.domain.billingrun;

import com.platform.billing.domain.BillingException;

/** A request carried something that looks like a card number (PAN): refused, never stored or echoed. */
public final class CardNumberRefusedException extends BillingException {

    private final String field;

    public CardNumberRefusedException(String field) {
        super("card-number-refused", field + " looks like a card number. Send the gateway's card token and the"
                + " masked number only; card numbers are never accepted.");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
