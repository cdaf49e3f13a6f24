package com.platform.billing.domain.topup;

/** What a gateway payment is for: buying credit (with its own top-up invoice), or paying an existing invoice. */
public enum PaymentPurpose {
    TOPUP,
    INVOICE_PAYMENT
}
