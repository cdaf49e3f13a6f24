package com.platform.billing.domain.invoice;

/**
 * OPEN (nothing paid) → PARTIALLY_PAID (some paid, some due) → PAID (nothing due); OPEN or PARTIALLY_PAID →
 * PAST_DUE when the due date passes (set by the dunning schedule); OPEN → VOID (cancelled, e.g. its top-up payment
 * failed). A VOID top-up invoice becomes PAID only when its own order's money arrives late (see the top-up README).
 */
public enum InvoiceStatus {
    OPEN,
    PARTIALLY_PAID,
    PAST_DUE,
    PAID,
    VOID;

    /** Whether money may still be applied to it. */
    public boolean isPayable() {
        return this == OPEN || this == PARTIALLY_PAID || this == PAST_DUE;
    }
}
