package com.platform.billing.dynamodb;

import com.platform.billing.domain.AccountNotFoundException;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.ConcurrentUpdateException;
import com.platform.billing.domain.InsufficientCreditException;
import com.platform.billing.domain.Ledger;
import com.platform.billing.domain.LedgerEntry;
import com.platform.billing.domain.LedgerRules;
import com.platform.billing.domain.Page;
import com.platform.billing.domain.Transfer;
import com.platform.billing.domain.TransferConflictException;
import com.platform.billing.domain.TransferOutcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The ledger on DynamoDB. A transfer is one {@code TransactWriteItems}:
 * <ol>
 *   <li>the account's balance and version, conditioned on the version we read (compare-and-set: the balance rule was
 *       checked against exactly the balance that is replaced);</li>
 *   <li>the ledger entry ORG#{org}/ENTRY#{version+1}, which must not exist;</li>
 *   <li>the transfer's idempotency record TRANSFER#{id}, which must not exist;</li>
 *   <li>the caller's own state changes, if any.</li>
 * </ol>
 * A cancelled transaction is told apart by its {@code CancellationReasons}: an existing transfer record is a replay
 * (answered from that record); a moved version means someone else wrote first, so we read again and re-decide; a
 * caller part's failure is the caller's domain error.
 */
public final class DynamoLedger implements Ledger {

