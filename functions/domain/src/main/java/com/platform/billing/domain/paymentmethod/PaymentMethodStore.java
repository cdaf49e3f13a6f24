package com.platform.billing.domain.paymentmethod;

import com.platform.billing.domain.BillingAccount;
import java.time.Instant;
import java.util.Optional;

/** Persistence of an org's saved card (the registration itself goes through the payment order store). */
public interface PaymentMethodStore {

    /** The org's account and saved card, in one read. */
    record OrgCard(Optional<BillingAccount> account, Optional<StoredCard> card) {
    }

    OrgCard read(String orgId);

    /**
     * Deletes the saved card (with a {@code PaymentMethodRemoved} event) in one transaction, on condition that it
     * is still the card read ({@code cardToken}) and the org is not POSTPAID.
     *
     * @throws PaymentMethodInUseException when the org is (or just became) POSTPAID
     * @throws com.platform.billing.domain.ConcurrentUpdateException when the card changed since it was read
     */
    void remove(String orgId, StoredCard card, String actor, Instant at);
}
