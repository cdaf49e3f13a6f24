package com.platform.billing.devkit;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Counts DynamoDB requests per operation and the items they write, as the SDK sends them (one count per API call,
 * retries included, since each retry is billed). Used by the benchmarks to measure cost rather than guess it.
 */
public final class RequestCounter implements ExecutionInterceptor {

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final LongAdder itemsWritten = new LongAdder();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        requests.computeIfAbsent(operation, k -> new LongAdder()).increment();
        itemsWritten.add(writtenItems(context.request()));
    }

    private static int writtenItems(SdkRequest request) {
        return switch (request) {
            case TransactWriteItemsRequest r -> r.transactItems().size();
            case BatchWriteItemRequest r -> r.requestItems().values().stream().mapToInt(java.util.List::size).sum();
            default -> switch (request.getClass().getSimpleName()) {
                case "PutItemRequest", "UpdateItemRequest", "DeleteItemRequest" -> 1;
                default -> 0;
            };
        };
    }

    /** Requests per operation name, sorted by name. */
    public Map<String, Long> requests() {
        Map<String, Long> snapshot = new TreeMap<>();
        requests.forEach((op, n) -> snapshot.put(op, n.sum()));
        return snapshot;
    }

    public long totalRequests() {
        return requests.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long requests(String operation) {
        LongAdder n = requests.get(operation);
        return n == null ? 0 : n.sum();
    }

    public long itemsWritten() {
        return itemsWritten.sum();
    }

    public void reset() {
        requests.clear();
        itemsWritten.reset();
    }
}
