package com.platform.billing.domain.usage;

import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.Money;
import java.time.Clock;
import java.time.YearMonth;

/** Reads of recorded usage for the billing page: ongoing usage (one item) and a period's breakdown (one query). */
public final class UsageReports {

    private final UsageStore store;
    private final BillingCalendar calendar;
    private final Clock clock;

    public UsageReports(UsageStore store, BillingCalendar calendar, Clock clock) {
        this.store = store;
        this.calendar = calendar;
        this.clock = clock;
    }

    public YearMonth currentPeriod() {
        return calendar.currentPeriod(clock);
    }

    /**
     * Usage of {@code period} so far that counts against credit (bare metal and object storage excluded), rounded
     * half-up to the minor unit once. One read.
     */
    public Money ongoingUsage(String orgId, YearMonth period, String currency) {
        return store.totals(orgId, period).orElseGet(() -> UsageTotals.empty(orgId, period)).ongoingUsage(currency);
    }

    public UsageBreakdown breakdown(String orgId, YearMonth period) {
        return store.breakdown(orgId, period);
    }
}
