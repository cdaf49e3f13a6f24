package com.platform.billing.functions.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.api.Json;
import com.platform.billing.devkit.LambdaJson;
import com.platform.billing.devkit.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** The publisher's own logic on stream events, against an in-memory EventBridge (the moto path is EventPublisherIT). */
class EventPublisherFunctionTest {

    private static final String BUS = "billing-events";

    @Test
    void handleRequest_whenSampleStreamEvent_putsOnlyTheInsertedEventItem() throws IOException {
        DynamodbEvent event = LambdaJson.fromJson(Files.readString(
                RepoRoot.events().resolve("event-publisher-dynamodb-stream.json")), DynamodbEvent.class);
        FlakyEventBridge eventBridge = new FlakyEventBridge(null);

        StreamsEventResponse response = function(eventBridge, 3).handleRequest(event, null);

        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(1, eventBridge.accepted.size(), "the account MODIFY and the TTL REMOVE are not events");
        PutEventsRequestEntry entry = eventBridge.accepted.getFirst();
        assertEquals(BUS, entry.eventBusName());
        assertEquals("platform.billing", entry.source());
        assertEquals("TopUpPaid", entry.detailType());
        assertEquals(Instant.parse("2026-11-27T02:00:07Z"), entry.time());
        JsonNode detail = Json.readObject(entry.detail());
        assertEquals("019ac3f0-7b1e-7c2a-9d41-3e5f6a7b8c9d.paid", detail.get("eventId").asText());
        assertEquals("TopUpPaid", detail.get("eventType").asText());
        assertEquals("org-1", detail.get("orgId").asText());
        assertEquals("2026-11-27T02:00:07.000Z", detail.get("occurredAt").asText());
        assertEquals(111000, detail.get("data").get("amount").asLong());
    }

    @Test
    void handleRequest_whenAPrepaidBalanceCrossesTheThreshold_putsOneCreditLowAndNothingForTheNextDebit()
            throws IOException {
        DynamodbEvent event = LambdaJson.fromJson(Files.readString(
                RepoRoot.events().resolve("event-publisher-dynamodb-stream-credit-low.json")), DynamodbEvent.class);
        FlakyEventBridge eventBridge = new FlakyEventBridge(null);

        StreamsEventResponse response = function(eventBridge, 3).handleRequest(event, null);

        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(1, eventBridge.accepted.size(), "120000 -> 45000 crosses 50000; 45000 -> 5000 stays below");
        PutEventsRequestEntry entry = eventBridge.accepted.getFirst();
        assertEquals("CreditLow", entry.detailType());
        assertEquals(Instant.parse("2026-12-01T00:00:03Z"), entry.time());
        JsonNode detail = Json.readObject(entry.detail());
        assertEquals("creditlow:org-1:6", detail.get("eventId").asText());
        assertEquals("org-1", detail.get("orgId").asText());
        assertEquals(45000, detail.get("data").get("balance").asLong());
        assertEquals(50000, detail.get("data").get("threshold").asLong());
        assertEquals("IDR", detail.get("data").get("currency").asText());
        assertEquals(6, detail.get("data").get("version").asLong());
    }

    @Test
    void handleRequest_whenAnAccountChangeIsUnpublished_reportsItsSequenceNumberForTheStreamRetry() {
        String crossing = "{\"eventID\":\"9\",\"eventName\":\"MODIFY\",\"eventVersion\":\"1.1\","
                + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"ap-southeast-3\",\"dynamodb\":{"
                + "\"Keys\":{\"PK\":{\"S\":\"ORG#org-1\"},\"SK\":{\"S\":\"ACCOUNT\"}},"
                + "\"NewImage\":" + CreditLowRuleTest.account("PREPAID", 100, 3) + ","
                + "\"OldImage\":" + CreditLowRuleTest.account("PREPAID", 90_000, 2) + ","
                + "\"SequenceNumber\":\"9\",\"SizeBytes\":300,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},"
                + "\"eventSourceARN\":\"arn:aws:dynamodb:ap-southeast-3:123456789012:table/t/stream/s\"}";
        DynamodbEvent event = event(List.of(insert("8", "e-8", "InvoicePaid", "{}"), crossing));
        FlakyEventBridge eventBridge = new FlakyEventBridge(null).failing("creditlow:org-1:3", Integer.MAX_VALUE);

        StreamsEventResponse response = function(eventBridge, 2).handleRequest(event, null);

        assertEquals(List.of("e-8"), eventIds(eventBridge.accepted));
        assertEquals(List.of("9"), response.getBatchItemFailures().stream().map(BatchItemFailure::getItemIdentifier)
                .toList());
    }

    @Test
    void handleRequest_whenAnEventItemIsMalformed_skipsItAndPublishesTheOthers() {
        DynamodbEvent event = event(List.of(
                insert("1", "e-1", "InvoicePaid", "{\"invoiceId\":\"i-1\"}"),
                insert("2", "e-2", "InvoicePaid", "not json"),
                insert("3", "e-3", "InvoicePaid", "[1,2]"),
                insert("4", "e-4", "InvoicePaid", "{\"invoiceId\":\"i-4\"}")));
        FlakyEventBridge eventBridge = new FlakyEventBridge(null);

        StreamsEventResponse response = function(eventBridge, 3).handleRequest(event, null);

        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(List.of("e-1", "e-4"), eventIds(eventBridge.accepted));
    }

