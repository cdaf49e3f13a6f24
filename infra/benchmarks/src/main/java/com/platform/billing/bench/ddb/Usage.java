package com.platform.billing.bench.ddb;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The DynamoDB requests one measured call made, per API operation, and the items they wrote. */
public record Usage(Map<String, Long> requests, long itemsWritten) {

    static final Set<String> READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems");
    static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems");

    public Usage {
        requests = Map.copyOf(requests);
    }

    public long total() {
        return requests.values().stream().mapToLong(Long::longValue).sum();
    }

    public long of(String operation) {
        return requests.getOrDefault(operation, 0L);
    }

    public long reads() {
        return sum(READS);
    }

    public long writes() {
        return sum(WRITES);
    }

    private long sum(Set<String> operations) {
        return requests.entrySet().stream().filter(e -> operations.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** {@code GetItem:1,TransactWriteItems:1}, sorted by operation; {@code none} when nothing was sent. */
    public String calls() {
        if (requests.isEmpty()) {
            return "none";
        }
        return new TreeMap<>(requests).entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
