package com.platform.billing.domain.baremetal;

import com.platform.billing.domain.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * A bare-metal server's running subscription: the term it is in, what it renews at ({@code currentTermEnd}, the next
 * renewal), and whether the platform cancelled it. {@code listPrice} is the monthly price renewals are charged at.
 * Cancelling stops renewals only: the running term is not refunded.
 */
public record BareMetalSubscription(String serverId, String orgId, String sku, Money listPrice, int termMonths,
                                    int anchorDay, Instant currentTermStart, Instant currentTermEnd, Status status,
                                    long termsCharged, String lastInvoiceId, Instant cancelledAt) {

    public enum Status { ACTIVE, CANCELLED }

    public BareMetalSubscription {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(status, "status");
    }

    /** When the next term is charged, or null once cancelled. */
    public Instant nextRenewalAt() {
        return status == Status.ACTIVE ? currentTermEnd : null;
    }

    /** Whether a renewal is due at {@code now}: active and its term has ended. */
    public boolean renewalDue(Instant now) {
        return status == Status.ACTIVE && !now.isBefore(currentTermEnd);
    }
}
