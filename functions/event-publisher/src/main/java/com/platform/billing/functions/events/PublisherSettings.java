package com.platform.billing.functions.events;

import com.platform.billing.api.Env;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how events go out: the bus (EVENT_BUS_NAME, from the template), the EventBridge {@code Source}
 * (EVENT_SOURCE, default {@code platform.billing}), how many times a failed entry is tried in one invocation
 * (PUBLISH_MAX_ATTEMPTS, default 4) and the backoff between tries (PUBLISH_BACKOFF_BASE_MILLIS 100, doubled per
 * try, capped at PUBLISH_BACKOFF_MAX_MILLIS 2000, full jitter).
 */
record PublisherSettings(String busName, String source, int maxAttempts, Duration backoffBase, Duration backoffMax) {

    static final String DEFAULT_SOURCE = "platform.billing";

    PublisherSettings {
        Objects.requireNonNull(busName, "busName");
        Objects.requireNonNull(source, "source");
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("PUBLISH_MAX_ATTEMPTS must be 1..10");
        }
        if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoff base must be >= 0 and <= the cap");
        }
    }

    static PublisherSettings fromEnvironment() {
        return new PublisherSettings(Env.require("EVENT_BUS_NAME"),
                Env.get("EVENT_SOURCE").orElse(DEFAULT_SOURCE),
                (int) Env.getLong("PUBLISH_MAX_ATTEMPTS", 4),
                Duration.ofMillis(Env.getLong("PUBLISH_BACKOFF_BASE_MILLIS", 100)),
                Duration.ofMillis(Env.getLong("PUBLISH_BACKOFF_MAX_MILLIS", 2000)));
    }

    static PublisherSettings of(String busName, int maxAttempts) {
        return new PublisherSettings(busName, DEFAULT_SOURCE, maxAttempts, Duration.ofMillis(1), Duration.ofMillis(5));
    }

    /** Full-jitter exponential backoff before try {@code attempt + 1}. */
    Duration backoff(int attempt, double random) {
        long ceiling = Math.min(backoffMax.toMillis(), backoffBase.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis((long) (ceiling * random));
    }
}
