package com.platform.billing.domain;

/**
 * The result of applying a transfer. {@code replayed} is true when the ledger had already applied the same transfer:
 * nothing changed this time, and {@code entry} is the original entry.
 */
public record TransferOutcome(LedgerEntry entry, boolean replayed) {
}
