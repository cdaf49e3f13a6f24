package com.platform.billing.functions.usage;

import static com.platform.billing.devkit.RepoRoot.sampleEvent;
import static com.platform.billing.devkit.StreamHandlers.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.MutableClock;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.usage.SkuCategory;
import com.platform.billing.dynamodb.usage.DynamoUsageStore;
import java.time.YearMonth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** ResourceUsage events: SQS batches from the UsageEventsQueue (the deployed path) and direct EventBridge events. */
@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageEventsIT {

    private static final YearMonth NOVEMBER = YearMonth.parse("2026-11");
    private final MutableClock clock = new MutableClock("2026-11-27T04:00:00Z");
    private final LedgerTable table;
    private final UsageRecorderHandler handler;
    private final DynamoUsageStore usage;

    UsageEventsIT(LedgerTable table) {
        this.table = table;
        this.handler = new UsageRecorderHandler(UsageFixtures.deps(table, clock), UsageSettings.defaults());
        this.usage = new DynamoUsageStore(table.dynamo(), table.name());
    }

    @BeforeAll
    void seed() {
        UsageFixtures.sampleCatalogue(new CatalogueAdminHandler(UsageFixtures.deps(table, clock)));
        UsageFixtures.openAccount(table, "org-1", clock);
    }

    private static ObjectNode sqsMessage(ObjectNode template, String messageId, String body) {
        ObjectNode message = template.deepCopy();
        message.put("messageId", messageId);
        message.put("body", body);
        return message;
    }

    @Test
    void onSqs_whenSampleBatchDeliveredTwice_recordsItOnceAndAcknowledgesBoth() throws Exception {
        String event = sampleEvent("usage-sqs-resource-usage-batch.json");

        JsonNode first = invoke(handler, event);
        JsonNode redelivered = invoke(handler, event);

        assertEquals(0, first.path("batchItemFailures").size(), first.toString());
        assertEquals(0, redelivered.path("batchItemFailures").size());
        var totals = usage.totals("org-1", NOVEMBER).orElseThrow();
        // 0.054794 GB-month × IDR 1,500 = IDR 82.191; 1 hour × IDR 50
        assertEquals(82_191_000L, totals.amountMicros(SkuCategory.VOLUME));
        assertEquals(50_000_000L, totals.amountMicros(SkuCategory.IP));
    }

    @Test
    void onSqs_whenOneMessageIsUnusable_failsOnlyThatMessageSoItCanBeDeadLettered() throws Exception {
        ObjectNode template = (ObjectNode) UsageFixtures.JSON.readTree(sampleEvent("usage-sqs-resource-usage-batch.json"))
                .path("Records").get(0);
        ObjectNode good = (ObjectNode) UsageFixtures.JSON.readTree(template.path("body").asText());
        ((ObjectNode) good.path("detail").path("records").get(0)).put("id", "sqs-good-1");
        ((ObjectNode) good.path("detail").path("records").get(1)).put("id", "sqs-good-2");
        ObjectNode wrongType = good.deepCopy().put("detail-type", "ResourceCreated");
        ObjectNode sqs = UsageFixtures.JSON.createObjectNode();
        ArrayNode records = sqs.putArray("Records");
        records.add(sqsMessage(template, "m-good", good.toString()));
        records.add(sqsMessage(template, "m-not-json", "{oops"));
        records.add(sqsMessage(template, "m-wrong-type", wrongType.toString()));
        long ipBefore = usage.totals("org-1", NOVEMBER).map(t -> t.amountMicros(SkuCategory.IP)).orElse(0L);

        JsonNode response = invoke(handler, sqs.toString());

        assertEquals(2, response.path("batchItemFailures").size(), response.toString());
        assertEquals("m-not-json", response.path("batchItemFailures").get(0).path("itemIdentifier").asText());
        assertEquals("m-wrong-type", response.path("batchItemFailures").get(1).path("itemIdentifier").asText());
        assertEquals(ipBefore + 50_000_000L, usage.totals("org-1", NOVEMBER).orElseThrow()
                .amountMicros(SkuCategory.IP), "the good message in the same batch applied");
    }

    @Test
    void onSqs_whenARecordIsInvalid_acknowledgesTheMessageAndAppliesTheRest() throws Exception {
        ObjectNode template = (ObjectNode) UsageFixtures.JSON.readTree(sampleEvent("usage-sqs-resource-usage-batch.json"))
                .path("Records").get(0);
        ObjectNode event = (ObjectNode) UsageFixtures.JSON.readTree(template.path("body").asText());
        ObjectNode bad = (ObjectNode) event.path("detail").path("records").get(0);
        bad.put("id", "sqs-bad-1").put("end", "2026-11-27T07:00:00+07:00");
        ((ObjectNode) event.path("detail").path("records").get(1)).put("id", "sqs-ok-1");
        ObjectNode sqs = UsageFixtures.JSON.createObjectNode();
        sqs.putArray("Records").add(sqsMessage(template, "m-1", event.toString()));
        long ipBefore = usage.totals("org-1", NOVEMBER).map(t -> t.amountMicros(SkuCategory.IP)).orElse(0L);

        JsonNode response = invoke(handler, sqs.toString());

        assertEquals(0, response.path("batchItemFailures").size(), "resending cannot fix an invalid record");
        assertEquals(ipBefore + 50_000_000L, usage.totals("org-1", NOVEMBER).orElseThrow()
                .amountMicros(SkuCategory.IP));
    }

    @Test
    void onEventBridge_whenSampleEventInvokedDirectly_recordsTheSingleRecord() throws Exception {
        JsonNode answer = invoke(handler, sampleEvent("usage-eventbridge-resource-usage.json"));

        assertEquals(1, answer.path("accepted").asInt() + answer.path("duplicates").asInt(), answer.toString());
        assertEquals(1_250_000_000L, usage.totals("org-1", NOVEMBER).orElseThrow().amountMicros(SkuCategory.COMPUTE));
    }

    @Test
    void handleRequest_whenEventShapeIsUnknown_failsTheInvocation() {
        assertThrows(IllegalArgumentException.class, () -> invoke(handler, "{\"hello\":\"world\"}"));
    }
}
