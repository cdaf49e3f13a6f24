package com.platform.billing.functions.usage;

import static com.platform.billing.devkit.StreamHandlers.body;
import static com.platform.billing.functions.usage.UsageFixtures.post;
import static com.platform.billing.functions.usage.UsageFixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.MutableClock;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.dynamodb.usage.DynamoUsageStore;
import com.platform.billing.dynamodb.usage.UsageReconciler;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** A full batch of 100 with two bad records: its own class and table, since it is 98 transactions on moto. */
@WithLedgerTable
class UsageBatchIT {

    private static final YearMonth NOVEMBER = YearMonth.parse("2026-11");
    private final MutableClock clock = new MutableClock("2026-11-27T04:00:00Z");
    private final LedgerTable table;

    UsageBatchIT(LedgerTable table) {
        this.table = table;
    }

    @Test
    void post_whenTwoOfAHundredRecordsAreBad_appliesTheOther98AndSaysWhyForTheTwo() {
        var admin = new CatalogueAdminHandler(UsageFixtures.deps(table, clock));
        UsageFixtures.price(admin, "compute.standard-2", "compute", "hour", 1_250_000_000L, "2026-01-01");
        UsageFixtures.openAccount(table, "org-1", clock);
        var handler = new UsageRecorderHandler(UsageFixtures.deps(table, clock), UsageSettings.defaults());
        ArrayNode batch = UsageFixtures.JSON.createArrayNode();
        for (int i = 0; i < 100; i++) {
            String start = String.format("2026-11-%02dT%02d:00:00+07:00", 1 + i / 24, i % 24);
            String end = String.format("2026-11-%02dT%02d:59:59+07:00", 1 + i / 24, i % 24);
            batch.add(record("hour-" + i, "org-1", i == 17 ? "compute.no-such-size" : "compute.standard-2",
                    i == 63 ? "-1" : "1", start, end));
        }
        table.counter().reset();

        JsonNode response = post(handler, batch);

        assertEquals(200, response.path("statusCode").asInt());
        JsonNode answer = body(response);
        assertEquals(98, answer.path("accepted").asInt());
        assertEquals(2, answer.path("rejected").asInt());
        JsonNode unknownSku = answer.path("results").get(17);
        assertEquals("hour-17", unknownSku.path("id").asText());
        assertEquals("rejected", unknownSku.path("status").asText());
        assertEquals("unknown-sku", unknownSku.path("reason").asText());
        assertEquals("sku", unknownSku.path("field").asText());
        JsonNode negative = answer.path("results").get(63);
        assertEquals("negative-quantity", negative.path("reason").asText());
        assertEquals("quantity", negative.path("field").asText());
        // Budget: at most one request per record (catalogue cached: one Query for the whole batch).
        assertEquals(98, table.counter().requests("TransactWriteItems"));
        assertTrue(table.counter().totalRequests() <= 100, table.counter().requests().toString());
        var totals = new DynamoUsageStore(table.dynamo(), table.name()).totals("org-1", NOVEMBER).orElseThrow();
        assertEquals(98 * 1_250_000_000L, totals.totalMicros());
        assertEquals(98, totals.records());
        assertTrue(new UsageReconciler(table.dynamo(), table.name()).reconcile("org-1", NOVEMBER).clean());
    }
}
