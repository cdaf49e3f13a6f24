package com.platform.billing.functions.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Json;
import com.platform.billing.devkit.LambdaJson;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a table's real stream with the DynamoDB Streams API and turns its records into the event Lambda hands a
 * stream function (the JSON shape of the event source mapping, deserialized by the Lambda runtime's own serializer).
 */
final class StreamRecordsJson {

    private StreamRecordsJson() {
    }

    /** Every record on the table's stream, oldest first, from TRIM_HORIZON of each shard. */
    static List<Record> readAll(DynamoDbClient dynamo, DynamoDbStreamsClient streams, String table) {
        String streamArn = dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        List<Record> records = new ArrayList<>();
        for (Shard shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                var page = streams.getRecords(r -> r.shardIterator(current).limit(1000));
                if (page.records().isEmpty()) {
                    break;
                }
                records.addAll(page.records());
                iterator = page.nextShardIterator();
            }
        }
        return records;
    }

    static DynamodbEvent event(List<Record> records, String streamArn) {
        return LambdaJson.fromJson(json(records, streamArn), DynamodbEvent.class);
    }

    static String json(List<Record> records, String streamArn) {
        ObjectNode root = Json.object();
        ArrayNode out = root.putArray("Records");
        for (Record record : records) {
            ObjectNode r = out.addObject();
            r.put("eventID", record.eventID());
            r.put("eventName", record.eventNameAsString());
            r.put("eventVersion", record.eventVersion());
            r.put("eventSource", "aws:dynamodb");
            r.put("awsRegion", record.awsRegion());
            StreamRecord s = record.dynamodb();
            ObjectNode d = r.putObject("dynamodb");
            if (s.approximateCreationDateTime() != null) {
                d.put("ApproximateCreationDateTime", s.approximateCreationDateTime().getEpochSecond());
            }
            d.set("Keys", image(s.keys()));
            if (s.hasNewImage()) {
                d.set("NewImage", image(s.newImage()));
            }
            if (s.hasOldImage()) {
                d.set("OldImage", image(s.oldImage()));
            }
            d.put("SequenceNumber", s.sequenceNumber());
            if (s.sizeBytes() != null) {
                d.put("SizeBytes", s.sizeBytes());
            }
            d.put("StreamViewType", s.streamViewTypeAsString());
            r.put("eventSourceARN", streamArn);
        }
        return Json.write(root);
    }

    private static ObjectNode image(Map<String, AttributeValue> image) {
        ObjectNode node = Json.object();
        image.forEach((name, value) -> node.set(name, value(value)));
        return node;
    }

    private static ObjectNode value(AttributeValue value) {
        ObjectNode node = Json.object();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case B -> node.put("B", base64(value.b()));
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case SS -> value.ss().forEach(node.putArray("SS")::add);
            case NS -> value.ns().forEach(node.putArray("NS")::add);
            case BS -> value.bs().forEach(b -> node.withArray("BS").add(base64(b)));
            case M -> node.set("M", image(value.m()));
            case L -> value.l().forEach(v -> node.withArray("L").add(value(v)));
            default -> throw new IllegalArgumentException("attribute type " + value.type());
        }
        return node;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
