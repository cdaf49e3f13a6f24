package com.platform.billing.domain.invoice;

import com.platform.billing.domain.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * Money applied to an invoice. {@code source} says where it came from; {@code reference} points at it (payment
 * order id, ledger transfer id, card charge attempt id).
 *
 * @param referenceNumber the reference a customer sees (VA number, gateway reference), or ""
 */
public record AppliedPayment(Source source, String reference, Money amount, Instant appliedAt, String method,
                             String referenceNumber) {

    public enum Source {
        /** Paid through the payment gateway's checkout page. */
        GATEWAY,
        /** Deducted from the org's credit (a ledger transfer). */
        CREDIT,
        /** Charged to the org's saved card. */
        CARD
    }

    public AppliedPayment {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(appliedAt, "appliedAt");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(referenceNumber, "referenceNumber");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("an applied payment is positive");
        }
    }
}
