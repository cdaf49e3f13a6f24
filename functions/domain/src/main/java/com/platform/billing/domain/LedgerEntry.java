package com.platform.billing.domain;

import java.time.Instant;

/**
 * The org's side of an applied transfer. {@code sequence} is the account version the entry produced (1, 2, 3…), and
 * {@code balanceAfter} the balance right after it, so a statement can be read straight off the entries.
 */
public record LedgerEntry(String orgId, long sequence, TransferId transferId, TransferKind kind, Money amount,
                          Money balanceAfter, String counterpartAccount, String reference, String actor, String reason,
                          Instant occurredAt) {
}
