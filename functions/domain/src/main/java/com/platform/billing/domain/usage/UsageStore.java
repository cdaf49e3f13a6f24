package com.platform.billing.domain.usage;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;

/** Persistence of rated usage: the per-record markers and the per-org, per-month aggregates. */
public interface UsageStore {

    /** The result of trying to record one rated record into one period. */
    sealed interface Outcome {
    }

    /** Written: the marker, the line and the month total, all or nothing. */
    record Recorded() implements Outcome {
    }

    /** The record id was recorded before; nothing written. */
    record AlreadyRecorded(StoredUsage original) implements Outcome {
    }

    /** The org has no billing account; nothing written. */
    record UnknownOrg() implements Outcome {
    }

    /** {@code period} is closed for the org (invoiced); nothing written. */
    record PeriodClosed(YearMonth period) implements Outcome {
    }

    /** What an earlier recording of a record id stored. */
    record StoredUsage(String fingerprint, YearMonth usagePeriod, YearMonth bookedPeriod, long amountMicros) {
    }

    /**
     * Records {@code usage} into the aggregates of {@code bookedPeriod} at most once per (org, record id), only if
     * the org has an account and {@code bookedPeriod} is not closed for it. One atomic write.
     *
     * @param recordedBy who delivered it (an IAM principal, or the event source)
     */
    Outcome record(RatedUsage usage, YearMonth bookedPeriod, String recordedBy, Instant now);

    /** The org's month totals per category (one read); empty when nothing was recorded in the period. */
    Optional<UsageTotals> totals(String orgId, YearMonth period);

    /** The org's lines and totals of the period (one query). */
    UsageBreakdown breakdown(String orgId, YearMonth period);
}
