package com.platform.billing.domain.baremetal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.platform.billing.domain.InvalidRequestException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BareMetalTermTest {

    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    private static Instant at(String jakartaLocal) {
        return OffsetDateTime.parse(jakartaLocal + "+07:00").toInstant();
    }

    @ParameterizedTest(name = "{0} + {1} months -> {2}")
    @CsvSource({
            // every term length from an ordinary day
            "2026-11-27T10:00:00, 1, 2026-12-27T10:00:00",
            "2026-11-27T10:00:00, 3, 2027-02-27T10:00:00",
            "2026-11-27T10:00:00, 6, 2027-05-27T10:00:00",
            "2026-11-27T10:00:00, 12, 2027-11-27T10:00:00",
            // a start on the 31st: a shorter month ends the term on its last day
            "2026-01-31T10:00:00, 1, 2026-02-28T10:00:00",
            "2028-01-31T10:00:00, 1, 2028-02-29T10:00:00",
            "2026-01-31T10:00:00, 3, 2026-04-30T10:00:00",
            "2026-01-31T10:00:00, 6, 2026-07-31T10:00:00",
            "2026-01-31T10:00:00, 12, 2027-01-31T10:00:00",
            "2026-08-31T09:30:00, 6, 2027-02-28T09:30:00",
            // across the year boundary
            "2026-12-15T00:00:00, 1, 2027-01-15T00:00:00",
            "2026-11-30T23:59:00, 3, 2027-02-28T23:59:00",
            "2026-10-31T00:00:00, 12, 2027-10-31T00:00:00",
    })
    void first_endsOnTheAnchorDayOrTheMonthsLastDay(String start, int months, String end) {
        BareMetalTerm term = BareMetalTerm.first(at(start), months, JAKARTA);

        assertEquals(at(end), term.end());
        assertEquals(at(start), term.start());
    }

    @Test
    void following_whenAnchoredOnThe31st_returnsToThe31stAfterAShortMonth() {
        BareMetalTerm january = BareMetalTerm.first(at("2026-01-31T10:00:00"), 1, JAKARTA);
        BareMetalTerm february = BareMetalTerm.following(january.end(), 1, january.anchorDay(), JAKARTA);
        BareMetalTerm march = BareMetalTerm.following(february.end(), 1, january.anchorDay(), JAKARTA);
        BareMetalTerm april = BareMetalTerm.following(march.end(), 1, january.anchorDay(), JAKARTA);

        assertEquals(at("2026-02-28T10:00:00"), february.start());
        assertEquals(at("2026-03-31T10:00:00"), february.end());
        assertEquals(at("2026-04-30T10:00:00"), march.end());
        assertEquals(at("2026-05-31T10:00:00"), april.end());
    }

    @Test
    void jakartaMidnightIsTheDayBoundary_notUtc() {
        // 2026-01-31 00:30 in Jakarta is still 30 January in UTC: the anchor is Jakarta's day, the 31st.
        BareMetalTerm term = BareMetalTerm.first(Instant.parse("2026-01-30T17:30:00Z"), 1, JAKARTA);

        assertEquals(31, term.anchorDay());
        assertEquals(Instant.parse("2026-02-27T17:30:00Z"), term.end()); // 28 Feb 00:30 Jakarta
    }

    @ParameterizedTest
    @CsvSource({"0", "2", "4", "24"})
    void first_whenTermLengthNotOffered_refuses(int months) {
        assertThrows(InvalidRequestException.class,
                () -> BareMetalTerm.first(at("2026-11-27T10:00:00"), months, JAKARTA));
    }
}
