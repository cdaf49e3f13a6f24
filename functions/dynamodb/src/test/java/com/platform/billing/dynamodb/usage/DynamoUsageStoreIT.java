package com.platform.billing.dynamodb.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.usage.PriceVersion;
import com.platform.billing.domain.usage.RatedUsage;
import com.platform.billing.domain.usage.SkuCategory;
import com.platform.billing.domain.usage.SkuDefinition;
import com.platform.billing.domain.usage.UsageStore;
import com.platform.billing.domain.usage.UsageUnit;
import com.platform.billing.dynamodb.DynamoAccountStore;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@WithLedgerTable
class DynamoUsageStoreIT {

    private static final AtomicInteger ORGS = new AtomicInteger();
    private static final YearMonth NOVEMBER = YearMonth.parse("2026-11");
    private static final SkuDefinition COMPUTE = new SkuDefinition("compute.small", SkuCategory.COMPUTE,
            UsageUnit.HOUR);
    private static final SkuDefinition BARE_METAL = new SkuDefinition("bare-metal.m1", SkuCategory.BARE_METAL,
            UsageUnit.MONTH);
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T04:00:00Z"), ZoneOffset.UTC);
    private final LedgerTable table;
    private final DynamoUsageStore store;
    private String org;

    DynamoUsageStoreIT(LedgerTable table) {
        this.table = table;
        this.store = new DynamoUsageStore(table.dynamo(), table.name());
    }

    @BeforeEach
    void openAccount() {
        org = "org-" + ORGS.incrementAndGet();
        new DynamoAccountStore(table.dynamo(), table.name())
                .createIfAbsent(BillingAccount.open(org, BillingType.PREPAID, "IDR", clock.instant()));
    }

    private RatedUsage usage(String id, SkuDefinition sku, long quantityMicros, long amountMicros) {
        return new RatedUsage(org, id, "res-1", sku, quantityMicros, Instant.parse("2026-11-27T01:00:00Z"),
                Instant.parse("2026-11-27T02:00:00Z"), NOVEMBER,
                new PriceVersion(sku.sku(), 1_000_000, LocalDate.parse("2026-01-01"), "admin-1", clock.instant()),
                amountMicros);
    }

    private List<Map<String, AttributeValue>> billableShard(YearMonth period) {
        return table.dynamo().query(r -> r.tableName(table.name()).indexName(Keys.GSI2)
                .keyConditionExpression("GSI2PK = :pk")
                .expressionAttributeValues(Map.of(":pk", Items.s(Keys.billableShardPk(period, org))))).items()
                .stream().filter(i -> org.equals(Items.str(i, "orgId"))).toList();
    }

    @Test
    void record_whenReplayedThreeTimes_countsOnceInOneTransactionEach() {
        RatedUsage usage = usage("u-1", COMPUTE, 2_000_000, 2_000_000);
        table.counter().reset();

        var first = store.record(usage, NOVEMBER, "test", clock.instant());
        var replays = List.of(store.record(usage, NOVEMBER, "test", clock.instant()),
                store.record(usage, NOVEMBER, "test", clock.instant()),
                store.record(usage, NOVEMBER, "test", clock.instant()));

        assertInstanceOf(UsageStore.Recorded.class, first);
        for (var replay : replays) {
            var already = assertInstanceOf(UsageStore.AlreadyRecorded.class, replay);
            assertEquals(usage.fingerprint(), already.original().fingerprint());
            assertEquals(2_000_000, already.original().amountMicros());
        }
        // a replay is answered from the marker's old image in the cancellation: no extra read
        assertEquals(Map.of("TransactWriteItems", 4L), table.counter().requests());
        var totals = store.totals(org, NOVEMBER).orElseThrow();
        assertEquals(2_000_000, totals.totalMicros());
        assertEquals(1, totals.records());
        var line = store.breakdown(org, NOVEMBER).lines().getFirst();
        assertEquals(2_000_000, line.quantityMicros());
        assertEquals(1, line.records());
        assertTrue(new UsageReconciler(table.dynamo(), table.name()).reconcile(org, NOVEMBER).clean());
    }