    private static final int MAX_ATTEMPTS = 5;
    private static final int ACCOUNT = 0;
    private static final int ENTRY = 1;
    private static final int TRANSFER = 2;
    private static final int FIRST_PART = 3;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoLedger(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** A transfer decided against one read of the account, ready to be written. */
    public record PreparedTransfer(Transfer transfer, BillingAccount readAccount, LedgerEntry entry,
                                   List<TransactionPart> parts) {
    }

    @Override
    public TransferOutcome apply(Transfer transfer) {
        return apply(transfer, List.of());
    }

    /** Applies the transfer together with the caller's own state changes, all or nothing. */
    public TransferOutcome apply(Transfer transfer, List<TransactionPart> parts) {
        for (int attempt = 1; ; attempt++) {
            Optional<PreparedTransfer> prepared;
            try {
                prepared = Optional.of(prepare(transfer, parts));
            } catch (InsufficientCreditException refused) {
                // A replay of a debit that was applied earlier must still answer with the original outcome.
                return findApplied(transfer).orElseThrow(() -> refused);
            }
            Optional<TransferOutcome> outcome = tryCommit(prepared.get());
            if (outcome.isPresent()) {
                return outcome.get();
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new ConcurrentUpdateException();
            }
            Backoff.afterConflict(attempt);
        }
    }

    /** Reads the account (strongly consistent) and decides the entry. One GetItem. */
    public PreparedTransfer prepare(Transfer transfer, List<TransactionPart> parts) {
        BillingAccount account = readAccount(transfer.orgId()).orElseThrow(AccountNotFoundException::new);
        LedgerEntry entry = LedgerRules.nextEntry(account, transfer, clock.instant());
        return new PreparedTransfer(transfer, account, entry, List.copyOf(parts));
    }

    /**
     * Writes a prepared transfer; if the account moved since it was read, re-reads and re-decides (bounded), so the
     * second of two transfers prepared from the same read is either applied on the new balance or refused.
     */
    public TransferOutcome commit(PreparedTransfer prepared) {
        Optional<TransferOutcome> outcome = tryCommit(prepared);
        return outcome.orElseGet(() -> apply(prepared.transfer(), prepared.parts()));
    }

    /** Empty when the account version moved (or a transaction conflict): the caller should re-read and retry. */
    private Optional<TransferOutcome> tryCommit(PreparedTransfer prepared) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(accountUpdate(prepared));
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(EntryItems.entryItem(prepared.entry()))
                .conditionExpression("attribute_not_exists(PK)").build()).build());
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(EntryItems.transferItem(prepared.entry(), prepared.transfer().fingerprint()))
                .conditionExpression("attribute_not_exists(PK)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build());
        for (TransactionPart part : prepared.parts()) {
            items.add(part.writeItem(table));
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
            return Optional.of(new TransferOutcome(prepared.entry(), false));
        } catch (TransactionCanceledException cancelled) {
            return handleCancellation(prepared, cancelled);
        }
    }

    private Optional<TransferOutcome> handleCancellation(PreparedTransfer prepared,
                                                         TransactionCanceledException cancelled) {
        List<CancellationReason> reasons = cancelled.cancellationReasons();
        if (reasons == null || reasons.isEmpty()) {
            throw cancelled;
        }
        if (failedCondition(reasons, TRANSFER)) {
            Map<String, AttributeValue> old = reasons.get(TRANSFER).item();
            if (old == null || old.isEmpty()) {
                old = dynamo.getItem(r -> r.tableName(table).key(EntryItems.transferKey(prepared.transfer().id()))
                        .consistentRead(true)).item();
            }
            return Optional.of(replayOutcome(prepared.transfer(), old));
        }
        for (int i = FIRST_PART; i < reasons.size() && i - FIRST_PART < prepared.parts().size(); i++) {
            if (failedCondition(reasons, i)) {
                throw prepared.parts().get(i - FIRST_PART).conditionFailed(reasons.get(i));
            }
        }
        if (failedCondition(reasons, ACCOUNT) || failedCondition(reasons, ENTRY) || anyConflict(reasons)) {
            return Optional.empty();
        }
        throw cancelled;
    }

    private static TransferOutcome replayOutcome(Transfer transfer, Map<String, AttributeValue> record) {
        if (record == null || record.isEmpty()) {
            // The record existed a moment ago and records are never deleted; treat as a conflict rather than guess.
            throw new ConcurrentUpdateException();
        }
        if (!transfer.fingerprint().equals(Items.str(record, "fingerprint"))) {
            throw new TransferConflictException(transfer.id());
        }
        return new TransferOutcome(EntryItems.fromItem(record), true);
    }

    /** The outcome of this transfer if it was already applied; a different transfer under its id is a conflict. */
    public Optional<TransferOutcome> findApplied(Transfer transfer) {
        Map<String, AttributeValue> record = dynamo.getItem(r -> r.tableName(table)
                .key(EntryItems.transferKey(transfer.id())).consistentRead(true)).item();
        if (record == null || record.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(replayOutcome(transfer, record));
    }

    private TransactWriteItem accountUpdate(PreparedTransfer prepared) {
        LedgerEntry entry = prepared.entry();
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(AccountItems.key(entry.orgId()))
                .updateExpression("SET #balance = :balance, #version = :next, #updatedAt = :now")
                .conditionExpression("#version = :read")
                .expressionAttributeNames(Map.of("#balance", "balance", "#version", "version",
                        "#updatedAt", "updatedAt"))
                .expressionAttributeValues(Map.of(
                        ":balance", Items.n(entry.balanceAfter().amount()),
                        ":next", Items.n(entry.sequence()),
                        ":read", Items.n(prepared.readAccount().version()),
                        ":now", Items.time(entry.occurredAt())))
                .build()).build();
    }

    public Optional<BillingAccount> readAccount(String orgId) {
        return ConsistentReads.get(dynamo, table, AccountItems.key(orgId)).map(AccountItems::fromItem);
    }

    @Override
    public Page<LedgerEntry> entries(String orgId, String cursor, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Items.s(Keys.orgPk(orgId)),
                        ":prefix", Items.s(Keys.ENTRY_PREFIX)))
                .scanIndexForward(false)
                .limit(limit);
        if (cursor != null) {
            String sk = Cursors.decode(cursor, Keys.ENTRY_PREFIX);
            query.exclusiveStartKey(Items.key(Keys.orgPk(orgId), sk));
        }
        QueryResponse response = dynamo.query(query.build());
        List<LedgerEntry> entries = response.items().stream().map(EntryItems::fromItem).toList();
        Optional<String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(Cursors.encode(Items.str(response.lastEvaluatedKey(), Keys.SK)))
                : Optional.empty();
        return new Page<>(entries, next);
    }

    private static boolean failedCondition(List<CancellationReason> reasons, int index) {
        return index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static boolean anyConflict(List<CancellationReason> reasons) {
        return reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
    }
}
