package com.platform.billing.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.InsufficientCreditException;
import com.platform.billing.domain.LedgerEntry;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.Page;
import com.platform.billing.domain.Transfer;
import com.platform.billing.domain.TransferConflictException;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.TransferKind;
import com.platform.billing.domain.TransferOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithLedgerTable
class DynamoLedgerIT {

    private static final AtomicInteger ORGS = new AtomicInteger();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T04:00:00Z"), ZoneOffset.UTC);
    private final LedgerTable table;
    private final DynamoLedger ledger;
    private final DynamoAccountStore accounts;
    private String org;

    DynamoLedgerIT(LedgerTable table) {
        this.table = table;
        this.ledger = new DynamoLedger(table.dynamo(), table.name(), clock);
        this.accounts = new DynamoAccountStore(table.dynamo(), table.name());
    }

    @BeforeEach
    void openAccount() {
        org = "org-" + ORGS.incrementAndGet();
        accounts.createIfAbsent(BillingAccount.open(org, BillingType.PREPAID, "IDR", clock.instant()));
    }

    private Transfer adjustment(String key, long amount) {
        return new Transfer(TransferId.of("adjustment", org, key), org, TransferKind.ADJUSTMENT, Money.of(amount, "IDR"),
                "", "admin-1", "test");
    }

    private long balance() {
        return accounts.find(org).orElseThrow().balance().amount();
    }

    @Test
    void apply_whenReplayedWithSameId_changesBalanceOnce() {
        TransferOutcome first = ledger.apply(adjustment("k1", 100_000));
        TransferOutcome second = ledger.apply(adjustment("k1", 100_000));

        assertFalse(first.replayed());
        assertTrue(second.replayed());
        assertEquals(first.entry(), second.entry());
        assertEquals(100_000, balance());
        assertEquals(1, ledger.entries(org, null, 10).items().size());
    }

    @Test
    void apply_whenSameIdDifferentAmount_isRefusedAndChangesNothing() {
        ledger.apply(adjustment("k1", 100_000));

        assertThrows(TransferConflictException.class, () -> ledger.apply(adjustment("k1", 90_000)));
        assertEquals(100_000, balance());
    }

    @Test
    void apply_whenReplayOfDebitThatNoLongerFits_returnsOriginalOutcome() {
        ledger.apply(adjustment("credit", 100_000));
        ledger.apply(adjustment("debit", -100_000));

        TransferOutcome replay = ledger.apply(adjustment("debit", -100_000));

        assertTrue(replay.replayed());
        assertEquals(0, balance());
    }

    @Test
    void apply_whenDebitWouldOverdrawPrepaid_isRefusedAndWritesNothing() {
        ledger.apply(adjustment("credit", 10_000));
        table.counter().reset();

        assertThrows(InsufficientCreditException.class, () -> ledger.apply(adjustment("debit", -10_001)));

        assertEquals(0, table.counter().requests("TransactWriteItems"));
        assertEquals(10_000, balance());
    }

    @Test
    void commit_whenTwoTransfersPreparedFromSameRead_secondIsReDecidedOnNewBalance() {
        ledger.apply(adjustment("credit", 100_000));
        var first = ledger.prepare(adjustment("debit-a", -60_000), List.of());
        var second = ledger.prepare(adjustment("debit-b", -60_000), List.of());
        assertEquals(first.readAccount(), second.readAccount());

        ledger.commit(first);

        assertThrows(InsufficientCreditException.class, () -> ledger.commit(second));
        assertEquals(40_000, balance());
    }

    @Test
    void commit_whenTwoCreditsPreparedFromSameRead_bothApplyInSequence() {
        var first = ledger.prepare(adjustment("a", 10_000), List.of());
        var second = ledger.prepare(adjustment("b", 20_000), List.of());

        ledger.commit(first);
        TransferOutcome outcome = ledger.commit(second);

        assertEquals(2, outcome.entry().sequence());
        assertEquals(30_000, outcome.entry().balanceAfter().amount());
        assertEquals(30_000, balance());
    }

    @Test
    void creditAdjustment_costsOneReadAndOneTransaction() {
        table.counter().reset();
        ledger.apply(adjustment("k", 5_000));
        assertEquals(1, table.counter().requests("GetItem"));
        assertEquals(1, table.counter().requests("TransactWriteItems"));
        assertEquals(2, table.counter().totalRequests());
    }

    @Test
    void entries_areNewestFirstWithCursorPaging() {
        for (int i = 1; i <= 5; i++) {
            ledger.apply(adjustment("k" + i, i * 1_000));
        }
        Page<LedgerEntry> first = ledger.entries(org, null, 2);
        Page<LedgerEntry> second = ledger.entries(org, first.nextCursor().orElseThrow(), 2);
        Page<LedgerEntry> third = ledger.entries(org, second.nextCursor().orElseThrow(), 2);

        assertEquals(List.of(5L, 4L), first.items().stream().map(LedgerEntry::sequence).toList());
        assertEquals(List.of(3L, 2L), second.items().stream().map(LedgerEntry::sequence).toList());
        assertEquals(List.of(1L), third.items().stream().map(LedgerEntry::sequence).toList());
    }
}