    @Test
    void record_whenOrgHasNoAccount_isUnknownOrgAndWritesNothing() {
        org = "org-without-account-" + ORGS.incrementAndGet();

        var outcome = store.record(usage("u-1", COMPUTE, 1_000_000, 1_000_000), NOVEMBER, "test", clock.instant());

        assertInstanceOf(UsageStore.UnknownOrg.class, outcome);
        assertTrue(store.totals(org, NOVEMBER).isEmpty());
        assertTrue(billableShard(NOVEMBER).isEmpty());
    }

    @Test
    void record_whenPeriodClosedMarkerExists_isPeriodClosedAndWritesNothing() {
        table.dynamo().putItem(r -> r.tableName(table.name()).item(Map.of(Keys.PK,
                Items.s(Keys.periodClosedPk(NOVEMBER)), Keys.SK, Items.s(Keys.periodClosedSk(org)))));

        var outcome = store.record(usage("u-1", COMPUTE, 1_000_000, 1_000_000), NOVEMBER, "test", clock.instant());

        assertEquals(new UsageStore.PeriodClosed(NOVEMBER), outcome);
        assertTrue(store.totals(org, NOVEMBER).isEmpty());
        assertInstanceOf(UsageStore.Recorded.class, store.record(usage("u-1", COMPUTE, 1_000_000, 1_000_000),
                NOVEMBER.plusMonths(1), "test", clock.instant()));
    }

    @Test
    void record_whenFirstUsageOfPeriod_entersTheOrgInOneBillableShardOnce() {
        store.record(usage("u-1", COMPUTE, 1_000_000, 1_000_000), NOVEMBER, "test", clock.instant());
        var first = billableShard(NOVEMBER);
        store.record(usage("u-2", COMPUTE, 1_000_000, 1_000_000), NOVEMBER, "test", Instant.parse(
                "2026-11-28T00:00:00Z"));

        var after = billableShard(NOVEMBER);
        assertEquals(1, after.size());
        assertEquals(first, after, "the entry (and so the index) is unchanged by later usage");
        assertEquals(Items.formatTime(clock.instant()), Items.str(after.getFirst(), "firstUsageAt"));
    }

    @Test
    void record_whenOnlyBareMetal_isRecordedButDoesNotMakeTheOrgBillable() {
        var outcome = store.record(usage("u-1", BARE_METAL, 1_000_000, 9_000_000_000L), NOVEMBER, "test",
                clock.instant());

        assertInstanceOf(UsageStore.Recorded.class, outcome);
        assertEquals(9_000_000_000L, store.totals(org, NOVEMBER).orElseThrow().amountMicros(SkuCategory.BARE_METAL));
        assertTrue(billableShard(NOVEMBER).isEmpty());
    }

    @Test
    void breakdown_whenTwoPricesInOneMonth_givesOneLinePerPrice() {
        RatedUsage before = usage("u-1", COMPUTE, 1_000_000, 1_000_000);
        RatedUsage after = new RatedUsage(org, "u-2", "res-1", COMPUTE, 1_000_000,
                Instant.parse("2026-11-28T01:00:00Z"), Instant.parse("2026-11-28T02:00:00Z"), NOVEMBER,
                new PriceVersion("compute.small", 2_000_000, LocalDate.parse("2026-11-28"), "admin-1",
                        clock.instant()), 2_000_000);
        store.record(before, NOVEMBER, "test", clock.instant());
        store.record(after, NOVEMBER, "test", clock.instant());

        var lines = store.breakdown(org, NOVEMBER).lines();

        assertEquals(2, lines.size());
        assertEquals(List.of(1_000_000L, 2_000_000L), lines.stream().map(l -> l.unitPriceMicros()).toList());
        assertFalse(lines.getFirst().late());
    }
}