    @Test
    void handleRequest_whenEventBridgeIsDown_triesEachBatchBoundedTimesAndReportsEveryUnpublishedRecord() {
        DynamodbEvent event = event(IntStream.range(0, 12)
                .mapToObj(i -> insert(Integer.toString(100 + i), "e-" + i, "CreditLow", "{}")).toList());
        List<Integer> calls = new ArrayList<>();
        EventBridgeClient down = new EventBridgeClient() {
            @Override
            public PutEventsResponse putEvents(PutEventsRequest request) {
                calls.add(request.entries().size());
                throw SdkClientException.create("connection refused");
            }

            @Override
            public String serviceName() {
                return SERVICE_NAME;
            }

            @Override
            public void close() {
            }
        };

        StreamsEventResponse response = function(down, 2).handleRequest(event, null);

        assertEquals(List.of(10, 10), calls, "the first batch twice, then stop: the rest is retried by the stream");
        assertEquals(IntStream.range(0, 12).mapToObj(i -> Integer.toString(100 + i)).toList(),
                response.getBatchItemFailures().stream().map(BatchItemFailure::getItemIdentifier).toList());
    }

    @Test
    void handleRequest_whenTheInvocationIsAboutToTimeOut_leavesTheEventsToTheStreamRetryWithoutCalling() {
        DynamodbEvent event = event(List.of(insert("7", "e-7", "InvoicePaid", "{}")));
        FlakyEventBridge eventBridge = new FlakyEventBridge(null);

        StreamsEventResponse response = function(eventBridge, 3).handleRequest(event, remaining(Duration.ofSeconds(5)));

        assertEquals(List.of(), eventBridge.callSizes);
        assertEquals(List.of("7"), response.getBatchItemFailures().stream().map(BatchItemFailure::getItemIdentifier)
                .toList());
    }

    @Test
    void handleRequest_whenEventsAreLarge_keepsEachPutEventsUnder256KB() {
        String big = "{\"note\":\"" + "x".repeat(100 * 1024) + "\"}";
        DynamodbEvent event = event(IntStream.range(0, 5)
                .mapToObj(i -> insert(Integer.toString(i + 1), "e-" + i, "InvoiceIssued", big)).toList());
        FlakyEventBridge eventBridge = new FlakyEventBridge(null);

        StreamsEventResponse response = function(eventBridge, 1).handleRequest(event, null);

        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(List.of(2, 2, 1), eventBridge.callSizes);
        assertEquals(5, eventBridge.accepted.size());
    }

    @Test
    void backoff_whenAttemptsGrow_doublesUpToTheCapWithFullJitter() {
        PublisherSettings settings = new PublisherSettings(BUS, "platform.billing", 4, Duration.ofMillis(100),
                Duration.ofMillis(2000));

        assertEquals(Duration.ofMillis(100), settings.backoff(1, 1.0));
        assertEquals(Duration.ofMillis(400), settings.backoff(3, 1.0));
        assertEquals(Duration.ofMillis(2000), settings.backoff(8, 1.0));
        assertEquals(Duration.ofMillis(200), settings.backoff(3, 0.5));
        assertEquals(Duration.ZERO, settings.backoff(2, 0.0));
    }

    private static Context remaining(Duration left) {
        return new Context() {
            public String getAwsRequestId() {
                return "req-1";
            }

            public String getLogGroupName() {
                return "/aws/lambda/EventPublisherFunction";
            }

            public String getLogStreamName() {
                return "stream";
            }

            public String getFunctionName() {
                return "EventPublisherFunction";
            }

            public String getFunctionVersion() {
                return "1";
            }

            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:ap-southeast-3:123456789012:function:EventPublisherFunction";
            }

            public CognitoIdentity getIdentity() {
                return null;
            }

            public ClientContext getClientContext() {
                return null;
            }

            public int getRemainingTimeInMillis() {
                return (int) left.toMillis();
            }

            public int getMemoryLimitInMB() {
                return 512;
            }

            public LambdaLogger getLogger() {
                return null;
            }
        };
    }

    private static EventPublisherFunction function(EventBridgeClient client, int attempts) {
        return new EventPublisherFunction(client, PublisherSettings.of(BUS, attempts), d -> { });
    }

    private static List<String> eventIds(List<PutEventsRequestEntry> entries) {
        return entries.stream().map(e -> Json.readObject(e.detail()).get("eventId").asText())
                .collect(Collectors.toList());
    }

    private static DynamodbEvent event(List<String> records) {
        return LambdaJson.fromJson("{\"Records\":[" + String.join(",", records) + "]}", DynamodbEvent.class);
    }

    private static String insert(String sequence, String eventId, String type, String detail) {
        String image = "{\"PK\":{\"S\":\"EVENT#" + eventId + "\"},\"SK\":{\"S\":\"EVENT\"},\"type\":{\"S\":\"EVENT\"},"
                + "\"eventId\":{\"S\":\"" + eventId + "\"},\"eventType\":{\"S\":\"" + type + "\"},"
                + "\"orgId\":{\"S\":\"org-1\"},\"occurredAt\":{\"S\":\"2026-11-27T02:00:07.000Z\"},"
                + "\"detail\":{\"S\":" + Json.write(Json.MAPPER.getNodeFactory().textNode(detail)) + "}}";
        return "{\"eventID\":\"" + sequence + "\",\"eventName\":\"INSERT\",\"eventVersion\":\"1.1\","
                + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"ap-southeast-3\",\"dynamodb\":{"
                + "\"ApproximateCreationDateTime\":1795658407,\"Keys\":{\"PK\":{\"S\":\"EVENT#" + eventId + "\"},"
                + "\"SK\":{\"S\":\"EVENT\"}},\"NewImage\":" + image + ",\"SequenceNumber\":\"" + sequence + "\","
                + "\"SizeBytes\":300,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},"
                + "\"eventSourceARN\":\"arn:aws:dynamodb:ap-southeast-3:123456789012:table/t/stream/s\"}";
    }
}
