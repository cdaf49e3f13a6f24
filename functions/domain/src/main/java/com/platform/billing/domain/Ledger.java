package com.platform.billing.domain;

/** The ledger: applies transfers at most once, and lists an org's entries. */
public interface Ledger {

    /**
     * Applies the transfer exactly once. A replay of an already applied transfer (same id, same fields) returns the
     * original entry with {@code replayed = true} and changes nothing.
     *
     * @throws TransferConflictException    the id was used for a transfer with different fields
     * @throws InsufficientCreditException  it would overdraw a prepaid org
     * @throws AccountNotFoundException     the org has no billing account
     * @throws ConcurrentUpdateException    the account kept changing; nothing applied
     */
    TransferOutcome apply(Transfer transfer);

    /** Entries newest first. {@code cursor} is a value from a previous page, or null for the first page. */
    Page<LedgerEntry> entries(String orgId, String cursor, int limit);
}
