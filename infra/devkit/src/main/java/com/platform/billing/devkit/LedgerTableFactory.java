package com.platform.billing.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Creates the ledger table from template.yaml's own definition, so local runs and tests never copy it. */
public final class LedgerTableFactory {

    private LedgerTableFactory() {
    }

    /** Creates {@code tableName} with the template's stream setting, if absent. */
    public static void createIfAbsent(DynamoDbClient dynamo, Template template, String tableName) {
        createIfAbsent(dynamo, template, tableName, true);
    }

    /**
     * Creates {@code tableName} if absent (an existing table is kept: that is how local data survives restarts).
     * {@code withStream=false} leaves the stream off: moto copies a table, stream records included, for every item
     * of every transaction, so tests that do not read the stream run several times faster without it.
     */
    public static void createIfAbsent(DynamoDbClient dynamo, Template template, String tableName,
                                      boolean withStream) {
        JsonNode props = template.ledgerTableProperties();
        List<AttributeDefinition> attributes = new ArrayList<>();
        props.path("AttributeDefinitions").forEach(a -> attributes.add(AttributeDefinition.builder()
                .attributeName(a.path("AttributeName").asText()).attributeType(a.path("AttributeType").asText())
                .build()));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        props.path("GlobalSecondaryIndexes").forEach(g -> indexes.add(GlobalSecondaryIndex.builder()
                .indexName(g.path("IndexName").asText())
                .keySchema(keySchema(g.path("KeySchema")))
                .projection(Projection.builder()
                        .projectionType(ProjectionType.fromValue(g.path("Projection").path("ProjectionType").asText()))
                        .build())
                .build()));
        try {
            dynamo.createTable(r -> {
                r.tableName(tableName)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attributes)
                        .keySchema(keySchema(props.path("KeySchema")));
                if (!indexes.isEmpty()) {
                    r.globalSecondaryIndexes(indexes);
                }
                JsonNode stream = props.path("StreamSpecification").path("StreamViewType");
                if (withStream && !stream.isMissingNode()) {
                    r.streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.fromValue(
                            stream.asText())));
                }
            });
        } catch (ResourceInUseException exists) {
            return;
        }
        dynamo.waiter().waitUntilTableExists(r -> r.tableName(tableName));
        JsonNode ttl = props.path("TimeToLiveSpecification");
        if (ttl.path("Enabled").asBoolean(false)) {
            dynamo.updateTimeToLive(r -> r.tableName(tableName).timeToLiveSpecification(
                    t -> t.enabled(true).attributeName(ttl.path("AttributeName").asText())));
        }
    }

    private static List<KeySchemaElement> keySchema(JsonNode node) {
        List<KeySchemaElement> keys = new ArrayList<>();
        node.forEach(k -> keys.add(KeySchemaElement.builder().attributeName(k.path("AttributeName").asText())
                .keyType(k.path("KeyType").asText()).build()));
        return keys;
    }
}
