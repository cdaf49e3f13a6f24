package com.platform.billing.domain.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.ConcurrentUpdateException;
import com.platform.billing.domain.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageRecorderTest {

    /** 2026-12-01 11:00 in Jakarta. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T04:00:00Z"));
    private final InMemoryCatalogueStore catalogueStore = new InMemoryCatalogueStore();
    private final InMemoryUsageStore store = new InMemoryUsageStore();
    private final UsageRecorder recorder = new UsageRecorder(
            new CachedCatalogue(catalogueStore, clock, Duration.ofSeconds(60)), store, BillingCalendar.platform(),
            clock);

    @BeforeEach
    void seed() {
        catalogueStore.putPrice(new SkuDefinition("compute.small", SkuCategory.COMPUTE, UsageUnit.HOUR),
                new PriceVersion("compute.small", 1_250_000_000, LocalDate.parse("2026-01-01"), "admin-1",
                        clock.instant()), true);
        catalogueStore.putPrice(new SkuDefinition("compute.small", SkuCategory.COMPUTE, UsageUnit.HOUR),
                new PriceVersion("compute.small", 1_500_000_000, LocalDate.parse("2026-12-01"), "admin-1",
                        clock.instant()), false);
        store.accounts.add("org-1");
    }

    private static UsageRecordInput record(String id, String quantity, String start, String end) {
        return UsageRecordInput.of(0, id, "org-1", "vm-1", "compute.small", quantity, null, start, end);
    }

    private RecordResult one(UsageRecordInput input) {
        return recorder.recordAll(List.of(input), "test").getFirst();
    }

    @Test
    void record_whenValid_isRatedWithThePriceInEffectAtStart() {
        var accepted = assertInstanceOf(RecordResult.Accepted.class,
                one(record("u-1", "2", "2026-11-30T22:00:00+07:00", "2026-11-30T23:00:00+07:00")));

        assertEquals(2_500_000_000L, accepted.amountMicros());
        assertEquals(YearMonth.parse("2026-11"), accepted.bookedPeriod());
    }

    @Test
    void record_whenUsageAtLastSecondAndAtMidnightInJakarta_landsInDifferentMonths() {
        var lastSecond = assertInstanceOf(RecordResult.Accepted.class,
                one(record("u-1", "1", "2026-11-30T23:59:59+07:00", "2026-11-30T23:59:59+07:00")));
        var midnight = assertInstanceOf(RecordResult.Accepted.class,
                one(record("u-2", "1", "2026-12-01T00:00:00+07:00", "2026-12-01T00:00:00+07:00")));

        assertEquals(YearMonth.parse("2026-11"), lastSecond.bookedPeriod());
        assertEquals(YearMonth.parse("2026-12"), midnight.bookedPeriod());
        // and each at its own month's price
        assertEquals(1_250_000_000L, lastSecond.amountMicros());
        assertEquals(1_500_000_000L, midnight.amountMicros());
    }

    @Test
    void record_whenSpanningTheMonthBoundary_belongsToTheMonthItStarts() {
        var spanning = assertInstanceOf(RecordResult.Accepted.class,
                one(record("u-1", "1", "2026-11-30T23:30:00+07:00", "2026-12-01T00:30:00+07:00")));

        assertEquals(YearMonth.parse("2026-11"), spanning.usagePeriod());
    }

    @Test
    void record_whenReplayed_isADuplicateWithTheOriginalOutcome() {
        var first = one(record("u-1", "1.5", "2026-11-30T10:00:00+07:00", "2026-11-30T11:00:00+07:00"));
        // the same record, quantity written differently, is the same record
        var replay = one(UsageRecordInput.of(0, "u-1", "org-1", "vm-1", "compute.small", null,
                new BigDecimal("1.50"), "2026-11-30T03:00:00Z", "2026-11-30T04:00:00Z"));

        assertInstanceOf(RecordResult.Accepted.class, first);
        var duplicate = assertInstanceOf(RecordResult.Duplicate.class, replay);
        assertEquals(((RecordResult.Accepted) first).amountMicros(), duplicate.amountMicros());
        assertEquals(1_875_000_000L, store.totals("org-1", YearMonth.parse("2026-11")).orElseThrow().totalMicros());
    }

    @Test
    void record_whenIdReusedForOtherUsage_isRejectedAsAConflict() {
        one(record("u-1", "1", "2026-11-30T10:00:00+07:00", "2026-11-30T11:00:00+07:00"));

        var conflict = assertInstanceOf(RecordResult.Rejected.class,
                one(record("u-1", "2", "2026-11-30T10:00:00+07:00", "2026-11-30T11:00:00+07:00")));

        assertEquals(RejectionReason.ID_CONFLICT, conflict.reason());
    }

    @Test
    void record_whenItsPeriodIsClosed_isBookedLateIntoTheCurrentPeriod() {
        store.closed.add("org-1/2026-10");

        var late = assertInstanceOf(RecordResult.Accepted.class,
                one(record("u-1", "1", "2026-10-31T10:00:00+07:00", "2026-10-31T11:00:00+07:00")));

        assertEquals(YearMonth.parse("2026-10"), late.usagePeriod());
        assertEquals(YearMonth.parse("2026-12"), late.bookedPeriod());
        assertTrue(late.late());
        assertEquals(1_250_000_000L, late.amountMicros(), "rated at its own time's price");
    }

    @Test
    void record_whenUnknownOrg_isRejected() {
        var rejected = assertInstanceOf(RecordResult.Rejected.class, one(UsageRecordInput.of(0, "u-1", "org-9", "vm-1",
                "compute.small", "1", null, "2026-11-30T10:00:00+07:00", "2026-11-30T11:00:00+07:00")));

        assertEquals(RejectionReason.UNKNOWN_ORG, rejected.reason());
    }

    @ParameterizedTest
    @CsvSource({
        "u-1, no.such-sku, 1, 2026-11-30T10:00:00+07:00, 2026-11-30T11:00:00+07:00, unknown-sku, sku",
        "u-1, compute.small, -1, 2026-11-30T10:00:00+07:00, 2026-11-30T11:00:00+07:00, negative-quantity, quantity",
        "u-1, compute.small, 0.0000001, 2026-11-30T10:00:00+07:00, 2026-11-30T11:00:00+07:00, too-many-decimals,"
                + " quantity",
        "u-1, compute.small, 1e3, 2026-11-30T10:00:00+07:00, 2026-11-30T11:00:00+07:00, invalid-quantity, quantity",
        "u-1, compute.small, 1, 2026-11-30T11:00:00+07:00, 2026-11-30T10:00:00+07:00, end-before-start, end",
        "u-1, compute.small, 1, 2026-12-01T11:00:00+07:00, 2026-12-01T12:00:00+07:00, end-in-future, end",
        "u-1, compute.small, 1, 2026-11-30 10:00, 2026-11-30T11:00:00+07:00, invalid-time, start",
        "u-1, compute.small, 1, 2026-11-30T10:00:00, 2026-11-30T11:00:00+07:00, invalid-time, start",
        "u-1, compute.small, 1, 2025-06-01T10:00:00+07:00, 2025-06-01T11:00:00+07:00, too-old, start",
        "u-1, compute.small, 1, 2025-12-31T10:00:00+07:00, 2025-12-31T11:00:00+07:00, no-price-in-effect, start",
        "'u 1', compute.small, 1, 2026-11-30T10:00:00+07:00, 2026-11-30T11:00:00+07:00, invalid-id, id",
        "u-1, compute.small, , 2026-11-30T10:00:00+07:00, 2026-11-30T11:00:00+07:00, malformed, quantity",
    })
    void record_whenInvalid_isRejectedWithAReasonAndWritesNothing(String id, String sku, String quantity,
                                                                  String start, String end, String reason,
                                                                  String field) {
        var rejected = assertInstanceOf(RecordResult.Rejected.class, one(UsageRecordInput.of(0, id, "org-1", "vm-1",
                sku, quantity, null, start, end)));

        assertEquals(reason, rejected.reason().code());
        assertEquals(field, rejected.field());
        assertTrue(store.markers.isEmpty());
    }

    @Test
    void recordAll_whenSomeRecordsAreBad_appliesTheOthersAndAnswersInOrder() {
        List<UsageRecordInput> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(UsageRecordInput.of(i, "u-" + i, "org-1", "vm-1", i == 3 ? "bad.sku" : "compute.small",
                    i == 7 ? "-2" : "1", null, "2026-11-30T10:00:00+07:00", "2026-11-30T11:00:00+07:00"));
        }

        List<RecordResult> results = recorder.recordAll(batch, "test");

        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), results.stream().map(RecordResult::index).toList());
        assertEquals(8, results.stream().filter(r -> r instanceof RecordResult.Accepted).count());
        assertEquals("rejected", results.get(3).status());
        assertEquals("rejected", results.get(7).status());
        assertEquals(8 * 1_250_000_000L, store.totals("org-1", YearMonth.parse("2026-11")).orElseThrow()
                .totalMicros());
    }

    @Test
    void recordAll_whenMoreThan100Records_isRefusedAsAWhole() {
        List<UsageRecordInput> batch = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            batch.add(record("u-" + i, "1", "2026-11-30T10:00:00+07:00", "2026-11-30T11:00:00+07:00"));
        }
        assertThrows(InvalidRequestException.class, () -> recorder.recordAll(batch, "test"));
        assertThrows(InvalidRequestException.class, () -> recorder.recordAll(List.of(), "test"));
        assertTrue(store.markers.isEmpty());
    }

    @Test
    void record_whenTheStoreFailsTransiently_returnsFailedInsteadOfThrowing() {
        store.failNext = new ConcurrentUpdateException();

        var failed = one(record("u-1", "1", "2026-11-30T10:00:00+07:00", "2026-11-30T11:00:00+07:00"));

        assertInstanceOf(RecordResult.Failed.class, failed);
        assertInstanceOf(RecordResult.Accepted.class,
                one(record("u-1", "1", "2026-11-30T10:00:00+07:00", "2026-11-30T11:00:00+07:00")));
    }

    @Test
    void ongoingUsage_whenBareMetalAndObjectStorageRecorded_countsOnlyTheOtherCategories() {
        var totals = new UsageTotals("org-1", YearMonth.parse("2026-11"), java.util.Map.of(
                SkuCategory.COMPUTE, 1_000_400_000L, SkuCategory.IP, 100_100_000L,
                SkuCategory.OBJECT_STORAGE, 5_000_000_000L, SkuCategory.BARE_METAL, 9_000_000_000L), 4);

        assertEquals(1_100_500_000L, totals.ongoingMicros());
        // IDR 1,100.5 rounds half-up, once, to 1,101
        assertEquals(1_101, totals.ongoingUsage("IDR").amount());
        assertEquals(15_100_500_000L, totals.totalMicros());
    }
}
