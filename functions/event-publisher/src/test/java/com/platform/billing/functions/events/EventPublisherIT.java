package com.platform.billing.functions.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Json;
import com.platform.billing.devkit.AwsBackend;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.Transfer;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.TransferKind;
import com.platform.billing.dynamodb.DomainEvents;
import com.platform.billing.dynamodb.DynamoAccountStore;
import com.platform.billing.dynamodb.DynamoLedger;
import com.platform.billing.dynamodb.LedgerAuditor;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The publisher on the real stream of a moto table, putting on a moto EventBridge bus whose rule
 * ({@code source: platform.billing}) targets an SQS queue the test reads back.
 */
@WithLedgerTable(stream = true)
class EventPublisherIT {

    private static final Instant AT = Instant.parse("2026-11-27T03:04:05.123Z");

    private final LedgerTable table;
    private final DynamoDbStreamsClient streams;
    private final EventBridgeClient eventBridge;
    private final SqsClient sqs;
    private final String org = "org-" + UUID.randomUUID();
    private final String bus = "billing-" + UUID.randomUUID();
    private final String queueUrl;

    EventPublisherIT(LedgerTable table) {
        this.table = table;
        var endpoint = table.backend().endpoint();
        this.streams = DynamoDbStreamsClient.builder().region(AwsBackend.REGION)
                .credentialsProvider(AwsBackend.CREDENTIALS).endpointOverride(endpoint)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        // moto delivers to rule targets inside PutEvents, slowly (it rebuilds a JSONPath parser per event): a
        // generous call timeout here; production timeouts are EventBridgeClients'.
        this.eventBridge = EventBridgeClient.builder().region(AwsBackend.REGION)
                .credentialsProvider(AwsBackend.CREDENTIALS).endpointOverride(endpoint)
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(90))).build();
        this.sqs = SqsClient.builder().region(AwsBackend.REGION).credentialsProvider(AwsBackend.CREDENTIALS)
                .endpointOverride(endpoint).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        this.queueUrl = sqs.createQueue(r -> r.queueName("billing-events-" + UUID.randomUUID())).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        eventBridge.createEventBus(r -> r.name(bus));
        eventBridge.putRule(r -> r.name("all-billing").eventBusName(bus)
                .eventPattern("{\"source\":[\"platform.billing\"]}"));
        eventBridge.putTargets(r -> r.rule("all-billing").eventBusName(bus)
                .targets(Target.builder().id("queue").arn(queueArn).build()));
    }

    @AfterEach
    void close() {
        streams.close();
        eventBridge.close();
        sqs.close();
    }

    @Test
    void handleRequest_whenOperationsRecordEvents_eachEventArrivesOncePerIdEvenWhenTheBatchIsDeliveredTwice() {
        // A sequence of changes: one with a top-up event and a non-event item, one with eleven voucher events (more
        // than one PutEvents batch), an update of a non-event item (MODIFY), and a TTL-like delete of an event (REMOVE).
        write(List.of(event(org + ".paid", "TopUpPaid", "{\"orderId\":\"o-1\",\"amount\":111000,\"credited\":100000}"),
                note("first")));
        write(IntStream.range(0, 11).mapToObj(i -> event("redeem-" + org + "-" + i, "VoucherRedeemed",
                "{\"voucherId\":\"v-" + i + "\",\"amount\":" + (1000 * (i + 1)) + "}")).toList());
        table.dynamo().updateItem(r -> r.tableName(table.name()).key(noteKey())
                .updateExpression("SET #n = :n").expressionAttributeNames(Map.of("#n", "note"))
                .expressionAttributeValues(Map.of(":n", Items.s("second"))));
        write(List.of(event(org + ".ended", "PaymentFailed", "{\"orderId\":\"o-2\",\"status\":\"EXPIRED\"}")));
        table.dynamo().deleteItem(r -> r.tableName(table.name())
                .key(Items.key(Keys.eventPk(org + ".ended"), Keys.eventSk())));

        List<Record> records = ownRecords();
        FlakyEventBridge counting = new FlakyEventBridge(eventBridge);
        EventPublisherFunction function = function(counting, 3);

        StreamsEventResponse first = function.handleRequest(StreamRecordsJson.event(records, streamArn()), null);
        StreamsEventResponse again = function.handleRequest(StreamRecordsJson.event(records, streamArn()), null);

        assertTrue(first.getBatchItemFailures().isEmpty());
        assertTrue(again.getBatchItemFailures().isEmpty());
        assertTrue(counting.callSizes.stream().allMatch(n -> n >= 1 && n <= 10), counting.callSizes.toString());
        List<JsonNode> received = receiveAll();
        Map<String, JsonNode> byId = deduplicate(received);
        List<String> expected = new ArrayList<>();
        expected.add(org + ".paid");
        IntStream.range(0, 11).forEach(i -> expected.add("redeem-" + org + "-" + i));
        expected.add(org + ".ended");
        assertEquals(expected.stream().sorted().toList(), byId.keySet().stream().sorted().toList());
        assertEquals(2 * expected.size(), received.size(), "the batch was delivered twice: each event twice");

        JsonNode topUp = byId.get(org + ".paid");
        assertEquals("platform.billing", topUp.get("source").asText());
        assertEquals("TopUpPaid", topUp.get("detail-type").asText());
        JsonNode detail = topUp.get("detail");
        assertEquals("TopUpPaid", detail.get("eventType").asText());
        assertEquals(org, detail.get("orgId").asText());
        assertEquals("2026-11-27T03:04:05.123Z", detail.get("occurredAt").asText());
        assertEquals(111000, detail.get("data").get("amount").asLong());
        assertEquals("o-1", detail.get("data").get("orderId").asText());
        assertEquals(11000, byId.get("redeem-" + org + "-10").get("detail").get("data").get("amount").asLong());
    }

    @Test
    void handleRequest_whenEventBridgeRefusesEntries_retriesThemAndReportsWhatStillFailsForTheStreamRetry() {
        List<String> ids = IntStream.range(0, 12).mapToObj(i -> "flaky-" + org + "-" + i).toList();
        write(ids.stream().map(id -> event(id, "InvoicePaid", "{\"invoiceId\":\"" + id + "\"}")).toList());
        List<Record> records = ownRecords();
        assertEquals(12, records.size());
        // ids[2] is refused twice then accepted (within the 3 tries); ids[10] (second batch) is refused every time.
        FlakyEventBridge flaky = new FlakyEventBridge(eventBridge).failing(ids.get(2), 2)
                .failing(ids.get(10), Integer.MAX_VALUE);
        EventPublisherFunction function = function(flaky, 3);

        StreamsEventResponse response = function.handleRequest(StreamRecordsJson.event(records, streamArn()), null);

        String failedSequence = sequenceOf(records, ids.get(10));
        assertEquals(List.of(failedSequence), response.getBatchItemFailures().stream()
                .map(BatchItemFailure::getItemIdentifier).toList());
        Map<String, JsonNode> firstDelivery = deduplicate(receiveAll());
        assertEquals(11, firstDelivery.size());
        assertTrue(!firstDelivery.containsKey(ids.get(10)));
        assertTrue(firstDelivery.containsKey(ids.get(2)), "a refused entry is retried within the invocation");

        // Lambda retries the shard from the reported record onwards; EventBridge has recovered.
        flaky.heal();
        int from = records.indexOf(records.stream().filter(r -> r.dynamodb().sequenceNumber().equals(failedSequence))
                .findFirst().orElseThrow());
        StreamsEventResponse retry = function.handleRequest(
                StreamRecordsJson.event(records.subList(from, records.size()), streamArn()), null);

        assertTrue(retry.getBatchItemFailures().isEmpty());
        Map<String, JsonNode> all = deduplicate(receiveAll());
        all.putAll(firstDelivery);
        assertEquals(ids.stream().sorted().toList(), all.keySet().stream().sorted().toList());
    }

    @Test
    void handleRequest_whenLedgerTransfersTakeAPrepaidBalanceBelowTheThreshold_putsExactlyOneCreditLow() {
        // A real prepaid account moved by real ledger transfers (each one TransactWriteItems with the account CAS):
        // 0 -> 120000 (up), -> 80000 (stays above), -> 30000 (crosses 50000), -> 10000 (stays below).
        String prepaid = org + "-prepaid";
        Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
        new DynamoAccountStore(table.dynamo(), table.name())
                .createIfAbsent(BillingAccount.open(prepaid, BillingType.PREPAID, "IDR", clock.instant()));
        DynamoLedger ledger = new DynamoLedger(table.dynamo(), table.name(), clock);
        long[] amounts = {120_000, -40_000, -50_000, -20_000};
        for (int i = 0; i < amounts.length; i++) {
            ledger.apply(new Transfer(TransferId.of("adjustment", prepaid, "k" + i), prepaid, TransferKind.ADJUSTMENT,
                    Money.of(amounts[i], "IDR"), "", "admin-1", "credit-low test"));
        }
        assertTrue(new LedgerAuditor(table.dynamo(), table.name()).audit().clean());

        // Every record of those writes (account INSERT and MODIFYs, entries, transfer records), wider than what the
        // FilterCriteria passes: the handler itself must pick the one crossing.
        List<Record> records = ownRecords();
        assertEquals(4, records.stream().filter(r -> r.dynamodb().keys().get(Keys.PK).s().equals(Keys.orgPk(prepaid))
                && "MODIFY".equals(r.eventNameAsString())).count());
        EventPublisherFunction function = new EventPublisherFunction(new FlakyEventBridge(eventBridge),
                PublisherSettings.of(bus, 3), d -> { }, new CreditLowRule(50_000));

        StreamsEventResponse first = function.handleRequest(StreamRecordsJson.event(records, streamArn()), null);
        StreamsEventResponse again = function.handleRequest(StreamRecordsJson.event(records, streamArn()), null);

        assertTrue(first.getBatchItemFailures().isEmpty());
        assertTrue(again.getBatchItemFailures().isEmpty());
        List<JsonNode> received = receiveAll();
        assertEquals(2, received.size(), "one CreditLow per delivery of the batch");
        Map<String, JsonNode> byId = deduplicate(received);
        assertEquals(List.of("creditlow:" + prepaid + ":3"), List.copyOf(byId.keySet()));
        JsonNode creditLow = byId.values().iterator().next();
        assertEquals("CreditLow", creditLow.get("detail-type").asText());
        JsonNode data = creditLow.get("detail").get("data");
        assertEquals(prepaid, data.get("orgId").asText());
        assertEquals(30_000, data.get("balance").asLong());
        assertEquals(50_000, data.get("threshold").asLong());
        assertEquals("IDR", data.get("currency").asText());
        assertEquals(3, data.get("version").asLong());
    }

    private EventPublisherFunction function(EventBridgeClient client, int attempts) {
        return new EventPublisherFunction(client, PublisherSettings.of(bus, attempts), d -> { });
    }

    private TransactWriteItem event(String eventId, String type, String detail) {
        return DomainEvents.record(eventId, type, org, AT, detail).writeItem(table.name());
    }

    private TransactWriteItem note(String text) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(noteKey());
        item.put("note", Items.s(text));
        return TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(item)).build();
    }

    private Map<String, AttributeValue> noteKey() {
        return Items.key("ORG#" + org, "TESTNOTE");
    }

    private void write(List<TransactWriteItem> items) {
        table.dynamo().transactWriteItems(r -> r.transactItems(items));
    }

    private String streamArn() {
        return table.dynamo().describeTable(r -> r.tableName(table.name())).table().latestStreamArn();
    }

    /** This test's records (the table, and so its stream, is shared by the class). */
    private List<Record> ownRecords() {
        return StreamRecordsJson.readAll(table.dynamo(), streams, table.name()).stream()
                .filter(r -> r.dynamodb().keys().get(Keys.PK).s().contains(org)).toList();
    }

    private static String sequenceOf(List<Record> records, String eventId) {
        return records.stream().filter(r -> eventId.equals(r.dynamodb().newImage().get("eventId").s()))
                .findFirst().orElseThrow().dynamodb().sequenceNumber();
    }

    /** Everything on the queue now (moto delivers during PutEvents). */
    private List<JsonNode> receiveAll() {
        List<JsonNode> events = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).visibilityTimeout((int) Duration.ofMinutes(5).toSeconds())).messages();
            if (messages.isEmpty()) {
                return events;
            }
            for (Message message : messages) {
                events.add(Json.readObject(message.body()));
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    /** What a consumer does: keep the first delivery of each eventId, drop the rest. */
    private static Map<String, JsonNode> deduplicate(List<JsonNode> events) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode event : events) {
            byId.putIfAbsent(((ObjectNode) event.get("detail")).get("eventId").asText(), event);
        }
        return byId;
    }
}
