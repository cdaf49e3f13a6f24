package com.platform.billing.domain.payment;

/** A payment method a gateway offers, e.g. {@code bca_va} "BCA Virtual Account". */
public record PaymentMethod(String code, String displayName) {
}
