package com.platform.billing.dynamodb;

import java.util.function.Function;
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

    /** A ready-built write whose failed condition is the error {@code onFail} makes of the cancellation reason. */
    static TransactionPart part(TransactWriteItem item, Function<CancellationReason, RuntimeException> onFail) {
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
}
