package com.platform.billing.domain.voucher;

import java.time.Duration;
import java.time.Instant;

/**
 * The failed-attempt counter of one organization or one caller in one window, as read: {@code failures} in the
 * window that ends at {@code windowEnd}. {@link #NONE} when there is no counter (no failure in the window yet).
 */
public record AttemptWindow(long failures, Instant windowEnd) {

    public static final AttemptWindow NONE = new AttemptWindow(0, Instant.EPOCH);

    /** Locked: the failures are used up and the window has not ended. */
    public boolean locked(Instant now, AttemptPolicy policy) {
        return failures >= policy.maxFailures() && now.isBefore(windowEnd);
    }

    public Duration retryAfter(Instant now) {
        return now.isBefore(windowEnd) ? Duration.between(now, windowEnd) : Duration.ZERO;
    }
}
