package com.platform.billing.domain.topup;

/**
 * What a gateway payment is for: buying credit (with its own top-up invoice), paying an existing invoice, or
 * registering a card for postpaid billing (a small verification payment, credited like a top-up with its own top-up
 * invoice, whose callback also carries the gateway's reusable card token).
 */
public enum PaymentPurpose {
    TOPUP,
    INVOICE_PAYMENT,
    CARD_REGISTRATION;

    /** Whether the order bought credit and carries its own top-up invoice (voided if it fails, paid with it). */
    public boolean buysCredit() {
        return this == TOPUP || this == CARD_REGISTRATION;
    }
}
