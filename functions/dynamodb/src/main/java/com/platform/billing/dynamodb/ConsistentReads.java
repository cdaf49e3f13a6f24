package com.platform.billing.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Strongly consistent reads of items by their keys on the single table; absent items are simply not returned. */
public final class ConsistentReads {

    private ConsistentReads() {
    }

    /**
     * One BatchGetItem of up to 100 keys; keys DynamoDB leaves unprocessed (throttling) are asked for again right away,
     * which is the only extra request.
     */
    public static List<Map<String, AttributeValue>> batchGet(DynamoDbClient dynamo, String table,
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

    /** The cheapest consistent read of a few items: a GetItem for one key, {@link #batchGet} for more. */
    public static List<Map<String, AttributeValue>> getAll(DynamoDbClient dynamo, String table,
                                                           List<Map<String, AttributeValue>> keys) {
        if (keys.size() == 1) {
            return get(dynamo, table, keys.getFirst()).map(List::of).orElse(List.of());
        }
        return batchGet(dynamo, table, keys);
    }

    /** One GetItem. */
    public static Optional<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table,
                                                            Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** The item among {@code items} with {@code key}'s PK and SK; empty for a {@code null} key. */
    public static Optional<Map<String, AttributeValue>> find(List<Map<String, AttributeValue>> items,
                                                             Map<String, AttributeValue> key) {
        if (key == null) {
            return Optional.empty();
        }
        return items.stream().filter(i -> key.get(Keys.PK).equals(i.get(Keys.PK))
                && key.get(Keys.SK).equals(i.get(Keys.SK))).findFirst();
    }
}
