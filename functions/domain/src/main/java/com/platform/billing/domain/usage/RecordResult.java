package com.platform.billing.domain.usage;

import java.time.YearMonth;

/** What happened to one record of a batch. */
public sealed interface RecordResult {

    int index();

    /** The record's id as sent (may be null or invalid for a refused record). */
    String id();

    /** {@code accepted}, {@code duplicate}, {@code rejected} or {@code failed}. */
    String status();

    /**
     * Rated and added to the aggregates of {@code bookedPeriod}; {@code late} when that is not the usage's own
     * period (which was already closed by invoicing).
     */
    record Accepted(int index, String id, String orgId, YearMonth usagePeriod, YearMonth bookedPeriod,
                    long amountMicros) implements RecordResult {
        public boolean late() {
            return !usagePeriod.equals(bookedPeriod);
        }

        @Override
        public String status() {
            return "accepted";
        }
    }

    /** Seen before with the same content: nothing added; the original outcome. */
    record Duplicate(int index, String id, String orgId, YearMonth usagePeriod, YearMonth bookedPeriod,
                     long amountMicros) implements RecordResult {
        public boolean late() {
            return !usagePeriod.equals(bookedPeriod);
        }

        @Override
        public String status() {
            return "duplicate";
        }
    }

    /** Refused for good: resending it unchanged will be refused again ({@code orgId} as sent, may be null). */
    record Rejected(int index, String id, String orgId, RejectionReason reason, String field, String detail)
            implements RecordResult {
        @Override
        public String status() {
            return "rejected";
        }
    }

    /** Not applied because of a transient failure (throttling, contention): send it again. */
    record Failed(int index, String id, RuntimeException cause) implements RecordResult {
        @Override
        public String status() {
            return "failed";
        }
    }
}
