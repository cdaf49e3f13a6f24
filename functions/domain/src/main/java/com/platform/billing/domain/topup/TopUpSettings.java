package com.platform.billing.domain.topup;

import com.platform.billing.domain.invoice.TaxRule;
import java.time.Duration;
import java.util.Objects;

/**
 * Business settings of gateway payments.
 *
 * @param minimumAmount     the smallest top-up, and the smallest gateway payment of an invoice (IDR 50,000)
 * @param maximumAmount     the largest top-up (configurable, default IDR 100,000,000)
 * @param orderExpiry       how long a checkout stays payable (the top-up invoice is due then too)
 * @param finishUrl         where the gateway sends the browser after paying (the console), or null
 */
public record TopUpSettings(String currency, long minimumAmount, long maximumAmount, TaxRule tax,
                            Duration orderExpiry, String finishUrl) {

    public static final long DEFAULT_MINIMUM = 50_000;
    public static final long DEFAULT_MAXIMUM = 100_000_000;
    public static final Duration DEFAULT_ORDER_EXPIRY = Duration.ofHours(24);

    public TopUpSettings {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(orderExpiry, "orderExpiry");
        if (minimumAmount < 1 || maximumAmount < minimumAmount) {
            throw new IllegalArgumentException("need 1 <= minimum <= maximum top-up amount");
        }
        if (orderExpiry.isNegative() || orderExpiry.isZero()) {
            throw new IllegalArgumentException("order expiry must be positive");
        }
    }

    public static TopUpSettings defaults() {
        return new TopUpSettings("IDR", DEFAULT_MINIMUM, DEFAULT_MAXIMUM, TaxRule.indonesianVat(),
                DEFAULT_ORDER_EXPIRY, null);
    }

    public TopUpSettings withTax(TaxRule rule) {
        return new TopUpSettings(currency, minimumAmount, maximumAmount, rule, orderExpiry, finishUrl);
    }
}
