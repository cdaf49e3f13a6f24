package com.platform.billing.domain.voucher;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The failed-attempt limit: at most {@code maxFailures} failed redemptions per organization and per caller in each
 * fixed window of length {@code window}. Windows are aligned to the epoch (with 15 minutes: :00, :15, :30, :45), so
 * each window is its own counter item and counting a failure is one atomic ADD, never a read-modify-write. Once an
 * organization or a caller has used up its failures, every attempt (a correct code included) is refused with 429
 * until the window ends. Like any fixed window, up to twice the limit can fit around a window boundary.
 */
public record AttemptPolicy(int maxFailures, Duration window) {

    public static final AttemptPolicy DEFAULT = new AttemptPolicy(10, Duration.ofMinutes(15));

    public AttemptPolicy {
        Objects.requireNonNull(window, "window");
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1");
        }
        if (window.toMillis() < 1000) {
            throw new IllegalArgumentException("window must be at least one second");
        }
    }

    /** The start of the window {@code now} falls in (inclusive). */
    public Instant windowStart(Instant now) {
        long length = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), length) * length);
    }

    /** The end of the window {@code now} falls in (exclusive): when a lock-out in it ends. */
    public Instant windowEnd(Instant now) {
        return windowStart(now).plus(window);
    }
}
