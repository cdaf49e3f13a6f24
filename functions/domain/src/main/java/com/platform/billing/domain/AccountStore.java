package com.platform.billing.domain;

import java.time.Instant;
import java.util.Optional;

/** Persistence of billing accounts (the balance itself only ever changes through {@link Ledger}). */
public interface AccountStore {

    Optional<BillingAccount> find(String orgId);

    /** Creates the account; returns empty if one already exists (then nothing was written). */
    Optional<BillingAccount> createIfAbsent(BillingAccount account);

    /** The account as stored after {@link #openOrGet}, and whether this call created it. */
    record Opened(BillingAccount account, boolean created) {
    }

    /** Creates the account if absent, else returns the existing one — in one request either way. */
    Opened openOrGet(BillingAccount account);

    /**
     * Sets the billing type if the account still has {@code expectedType} (a compare-and-set: a concurrent change
     * makes this return empty and write nothing). Returns the account as stored after the change.
     */
    Optional<BillingAccount> changeType(String orgId, BillingType expectedType, BillingType newType, String actor,
                                        Instant now);

    /**
     * Switches a PREPAID account to POSTPAID, in one transaction with a check that the org has a usable saved card
     * (a postpaid org is charged by card), on condition that the account is still exactly {@code current} (type and
     * version). Empty when the account changed meanwhile (nothing written). A default so that stores which never
     * switch accounts need not implement it.
     *
     * @throws com.platform.billing.domain.paymentmethod.PaymentMethodRequiredException when there is no usable card
     */
    default Optional<BillingAccount> switchToPostpaid(BillingAccount current, String actor, Instant now) {
        throw new UnsupportedOperationException("this store does not switch accounts to postpaid");
    }
}
