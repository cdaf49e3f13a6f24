package com.platform.billing.domain.voucher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptPolicyTest {

    private final AttemptPolicy policy = AttemptPolicy.DEFAULT;

    @Test
    void window_isAlignedToQuarterHours() {
        Instant now = Instant.parse("2026-11-27T04:07:31.250Z");
        assertEquals(Instant.parse("2026-11-27T04:00:00Z"), policy.windowStart(now));
        assertEquals(Instant.parse("2026-11-27T04:15:00Z"), policy.windowEnd(now));
    }

    @Test
    void window_atItsEnd_isTheNextWindow() {
        Instant boundary = Instant.parse("2026-11-27T04:15:00Z");
        assertEquals(boundary, policy.windowStart(boundary));
        assertEquals(boundary, policy.windowEnd(boundary.minusMillis(1)));
    }

    @Test
    void locked_onlyWhenFailuresUsedUpAndWindowRunning() {
        Instant end = Instant.parse("2026-11-27T04:15:00Z");
        assertFalse(new AttemptWindow(9, end).locked(end.minusSeconds(1), policy));
        assertTrue(new AttemptWindow(10, end).locked(end.minusSeconds(1), policy));
        assertFalse(new AttemptWindow(10, end).locked(end, policy));
        assertFalse(AttemptWindow.NONE.locked(end, policy));
        assertEquals(Duration.ofSeconds(1), new AttemptWindow(10, end).retryAfter(end.minusSeconds(1)));
    }
}
