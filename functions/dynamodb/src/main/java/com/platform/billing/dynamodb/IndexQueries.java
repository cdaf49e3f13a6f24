package com.platform.billing.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reading a whole index partition, page by page, and the sharded GSI2 partitions the scheduled jobs walk (billable
 * orgs, card charges due, bare-metal renewals, the auditor's accounts): one Query per page per shard, never a Scan.
 */
public final class IndexQueries {

    private IndexQueries() {
    }

    /** Every item of partition {@code key} of {@code index} (its key attribute {@code keyAttribute}), all pages. */
    public static List<Map<String, AttributeValue>> all(DynamoDbClient dynamo, String table, String index,
                                                        String keyAttribute, String key) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table).indexName(index)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", keyAttribute))
                    .expressionAttributeValues(Map.of(":pk", Items.s(key)))
                    .exclusiveStartKey(from));
            found.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return found;
    }

    /** Every item of the GSI2 partitions {@code gsi2Pk.apply(0) … gsi2Pk.apply(shards - 1)}. */
    public static List<Map<String, AttributeValue>> gsi2Shards(DynamoDbClient dynamo, String table, int shards,
                                                               IntFunction<String> gsi2Pk) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            found.addAll(all(dynamo, table, Keys.GSI2, Keys.GSI2PK, gsi2Pk.apply(shard)));
        }
        return found;
    }
}
