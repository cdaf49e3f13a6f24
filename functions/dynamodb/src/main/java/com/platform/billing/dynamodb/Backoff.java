package com.platform.billing.dynamodb;

import com.platform.billing.domain.ConcurrentUpdateException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Full-jitter sleeps before retrying a DynamoDB call that lost a race (a moved condition, a transaction conflict) or
 * was throttled. An interrupt ends the retrying as a {@link ConcurrentUpdateException} (the caller may try again).
 */
public final class Backoff {

    private Backoff() {
    }

    /**
     * Before retry number {@code attempt + 1}: up to 5 ms × 2^attempt. A small base because contention on one org's
     * items is rare and short-lived.
     */
    public static void afterConflict(int attempt) {
        sleepUpTo(5L << attempt);
    }

    /** Sleeps a random time in [0, {@code maxMillis}). */
    public static void sleepUpTo(long maxMillis) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(maxMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConcurrentUpdateException();
        }
    }
}
