package com.platform.billing.domain.baremetal;

import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.invoice.Invoice;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The persistence port of bare-metal charging. */
public interface BareMetalStore {

    /**
     * Issues the term's BAREMETAL invoice and, for a prepaid org, pays what its credit covers — in one transaction
     * with the (server, term start) guard and the subscription's new term — or, when that term was already charged,
     * answers with the invoice issued then ({@code replayed}). Refuses with {@code baremetal-charge-mismatch} a
     * (server, start) charged earlier with other terms, {@code baremetal-subscription-exists} a first term for a server
     * that already has one, and {@code baremetal-subscription-cancelled} a renewal of a cancelled subscription.
     */
    Issued issue(BareMetalCharge charge);

    Optional<Invoice> invoice(String orgId, String invoiceId);

    Optional<BareMetalSubscription> subscription(String serverId);

    /** Stops renewals (idempotent); empty when the server has no subscription. */
    Optional<BareMetalSubscription> cancel(String serverId, String actor, Instant at);

    /** An org's subscriptions, by server id. */
    List<BareMetalSubscription> subscriptions(String orgId);

    /** Active subscriptions whose term ends on {@code day} (platform time zone), through the sharded renewal index. */
    List<BareMetalSubscription> renewalsDue(LocalDate day);

    record Issued(Invoice invoice, BillingType billingType, boolean replayed) {
    }
}
