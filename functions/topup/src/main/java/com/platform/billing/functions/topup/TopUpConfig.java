package com.platform.billing.functions.topup;

import com.platform.billing.api.BillingConfig;
import com.platform.billing.api.Env;
import com.platform.billing.domain.invoice.TaxMode;
import com.platform.billing.domain.invoice.TaxRule;
import com.platform.billing.domain.topup.TopUpSettings;
import java.time.Duration;
import java.util.Locale;

/**
 * The top-up settings from the function's environment (template.yaml), with the documented defaults:
 * {@code TOPUP_MIN_AMOUNT} (50000), {@code TOPUP_MAX_AMOUNT} (100000000), {@code TAX_RATE_BASIS_POINTS} (1100),
 * {@code TAX_MODE} (ADDED | INCLUDED, default ADDED), {@code PG_ORDER_EXPIRY_MINUTES} (1440, shared with the gateway
 * adapter), {@code PAYMENT_FINISH_URL} (where the
 * payment page sends the browser back to).
 */
public final class TopUpConfig {

    private TopUpConfig() {
    }

    public static TopUpSettings fromEnvironment(BillingConfig billing) {
        TaxMode mode;
        String rawMode = Env.get("TAX_MODE").orElse("ADDED").strip().toUpperCase(Locale.ROOT);
        try {
            mode = TaxMode.valueOf(rawMode);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("TAX_MODE must be ADDED or INCLUDED, got " + rawMode);
        }
        return new TopUpSettings(billing.currency(),
                Env.getLong("TOPUP_MIN_AMOUNT", TopUpSettings.DEFAULT_MINIMUM),
                Env.getLong("TOPUP_MAX_AMOUNT", TopUpSettings.DEFAULT_MAXIMUM),
                new TaxRule(Env.getLong("TAX_RATE_BASIS_POINTS", TaxRule.DEFAULT_RATE_BASIS_POINTS), mode),
                Duration.ofMinutes(Env.getLong("PG_ORDER_EXPIRY_MINUTES",
                        TopUpSettings.DEFAULT_ORDER_EXPIRY.toMinutes())),
                Env.get("PAYMENT_FINISH_URL").orElse(null));
    }
}
