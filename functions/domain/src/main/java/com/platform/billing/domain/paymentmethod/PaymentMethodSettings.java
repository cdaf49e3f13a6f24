package com.platform.billing.domain.paymentmethod;

import com.platform.billing.domain.AccountNotFoundException;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingException;
import com.platform.billing.domain.OrgId;
import java.time.Clock;
import java.util.Optional;

/**
 * An org's card settings: what is saved, and removing it. Rule: the card of a POSTPAID org cannot be removed (its
 * invoices are charged to it) — it is replaced by registering a new one, or the org is first switched to PREPAID by
 * a platform admin. So a POSTPAID org always has a card; it may still become unusable (the gateway reports the token
 * expired or revoked at charge time), which the settings view shows so the billing page asks for a new card.
 */
public final class PaymentMethodSettings {

    /** The org's billing type and saved card (if any). */
    public record View(BillingAccount account, Optional<StoredCard> card) {
    }

    private final PaymentMethodStore store;
    private final Clock clock;

    public PaymentMethodSettings(PaymentMethodStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public View view(String orgId) {
        OrgId.requireValid(orgId);
        PaymentMethodStore.OrgCard read = store.read(orgId);
        return new View(read.account().orElseThrow(AccountNotFoundException::new), read.card());
    }

    /** @return the card that was removed */
    public StoredCard remove(String orgId, String actor) {
        View current = view(orgId);
        StoredCard card = current.card().orElseThrow(NoPaymentMethodException::new);
        if (current.account().billingType().mayGoNegative()) {
            throw new PaymentMethodInUseException();
        }
        store.remove(orgId, card, actor, clock.instant());
        return card;
    }

    /** No saved card to remove (404, like any missing resource). */
    public static final class NoPaymentMethodException extends BillingException {
        public NoPaymentMethodException() {
            super("not-found", "The organization has no saved card.");
        }
    }
}
