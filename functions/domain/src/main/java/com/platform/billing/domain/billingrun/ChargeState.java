package com.platform.billing.domain.billingrun;

import com.platform.billing.domain.invoice.Invoice;
import java.time.Instant;
import java.util.Optional;

/**
 * What the card-charge use case reads of one postpaid invoice in one go: the invoice, the org's saved card, and the
 * charge schedule (the last attempt number and its status, how many attempts failed, when the next one is due).
 */
public record ChargeState(Invoice invoice, Optional<SavedCard> card, int lastAttempt, AttemptStatus lastStatus,
                          int failures, Instant nextChargeAt) {

    public enum AttemptStatus {
        /** No attempt yet. */
        NONE,
        /** Recorded and (maybe) sent; the outcome is not known yet. */
        SENT,
        /** The gateway timed out or answered "pending": resolve with fetchStatus(attemptId) before any new attempt. */
        UNKNOWN,
        SUCCEEDED,
        DECLINED,
        TOKEN_INVALID,
        /** No card is saved: nothing was sent. */
        NO_CARD;

        public boolean outcomeUnknown() {
            return this == SENT || this == UNKNOWN;
        }
    }

    public static String attemptId(String invoiceId, int attempt) {
        return invoiceId + "-a" + attempt;
    }
}
