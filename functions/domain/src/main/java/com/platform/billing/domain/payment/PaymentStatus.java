package com.platform.billing.domain.payment;

/**
 * A payment's status as we record it. States only move forward: PENDING → PAID | FAILED | EXPIRED, and a PAID
 * payment may later be REFUNDED, PARTIALLY_REFUNDED or CHARGED_BACK.
 */
public enum PaymentStatus {
    PENDING,
    PAID,
    FAILED,
    EXPIRED,
    REFUNDED,
    PARTIALLY_REFUNDED,
    CHARGED_BACK;

    public boolean isReversal() {
        return this == REFUNDED || this == PARTIALLY_REFUNDED || this == CHARGED_BACK;
    }
}
