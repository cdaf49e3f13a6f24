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
}
