package com.platform.billing.functions.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.platform.billing.api.Dependencies;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.Transfer;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.TransferKind;
import com.platform.billing.domain.usage.CachedCatalogue;
import com.platform.billing.domain.usage.PriceCatalogue;
import com.platform.billing.domain.usage.RecordResult;
import com.platform.billing.domain.usage.SkuCategory;
import com.platform.billing.domain.usage.UsageRecordInput;
import com.platform.billing.domain.usage.UsageRecorder;
import com.platform.billing.domain.usage.UsageUnit;
import com.platform.billing.dynamodb.DynamoAccountStore;
import com.platform.billing.dynamodb.DynamoLedger;
import com.platform.billing.dynamodb.usage.DynamoCatalogueStore;
import com.platform.billing.dynamodb.usage.DynamoUsageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Ongoing usage on GET /orgs/{orgId}/billing and the breakdown of GET /orgs/{orgId}/usage. */
@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BillingUsageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 2026-11-27 11:00 in Jakarta. */
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T04:00:00Z"), ZoneOffset.UTC);
    private final LedgerTable table;
    private final BillingQueryHandler handler;

    BillingUsageIT(LedgerTable table) {
        this.table = table;
        this.handler = new BillingQueryHandler(Dependencies.of(table.dynamo(), table.name(), clock));
    }

    @BeforeAll
    void seed() {
        var accounts = new DynamoAccountStore(table.dynamo(), table.name());
        for (String org : List.of("org-1", "org-2")) {
            accounts.createIfAbsent(BillingAccount.open(org, BillingType.PREPAID, "IDR", clock.instant()));
        }
        new DynamoLedger(table.dynamo(), table.name(), clock).apply(new Transfer(TransferId.of("adjustment", "org-1",
                "seed"), "org-1", TransferKind.ADJUSTMENT, Money.of(50_000, "IDR"), "", "admin-1", "seed"));
        var catalogueStore = new DynamoCatalogueStore(table.dynamo(), table.name(), clock);
        var prices = new PriceCatalogue(catalogueStore, BillingCalendar.platform(), clock);
        LocalDate from = LocalDate.parse("2026-01-01");
        prices.setPrice("compute.small", SkuCategory.COMPUTE, UsageUnit.HOUR, 1_000_400_000L, from, "admin-1");
        prices.setPrice("ip.public-v4", SkuCategory.IP, UsageUnit.HOUR, 100_100_000L, from, "admin-1");
        prices.setPrice("object-storage.standard", SkuCategory.OBJECT_STORAGE, UsageUnit.GB_MONTH, 450_000_000L, from,
                "admin-1");
        prices.setPrice("bare-metal.m1", SkuCategory.BARE_METAL, UsageUnit.MONTH, 9_000_000_000_000L, from, "admin-1");
        var recorder = new UsageRecorder(new CachedCatalogue(catalogueStore, clock, Duration.ofSeconds(60)),
                new DynamoUsageStore(table.dynamo(), table.name()), BillingCalendar.platform(), clock);
        List<UsageRecordInput> usage = new ArrayList<>();
        String[][] records = {
            {"u-1", "compute.small", "1"},                // IDR 1,000.4
            {"u-2", "ip.public-v4", "1"},                 // IDR 100.1
            {"u-3", "object-storage.standard", "10"},     // IDR 4,500 (not ongoing, on the invoice)
            {"u-4", "bare-metal.m1", "1"},                // IDR 9,000,000 (neither)
        };
        for (int i = 0; i < records.length; i++) {
            usage.add(UsageRecordInput.of(i, records[i][0], "org-1", "res-" + i, records[i][1], records[i][2], null,
                    "2026-11-27T08:00:00+07:00", "2026-11-27T09:00:00+07:00"));
        }
        for (RecordResult result : recorder.recordAll(usage, "test")) {
            assertInstanceOf(RecordResult.Accepted.class, result);
        }
    }

    private JsonNode get(HttpEvents event, int expectedStatus) throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event.build(), null);
        assertEquals(expectedStatus, response.getStatusCode(), response.getBody());
        return JSON.readTree(response.getBody());
    }

    @Test
    void billingSummary_whenUsageIncludesBareMetalAndObjectStorage_ongoingUsageExcludesThem() throws Exception {
        JsonNode billing = get(HttpEvents.fromFile("http-get-billing.json"), 200);

        // IDR 1,000.4 + 100.1 = 1,100.5, rounded half-up once to 1,101
        assertEquals(1_101, billing.path("ongoingUsage").asLong());
        assertEquals(50_000, billing.path("credit").asLong());
        assertEquals(48_899, billing.path("remainingCredit").asLong());
        assertEquals("2026-11", billing.path("period").asText());
    }

    @Test
    void billingSummary_readsTheAccountAndOneTotalsItemOnly() throws Exception {
        table.counter().reset();

        get(HttpEvents.fromFile("http-get-billing.json"), 200);

        assertEquals(Map.of("GetItem", 2L), table.counter().requests());
        System.out.println("ddb_requests op=billing_summary requests=" + table.counter().totalRequests()
                + " items_written=" + table.counter().itemsWritten());
    }

    @Test
    void billingSummary_whenNoUsageYet_ongoingIsZero() throws Exception {
        JsonNode billing = get(HttpEvents.route("GET", "/orgs/{orgId}/billing", Map.of("orgId", "org-2"))
                .member("user-2", "org-2"), 200);

        assertEquals(0, billing.path("ongoingUsage").asLong());
        assertEquals(0, billing.path("remainingCredit").asLong());
    }

    @Test
    void usage_whenSampleEvent_listsEverySkuIncludingObjectStorageFromOneQuery() throws Exception {
        table.counter().reset();

        JsonNode usage = get(HttpEvents.fromFile("http-usage-get-usage.json"), 200);

        assertEquals(Map.of("GetItem", 1L, "Query", 1L), table.counter().requests());
        assertEquals("2026-11", usage.path("period").asText());
        Map<String, JsonNode> lines = new java.util.TreeMap<>();
        usage.path("lines").forEach(line -> lines.put(line.path("sku").asText(), line));
        assertEquals(List.of("bare-metal.m1", "compute.small", "ip.public-v4", "object-storage.standard"),
                List.copyOf(lines.keySet()));
        JsonNode storage = lines.get("object-storage.standard");
        assertEquals("object_storage", storage.path("category").asText());
        assertEquals("GB-month", storage.path("unit").asText());
        assertEquals("10", storage.path("quantity").asText());
        assertEquals("450", storage.path("unitPrice").asText());
        assertEquals(4_500, storage.path("amount").asLong());
        assertEquals("1000.4", lines.get("compute.small").path("unitPrice").asText());
        assertEquals(1_000, lines.get("compute.small").path("amount").asLong());
        assertEquals(1_101, usage.path("ongoingUsage").asLong());
        assertEquals(9_005_601, usage.path("total").asLong());
    }

    @Test
    void usage_whenPeriodGivenOrMalformed_answersThatPeriodOr400() throws Exception {
        JsonNode october = get(HttpEvents.route("GET", "/orgs/{orgId}/usage", Map.of("orgId", "org-1"))
                .member("user-1", "org-1").query("period=2026-10", Map.of("period", "2026-10")), 200);
        assertEquals(0, october.path("lines").size());
        assertEquals(0, october.path("total").asLong());

        for (String bad : List.of("2026-13", "2026-1", "november", "2026-11-01")) {
            JsonNode problem = get(HttpEvents.route("GET", "/orgs/{orgId}/usage", Map.of("orgId", "org-1"))
                    .member("user-1", "org-1").query("period=" + bad, Map.of("period", bad)), 400);
            assertEquals("urn:problem-type:billing:invalid-request", problem.path("type").asText());
        }
    }

    @Test
    void usage_whenCallerIsNotAMemberOfTheOrg_answers404() throws Exception {
        JsonNode problem = get(HttpEvents.route("GET", "/orgs/{orgId}/usage", Map.of("orgId", "org-1"))
                .member("user-2", "org-2"), 404);
        assertEquals("urn:problem-type:billing:not-found", problem.path("type").asText());
        assertTrue(problem.path("detail").asText().length() > 0);
    }
}
