package com.platform.billing.domain;

import java.time.Instant;
import java.util.Optional;

/** Persistence of billing accounts (the balance itself only ever changes through {@link Ledger}). */
public interface AccountStore {

    Optional<BillingAccount> find(String orgId);

    /** Creates the account; returns empty if one already exists (then nothing was written). */
    Optional<BillingAccount> createIfAbsent(BillingAccount account);

    /**
     * Sets the billing type if the account still has {@code expectedType} (a compare-and-set: a concurrent change
     * makes this return false and write nothing).
     */
    boolean changeType(String orgId, BillingType expectedType, BillingType newType, String actor, Instant now);
}
