package com.platform.billing.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * Billing periods are calendar months in the platform time zone (Asia/Jakarta by default): usage at 23:59:59 on the
 * last day and at 00:00:00 on the 1st belong to different months.
 */
public record BillingCalendar(ZoneId zone) {

    public static final ZoneId PLATFORM_ZONE = ZoneId.of("Asia/Jakarta");

    public static BillingCalendar platform() {
        return new BillingCalendar(PLATFORM_ZONE);
    }

    public YearMonth periodOf(Instant instant) {
        return YearMonth.from(instant.atZone(zone));
    }

    public YearMonth currentPeriod(Clock clock) {
        return periodOf(clock.instant());
    }

    public Instant startOf(YearMonth period) {
        return period.atDay(1).atStartOfDay(zone).toInstant();
    }
}
