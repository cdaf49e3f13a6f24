package com.platform.billing.domain.baremetal;

import com.platform.billing.domain.InvalidRequestException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Set;

/**
 * One prepaid term of a bare-metal server: {@code [start, end)} (end exclusive), {@code months} long, in the platform
 * time zone (Asia/Jakarta).
 *
 * <p><b>End-date rule.</b> The end is the start's wall-clock time {@code months} calendar months later, on the
 * subscription's <em>anchor day</em> (the day of month of its first term's start), clamped to the last day of a
 * shorter month. So a server started on 31 January renews on 28 (or 29) February, 31 March, 30 April, 31 May…: a
 * short month shortens that one term only and the renewal day never drifts. Starting on the 31st, a 1-month term
 * ends on Feb 28/29; a 3-month term ends on 30 April.
 */
public record BareMetalTerm(Instant start, Instant end, int months, int anchorDay) {

    /** The term lengths a server can be bought for. */
    public static final Set<Integer> ALLOWED_MONTHS = Set.of(1, 3, 6, 12);

    public BareMetalTerm {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!ALLOWED_MONTHS.contains(months)) {
            throw new IllegalArgumentException("term months must be 1, 3, 6 or 12");
        }
        if (anchorDay < 1 || anchorDay > 31) {
            throw new IllegalArgumentException("anchor day must be 1..31");
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a term ends after it starts");
        }
    }

    /** The first term of a subscription: its start's day of month becomes the anchor day. */
    public static BareMetalTerm first(Instant start, int months, ZoneId zone) {
        requireAllowed(months);
        int anchorDay = start.atZone(zone).getDayOfMonth();
        return new BareMetalTerm(start, endOf(start, months, anchorDay, zone), months, anchorDay);
    }

    /** The term that follows a subscription's current one (starting at its end), {@code months} long. */
    public static BareMetalTerm following(Instant previousEnd, int months, int anchorDay, ZoneId zone) {
        requireAllowed(months);
        return new BareMetalTerm(previousEnd, endOf(previousEnd, months, anchorDay, zone), months, anchorDay);
    }

    /** The end-date rule (see the class comment). */
    public static Instant endOf(Instant start, int months, int anchorDay, ZoneId zone) {
        ZonedDateTime end = start.atZone(zone).plusMonths(months);
        int day = Math.min(anchorDay, end.toLocalDate().lengthOfMonth());
        return end.withDayOfMonth(day).toInstant();
    }

    public static void requireAllowed(int months) {
        if (!ALLOWED_MONTHS.contains(months)) {
            throw new InvalidRequestException("termMonths", "termMonths must be 1, 3, 6 or 12.");
        }
    }
}
