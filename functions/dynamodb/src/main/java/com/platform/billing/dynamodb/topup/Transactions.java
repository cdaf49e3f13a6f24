package com.platform.billing.dynamodb.topup;

import com.platform.billing.domain.ConcurrentUpdateException;
import com.platform.billing.dynamodb.TransactionPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * One TransactWriteItems of {@link TransactionPart}s that moves no money (so it does not go through the ledger):
 * the first part whose condition failed decides the domain error, exactly as in the ledger's own transactions.
 * Transaction conflicts (another transaction on the same items in flight) are retried a few times. Public for the
 * other flows that write the same way (bare-metal charging).
 */
public final class Transactions {

    private static final int MAX_ATTEMPTS = 4;

    private Transactions() {
    }

    public static void write(DynamoDbClient dynamo, String table, List<TransactionPart> parts) {
        List<TransactWriteItem> items = parts.stream().map(p -> p.writeItem(table)).toList();
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(items));
                return;
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.cancellationReasons();
                if (reasons == null || reasons.isEmpty()) {
                    throw cancelled;
                }
                for (int i = 0; i < reasons.size() && i < parts.size(); i++) {
                    if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                        throw parts.get(i).conditionFailed(reasons.get(i));
                    }
                }
                boolean conflict = reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
                if (!conflict) {
                    throw cancelled;
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw new ConcurrentUpdateException();
                }
                backOff(attempt);
            }
        }
    }

    public static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConcurrentUpdateException();
        }
    }

    /** A transaction part whose failed condition is the error {@code onFail} makes of the cancellation reason. */
    public static TransactionPart part(TransactWriteItem item, Function<CancellationReason, RuntimeException> onFail) {
        return new TransactionPart() {
            @Override
            public TransactWriteItem writeItem(String tableName) {
                return item;
            }

            @Override
            public RuntimeException conditionFailed(CancellationReason reason) {
                return onFail.apply(reason);
            }
        };
    }

    /** Strongly consistent reads of up to 100 keys in one BatchGetItem (unprocessed keys asked again). */
    public static List<Map<String, AttributeValue>> readConsistent(DynamoDbClient dynamo, String table,
                                                                   List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                .consistentRead(true).build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> pending = request;
            var response = dynamo.batchGetItem(r -> r.requestItems(pending));
            found.addAll(response.responses().getOrDefault(table, List.of()));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return found;
    }
}
