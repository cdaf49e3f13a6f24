package com.platform.billing.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An organization's billing account. {@code balance} is the credit the org holds. {@code version} counts the ledger
 * entries applied to it: entry sequence numbers run 1..version without gaps, which is what lets the store guard each
 * balance change with a single compare-and-set and lets the auditor spot a missing entry.
 */
public record BillingAccount(String orgId, BillingType billingType, Money balance, long version, Instant createdAt,
                             Instant updatedAt) {

    public BillingAccount {
        OrgId.requireValid(orgId);
        Objects.requireNonNull(billingType, "billingType");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    public static BillingAccount open(String orgId, BillingType type, String currency, Instant now) {
        return new BillingAccount(orgId, type, Money.zero(currency), 0, now, now);
    }

    public String currency() {
        return balance.currency();
    }
}
