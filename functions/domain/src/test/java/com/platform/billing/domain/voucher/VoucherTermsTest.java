package com.platform.billing.domain.voucher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.platform.billing.domain.InvalidRequestException;
import com.platform.billing.domain.Money;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VoucherTermsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");
    private static final long MAX = 100_000_000;

    private static VoucherTerms terms(long amount, Instant from, Instant until, long total, int perOrg,
                                      Set<String> orgs, String note) {
        return new VoucherTerms(Money.of(amount, "IDR"), from, until, total, perOrg, orgs, note);
    }

    private static VoucherTerms valid() {
        return terms(100_000, NOW, NOW.plusSeconds(3600), 10, 1, Set.of(), "");
    }

    private static String refusedField(VoucherTerms terms) {
        return assertThrows(InvalidRequestException.class, () -> terms.validated(NOW, MAX)).field();
    }

    @Test
    void validated_whenSensible_returnsTheTerms() {
        VoucherTerms terms = valid();
        assertSame(terms, terms.validated(NOW, MAX));
    }

    @Test
    void validated_whenAmountZeroNegativeOrAboveMax_refusesAmount() {
        assertEquals("amount", refusedField(terms(0, NOW, NOW.plusSeconds(60), 1, 1, Set.of(), "")));
        assertEquals("amount", refusedField(terms(-1, NOW, NOW.plusSeconds(60), 1, 1, Set.of(), "")));
        assertEquals("amount", refusedField(terms(MAX + 1, NOW, NOW.plusSeconds(60), 1, 1, Set.of(), "")));
    }

    @Test
    void validated_whenWindowEmptyOrPast_refusesValidUntil() {
        assertEquals("validUntil", refusedField(terms(1, NOW, NOW, 1, 1, Set.of(), "")));
        assertEquals("validUntil", refusedField(terms(1, NOW.minusSeconds(7200), NOW.minusSeconds(3600), 1, 1,
                Set.of(), "")));
        assertEquals("validUntil", refusedField(terms(1, NOW.minusSeconds(7200), NOW, 1, 1, Set.of(), "")));
    }

    @Test
    void validated_whenLimitsOutOfRange_refusesThem() {
        Instant until = NOW.plusSeconds(60);
        assertEquals("totalLimit", refusedField(terms(1, NOW, until, 0, 1, Set.of(), "")));
        assertEquals("totalLimit", refusedField(terms(1, NOW, until, VoucherTerms.MAX_TOTAL_LIMIT + 1, 1, Set.of(),
                "")));
        assertEquals("perOrgLimit", refusedField(terms(1, NOW, until, 10, 0, Set.of(), "")));
        assertEquals("perOrgLimit", refusedField(terms(1, NOW, until, 2, 3, Set.of(), "")));
    }

    @Test
    void validated_whenAllowedOrgsMalformed_refusesThem() {
        assertEquals("allowedOrgs", refusedField(terms(1, NOW, NOW.plusSeconds(60), 1, 1, Set.of("org 1"), "")));
    }

    @Test
    void validated_whenNoteHasControlCharactersOrIsLong_refusesNote() {
        assertEquals("note", refusedField(terms(1, NOW, NOW.plusSeconds(60), 1, 1, Set.of(), "a\u0000b")));
        assertEquals("note", refusedField(terms(1, NOW, NOW.plusSeconds(60), 1, 1, Set.of(), "x".repeat(501))));
    }
}
