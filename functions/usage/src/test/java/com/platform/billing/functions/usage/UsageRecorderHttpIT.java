package com.platform.billing.functions.usage;

import static com.platform.billing.functions.usage.UsageFixtures.assertProblem;
import static com.platform.billing.functions.usage.UsageFixtures.body;
import static com.platform.billing.functions.usage.UsageFixtures.invoke;
import static com.platform.billing.functions.usage.UsageFixtures.post;
import static com.platform.billing.functions.usage.UsageFixtures.record;
import static com.platform.billing.functions.usage.UsageFixtures.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.api.HttpEventJson;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.usage.SkuCategory;
import com.platform.billing.domain.usage.UsageLine;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import com.platform.billing.dynamodb.usage.DynamoUsageStore;
import com.platform.billing.dynamodb.usage.UsageReconciler;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** POST /internal/usage through the function's stream entry point, on the sample event, against moto. */
@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageRecorderHttpIT {

    private static final YearMonth NOVEMBER = YearMonth.parse("2026-11");
    /** 2026-11-27 11:00 in Jakarta, the sample events' time. */
    private final UsageFixtures.TestClock clock = new UsageFixtures.TestClock("2026-11-27T04:00:00Z");
    private final LedgerTable table;
    private final UsageRecorderHandler handler;
    private final CatalogueAdminHandler admin;
    private final DynamoUsageStore usage;

    UsageRecorderHttpIT(LedgerTable table) {
        this.table = table;
        this.handler = new UsageRecorderHandler(UsageFixtures.deps(table, clock), UsageSettings.defaults());
        this.admin = new CatalogueAdminHandler(UsageFixtures.deps(table, clock));
        this.usage = new DynamoUsageStore(table.dynamo(), table.name());
    }

    @BeforeAll
    void seed() {
        UsageFixtures.sampleCatalogue(admin);
        for (String org : List.of("org-1", "org-2", "org-3", "org-4", "org-5", "org-6")) {
            UsageFixtures.openAccount(table, org, clock);
        }
    }

    @Test
    void post_whenSampleEventFromThePlatformRole_recordsEachRecordRatedAtItsPrice() {
        JsonNode response = invoke(handler, HttpEvents.fromFile("http-usage-post-internal.json").json());

        assertEquals(200, response.path("statusCode").asInt(), response.toString());
        JsonNode answer = body(response);
        assertEquals(2, answer.path("accepted").asInt());
        assertEquals("accepted", answer.path("results").get(0).path("status").asText());
        // 1 hour × IDR 1,250 and 0.171233 GB-month × IDR 450 = IDR 77.05485
        assertEquals(1_250_000_000L, answer.path("results").get(0).path("amountMicros").asLong());
        assertEquals(77_054_850L, answer.path("results").get(1).path("amountMicros").asLong());
        var totals = usage.totals("org-1", NOVEMBER).orElseThrow();
        assertEquals(1_250_000_000L, totals.amountMicros(SkuCategory.COMPUTE));
        assertEquals(77_054_850L, totals.amountMicros(SkuCategory.OBJECT_STORAGE));
    }

    @Test
    void post_whenTheSameRecordIsReplayedThreeTimes_countsItOnce() {
        var batch = records(record("replay-1", "org-2", "compute.standard-2", "2.5", "2026-11-26T10:00:00+07:00",
                "2026-11-26T12:30:00+07:00"));

        JsonNode first = body(post(handler, batch));
        List<JsonNode> replays = List.of(body(post(handler, batch)), body(post(handler, batch)),
                body(post(handler, batch)));

        assertEquals(1, first.path("accepted").asInt());
        for (JsonNode replay : replays) {
            assertEquals(0, replay.path("accepted").asInt());
            assertEquals(1, replay.path("duplicates").asInt());
            assertEquals(3_125_000_000L, replay.path("results").get(0).path("amountMicros").asLong());
        }
        var totals = usage.totals("org-2", NOVEMBER).orElseThrow();
        assertEquals(3_125_000_000L, totals.totalMicros());
        assertEquals(1, totals.records());
        assertTrue(new UsageReconciler(table.dynamo(), table.name()).reconcile("org-2", NOVEMBER).clean());
    }

    @Test
    void post_whenRecordsAreValid_costsOneTransactWriteItemsPerRecordAndNothingElse() {
        post(handler, records(record("warm-up", "org-3", "ip.public-v4", "1", "2026-11-27T01:00:00+07:00",
                "2026-11-27T02:00:00+07:00")));
        var batch = records(
                record("budget-1", "org-3", "compute.standard-2", "1", "2026-11-27T01:00:00+07:00",
                        "2026-11-27T02:00:00+07:00"),
                record("budget-2", "org-3", "volume.ssd", "0.5", "2026-11-27T01:00:00+07:00",
                        "2026-11-27T02:00:00+07:00"),
                record("budget-3", "org-3", "object-storage.standard", "3", "2026-11-27T01:00:00+07:00",
                        "2026-11-27T02:00:00+07:00"));
        table.counter().reset();

        JsonNode answer = body(post(handler, batch));

        assertEquals(3, answer.path("accepted").asInt());
        assertEquals(Map.of("TransactWriteItems", 3L), table.counter().requests());
        System.out.println("ddb_requests op=usage_record requests=" + table.counter().totalRequests() / 3
                + " items_written=" + table.counter().itemsWritten() / 3);
    }

    @Test
    void post_whenUsageAtLastSecondAndFirstSecondOfAJakartaMonth_booksThemInDifferentMonths() {
        var december = new UsageFixtures.TestClock("2026-12-01T04:00:00Z");
        var decemberHandler = new UsageRecorderHandler(UsageFixtures.deps(table, december), UsageSettings.defaults());

        JsonNode answer = body(post(decemberHandler, records(
                record("edge-1", "org-4", "compute.standard-2", "1", "2026-11-30T23:59:59+07:00",
                        "2026-11-30T23:59:59+07:00"),
                record("edge-2", "org-4", "compute.standard-2", "1", "2026-12-01T00:00:00+07:00",
                        "2026-12-01T00:00:00+07:00"))));

        assertEquals("2026-11", answer.path("results").get(0).path("bookedPeriod").asText());
        assertEquals("2026-12", answer.path("results").get(1).path("bookedPeriod").asText());
        assertEquals(1_250_000_000L, usage.totals("org-4", NOVEMBER).orElseThrow().totalMicros());
        assertEquals(1_250_000_000L, usage.totals("org-4", YearMonth.parse("2026-12")).orElseThrow().totalMicros());
    }

    @Test
    void post_whenTheUsagePeriodIsClosed_booksTheRecordLateIntoTheNextOpenPeriodNotingItsOwn() {
        var december = new UsageFixtures.TestClock("2026-12-03T04:00:00Z");
        var decemberHandler = new UsageRecorderHandler(UsageFixtures.deps(table, december), UsageSettings.defaults());
        // what the invoicing run writes when it issues org-5's November invoice
        table.dynamo().putItem(r -> r.tableName(table.name()).item(Map.of(Keys.PK,
                Items.s(Keys.periodClosedPk(NOVEMBER)), Keys.SK, Items.s(Keys.periodClosedSk("org-5")))));

        JsonNode result = body(post(decemberHandler, records(record("late-1", "org-5", "compute.standard-2", "2",
                "2026-11-30T20:00:00+07:00", "2026-11-30T22:00:00+07:00")))).path("results").get(0);

        assertEquals("accepted", result.path("status").asText());
        assertEquals("2026-11", result.path("usagePeriod").asText());
        assertEquals("2026-12", result.path("bookedPeriod").asText());
        assertTrue(result.path("late").asBoolean());
        assertTrue(usage.totals("org-5", NOVEMBER).isEmpty(), "nothing added to the invoiced period");
        UsageLine line = usage.breakdown("org-5", YearMonth.parse("2026-12")).lines().getFirst();
        assertTrue(line.late());
        assertEquals(NOVEMBER, line.usagePeriod());
        assertEquals(2_500_000_000L, line.amountMicros());
    }

    @Test
    void post_whenAPriceChangeTakesEffectLater_usageRatedEarlierKeepsItsAmount() {
        var clock6 = new UsageFixtures.TestClock("2026-11-27T04:00:00Z");
        var before = new UsageRecorderHandler(UsageFixtures.deps(table, clock6), UsageSettings.defaults());
        var earlier = record("price-1", "org-6", "volume.ssd", "2", "2026-11-27T08:00:00+07:00",
                "2026-11-27T09:00:00+07:00");
        post(before, records(earlier));
        // the admin raises the price from tomorrow
        UsageFixtures.price(admin, "volume.ssd", "volume", "GB-month", 2_000_000_000L, "2026-11-28");
        clock6.set("2026-11-28T04:00:00Z");
        var after = new UsageRecorderHandler(UsageFixtures.deps(table, clock6), UsageSettings.defaults());

        JsonNode later = body(post(after, records(earlier, record("price-2", "org-6", "volume.ssd", "2",
                "2026-11-28T08:00:00+07:00", "2026-11-28T09:00:00+07:00"))));

        assertEquals("duplicate", later.path("results").get(0).path("status").asText());
        assertEquals(3_000_000_000L, later.path("results").get(0).path("amountMicros").asLong());
        assertEquals(4_000_000_000L, later.path("results").get(1).path("amountMicros").asLong());
        List<UsageLine> lines = usage.breakdown("org-6", NOVEMBER).lines();
        assertEquals(List.of(1_500_000_000L, 2_000_000_000L), lines.stream().map(UsageLine::unitPriceMicros).toList());
        assertEquals(List.of(3_000_000_000L, 4_000_000_000L), lines.stream().map(UsageLine::amountMicros).toList());
    }

    @Test
    void post_whenNotSignedWithIam_isForbidden() {
        String body = "{\"records\":[]}";
        assertProblem(invoke(handler, HttpEvents.fromFile("http-usage-post-internal.json").withoutAuthorizer()
                .body(body).json()), 403, "forbidden");
        assertProblem(invoke(handler, HttpEvents.route("POST", "/internal/usage", Map.of()).member("user-1", "org-1")
                .body(body).json()), 403, "forbidden");
        assertProblem(invoke(handler, HttpEvents.route("POST", "/internal/usage", Map.of()).admin("admin-1")
                .body(body).json()), 403, "forbidden");
    }

    @Test
    void post_whenCallerAccountIsNotAllowed_isForbidden() {
        var strict = new UsageRecorderHandler(UsageFixtures.deps(table, clock),
                new UsageSettings(Duration.ofSeconds(60), Set.of("999999999999")));

        assertProblem(invoke(strict, HttpEvents.fromFile("http-usage-post-internal.json").json()), 403,
                "forbidden");
    }

    @Test
    void post_whenTheBatchItselfIsUnreadable_answers400AndRecordsNothing() {
        StringBuilder tooMany = new StringBuilder("{\"records\":[");
        for (int i = 0; i < 101; i++) {
            tooMany.append(i == 0 ? "" : ",").append(record("many-" + i, "org-1", "ip.public-v4", "1",
                    "2026-11-27T01:00:00+07:00", "2026-11-27T02:00:00+07:00"));
        }
        tooMany.append("]}");
        table.counter().reset();

        for (String body : List.of("not json", "[]", "{\"records\":{}}", "{}", "{\"records\":[],\"x\":1}",
                "{\"records\":[]}", "{\"records\":[1],\"records\":[2]}", tooMany.toString())) {
            JsonNode response = invoke(handler, HttpEvents.fromFile("http-usage-post-internal.json").body(body).json());
            assertEquals(400, response.path("statusCode").asInt(), body);
            assertEquals("application/problem+json", response.path("headers").path("content-type").asText());
            assertTrue(body(response).path("type").asText().startsWith("urn:problem-type:billing:"));
        }
        assertEquals(0, table.counter().requests("TransactWriteItems"));
    }

    @Test
    void handleRequest_whenHttpEvent_seesTheSameRequestAsTheLambdaRuntimeSerializer() throws Exception {
        String json = HttpEvents.fromFile("http-usage-post-internal.json").header("X-Trace", "t-1").json();
        var ours = HttpEventJson.fromJson(UsageFixtures.JSON.readTree(json));
        var lambdas = UsageFixtures.lambdaView(json);

        assertEquals(lambdas.getRouteKey(), ours.getRouteKey());
        assertEquals(lambdas.getBody(), ours.getBody());
        assertEquals(lambdas.getHeaders(), ours.getHeaders());
        assertEquals(lambdas.getRequestContext().getRequestId(), ours.getRequestContext().getRequestId());
        assertEquals(lambdas.getRequestContext().getAuthorizer().getIam().getUserArn(),
                ours.getRequestContext().getAuthorizer().getIam().getUserArn());
        assertEquals(lambdas.getRequestContext().getAuthorizer().getIam().getAccountId(),
                ours.getRequestContext().getAuthorizer().getIam().getAccountId());
    }
}
