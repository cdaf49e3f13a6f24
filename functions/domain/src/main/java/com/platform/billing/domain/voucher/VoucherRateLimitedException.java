package com.platform.billing.domain.voucher;

import com.platform.billing.domain.BillingException;
import java.time.Duration;

/**
 * Too many failed redemption attempts by this organization or this caller in the current window. Every attempt is
 * refused, a correct code included, until the window ends; {@link #retryAfter()} says when (HTTP Retry-After).
 */
public final class VoucherRateLimitedException extends BillingException {

    private final transient Duration retryAfter;

    public VoucherRateLimitedException(Duration retryAfter) {
        super("voucher-rate-limited", "Too many failed voucher attempts; try again in " + seconds(retryAfter)
                + " seconds.");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up, at least 1 (HTTP Retry-After is an integer number of seconds). */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration duration) {
        long millis = Math.max(duration.toMillis(), 1);
        return Math.ceilDiv(millis, 1000);
    }
}
