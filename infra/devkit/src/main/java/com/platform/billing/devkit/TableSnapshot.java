package com.platform.billing.devkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Every item of a test table, for asserting that a refused request wrote nothing (test-only: a Scan is fine on a
 * small test table and never appears in service code).
 */
public record TableSnapshot(List<Map<String, AttributeValue>> items) {

    public static TableSnapshot of(LedgerTable table) {
        return of(table.dynamo(), table.name());
    }

    public static TableSnapshot of(DynamoDbClient dynamo, String tableName) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(tableName).consistentRead(true);
            if (start != null) {
                scan.exclusiveStartKey(start);
            }
            ScanResponse page = dynamo.scan(scan.build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        items.sort(Comparator.comparing((Map<String, AttributeValue> i) -> i.get("PK").s())
                .thenComparing(i -> i.get("SK").s()));
        return new TableSnapshot(List.copyOf(items));
    }
}
