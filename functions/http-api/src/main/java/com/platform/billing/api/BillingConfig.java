package com.platform.billing.api;

import com.platform.billing.domain.BillingCalendar;
import java.time.ZoneId;

/** Business settings, from the function's environment (template.yaml) with the documented defaults. */
public record BillingConfig(String currency, long maxAdjustment, BillingCalendar calendar) {

    public static final long DEFAULT_MAX_ADJUSTMENT = 100_000_000_000L;

    public static BillingConfig fromEnvironment() {
        return new BillingConfig(
                Env.get("BILLING_CURRENCY").orElse("IDR"),
                Env.getLong("MAX_CREDIT_ADJUSTMENT", DEFAULT_MAX_ADJUSTMENT),
                new BillingCalendar(ZoneId.of(Env.get("BILLING_TIME_ZONE").orElse("Asia/Jakarta"))));
    }

    public static BillingConfig defaults() {
        return new BillingConfig("IDR", DEFAULT_MAX_ADJUSTMENT, BillingCalendar.platform());
    }
}
