package com.platform.billing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LedgerRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");

    private static BillingAccount account(BillingType type, long balance, long version) {
        return new BillingAccount("org-1", type, Money.of(balance, "IDR"), version, NOW, NOW);
    }

    private static Transfer transfer(long amount) {
        return new Transfer(TransferId.of("adjustment", "org-1", "k"), "org-1", TransferKind.ADJUSTMENT,
                Money.of(amount, "IDR"), "", "admin", "why");
    }

    @Test
    void nextEntry_whenCredit_addsAndAdvancesSequence() {
        LedgerEntry entry = LedgerRules.nextEntry(account(BillingType.PREPAID, 1_000, 4), transfer(500), NOW);
        assertEquals(5, entry.sequence());
        assertEquals(1_500, entry.balanceAfter().amount());
        assertEquals("platform:adjustments", entry.counterpartAccount());
    }

    @Test
    void nextEntry_whenDebitWouldOverdrawPrepaid_isRefused() {
        assertThrows(InsufficientCreditException.class,
                () -> LedgerRules.nextEntry(account(BillingType.PREPAID, 1_000, 1), transfer(-1_001), NOW));
        assertEquals(0, LedgerRules.nextEntry(account(BillingType.PREPAID, 1_000, 1), transfer(-1_000), NOW)
                .balanceAfter().amount());
    }

    @Test
    void nextEntry_whenPostpaid_mayGoNegative() {
        assertEquals(-500, LedgerRules.nextEntry(account(BillingType.POSTPAID, 0, 0), transfer(-500), NOW)
                .balanceAfter().amount());
    }

    @Test
    void nextEntry_whenCurrencyDiffers_isRefused() {
        Transfer usd = new Transfer(TransferId.of("x", "1"), "org-1", TransferKind.ADJUSTMENT, Money.of(1, "USD"),
                "", "a", "");
        assertThrows(CurrencyMismatchException.class,
                () -> LedgerRules.nextEntry(account(BillingType.PREPAID, 0, 0), usd, NOW));
    }

    @Test
    void fingerprint_differsForAnyFieldAndIsStable() {
        Transfer base = transfer(500);
        assertEquals(base.fingerprint(), transfer(500).fingerprint());
        assertNotEquals(base.fingerprint(), transfer(501).fingerprint());
        Transfer otherReason = new Transfer(base.id(), "org-1", TransferKind.ADJUSTMENT, base.amount(), "", "admin",
                "why not");
        assertNotEquals(base.fingerprint(), otherReason.fingerprint());
    }

    @Test
    void transferId_refusesUnsafeCharacters() {
        assertThrows(IllegalArgumentException.class, () -> new TransferId("adjustment:org-1:../x"));
        assertThrows(IllegalArgumentException.class, () -> new TransferId("a b"));
        assertThrows(IllegalArgumentException.class, () -> new TransferId("x".repeat(201)));
    }
}
