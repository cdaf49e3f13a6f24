package com.platform.billing.domain;

import java.time.Instant;

/** The rules a transfer must pass against the account it changes. Pure: no I/O, no clock of its own. */
public final class LedgerRules {

    private LedgerRules() {
    }

    /**
     * The entry {@code transfer} would produce on {@code account}, as read at {@code account.version()}.
     *
     * @throws InsufficientCreditException when it would take a prepaid balance below zero
     */
    public static LedgerEntry nextEntry(BillingAccount account, Transfer transfer, Instant now) {
        if (!account.orgId().equals(transfer.orgId())) {
            throw new IllegalArgumentException("transfer is for another org");
        }
        if (!account.currency().equals(transfer.amount().currency())) {
            throw new CurrencyMismatchException(account.currency(), transfer.amount().currency());
        }
        Money after = account.balance().plus(transfer.amount());
        // Only debits are refused: a credit that leaves a (postpaid) balance still negative is still a credit.
        if (transfer.amount().isNegative() && after.isNegative() && !account.billingType().mayGoNegative()) {
            throw new InsufficientCreditException(account.orgId(), account.balance(), transfer.amount().negate());
        }
        return new LedgerEntry(account.orgId(), Math.addExact(account.version(), 1), transfer.id(), transfer.kind(),
                transfer.amount(), after, transfer.kind().counterpartAccount(), transfer.reference(), transfer.actor(),
                transfer.reason(), now);
    }
}
