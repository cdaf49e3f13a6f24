package com.platform.billing.domain.voucher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.domain.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VoucherTest {

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant CREATED = Instant.parse("2026-10-30T00:00:00Z");

    private static Voucher voucher(long redeemed, long totalLimit, Set<String> allowedOrgs, VoucherStatus status) {
        VoucherTerms terms = new VoucherTerms(Money.of(100_000, "IDR"), FROM, UNTIL, totalLimit, 1, allowedOrgs, "");
        return new Voucher("vch_0e5w3k2m7q9r1t4v6x8z0b2d4f", "PQRS", terms, redeemed, status, "", "admin-1",
                CREATED, status == VoucherStatus.DISABLED
                        ? new Voucher.Disablement("admin-2", CREATED.plusSeconds(60), "leaked") : null);
    }

    private static Voucher active() {
        return voucher(0, 10, Set.of(), VoucherStatus.ACTIVE);
    }

    @Test
    void refusalFor_oneSecondBeforeUntil_allows() {
        assertTrue(active().refusalFor("org-1", UNTIL.minusSeconds(1)).isEmpty());
    }

    @Test
    void refusalFor_oneMillisecondBeforeUntil_allows() {
        assertTrue(active().refusalFor("org-1", UNTIL.minusMillis(1)).isEmpty());
    }

    @Test
    void refusalFor_atUntil_isExpiredBecauseUntilIsExclusive() {
        assertInstanceOf(VoucherExpiredException.class, active().refusalFor("org-1", UNTIL).orElseThrow());
    }

    @Test
    void refusalFor_afterUntil_isExpired() {
        assertInstanceOf(VoucherExpiredException.class,
                active().refusalFor("org-1", UNTIL.plusSeconds(1)).orElseThrow());
    }

    @Test
    void refusalFor_atFrom_allowsBecauseFromIsInclusive() {
        assertTrue(active().refusalFor("org-1", FROM).isEmpty());
    }

    @Test
    void refusalFor_beforeFrom_isNotYetValid() {
        assertInstanceOf(VoucherNotYetValidException.class,
                active().refusalFor("org-1", FROM.minusMillis(1)).orElseThrow());
    }

    @Test
    void refusalFor_whenTotalLimitReached_isFullyRedeemed() {
        assertInstanceOf(VoucherFullyRedeemedException.class,
                voucher(10, 10, Set.of(), VoucherStatus.ACTIVE).refusalFor("org-1", FROM).orElseThrow());
    }

    @Test
    void refusalFor_whenDisabled_looksLikeAnUnknownCodeEvenIfAlsoExpired() {
        Voucher disabled = voucher(10, 10, Set.of(), VoucherStatus.DISABLED);
        assertInstanceOf(VoucherInvalidException.class, disabled.refusalFor("org-1", UNTIL).orElseThrow());
    }

    @Test
    void refusalFor_whenRestrictedToOtherOrgs_looksLikeAnUnknownCode() {
        Voucher restricted = voucher(0, 10, Set.of("org-2"), VoucherStatus.ACTIVE);
        assertInstanceOf(VoucherInvalidException.class, restricted.refusalFor("org-1", FROM).orElseThrow());
        assertTrue(restricted.refusalFor("org-2", FROM).isEmpty());
    }

    @Test
    void remaining_neverNegative() {
        assertEquals(3, voucher(7, 10, Set.of(), VoucherStatus.ACTIVE).remaining());
        assertEquals(0, voucher(10, 10, Set.of(), VoucherStatus.ACTIVE).remaining());
    }

    @Test
    void rateLimited_retryAfterSeconds_roundsUpToAtLeastOne() {
        assertEquals(1, new VoucherRateLimitedException(Duration.ofMillis(1)).retryAfterSeconds());
        assertEquals(2, new VoucherRateLimitedException(Duration.ofMillis(1_001)).retryAfterSeconds());
        assertEquals(900, new VoucherRateLimitedException(Duration.ofMinutes(15)).retryAfterSeconds());
    }
}
