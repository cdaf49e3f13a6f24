package com.platform.billing.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A caller's own state change that must commit in the same transaction as a transfer (order PAID, invoice PAID,
 * voucher count incremented…). If its condition fails, {@link #conditionFailed} says which domain error that is.
 */
public interface TransactionPart {

    TransactWriteItem writeItem(String tableName);

    /** The domain error for this part's failed condition; {@code reason.item()} holds the old item when asked for. */
    RuntimeException conditionFailed(CancellationReason reason);
}
