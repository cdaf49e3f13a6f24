package com.platform.billing.dynamodb;

import com.platform.billing.domain.ConcurrentUpdateException;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * One TransactWriteItems of {@link TransactionPart}s that moves no money (so it does not go through the ledger):
 * the first part whose condition failed decides the domain error, exactly as in the ledger's own transactions.
 * Transaction conflicts (another transaction on the same items in flight) are retried a few times.
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
                Backoff.afterConflict(attempt);
            }
        }
    }
}
