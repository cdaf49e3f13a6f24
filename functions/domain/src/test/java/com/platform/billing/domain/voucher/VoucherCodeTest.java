package com.platform.billing.domain.voucher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.domain.InvalidRequestException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VoucherCodeTest {

    @Test
    void parse_whenCaseSpacesAndHyphensDiffer_givesTheSameCode() {
        VoucherCode typed = VoucherCode.parse("  abcd-efgh jkmn-pqrs \t", "code");
        VoucherCode printed = VoucherCode.parse("ABCD-EFGH-JKMN-PQRS", "code");

        assertEquals(printed, typed);
        assertEquals("ABCDEFGHJKMNPQRS", typed.normalized());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ABC", "SHORT12", "ABCD!EFGH", "ÄBCDEFGHJ", "ABCD_EFGH",
            "ABCDEFGHJKMNPQRSABCDEFGHJKMNPQRS1"})
    void parse_whenNotACode_isInvalidRequestOnTheField(String raw) {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> VoucherCode.parse(raw, "code"));
        assertEquals("code", refused.field());
    }

    @Test
    void parse_whenInputIsHuge_isRefusedWithoutNormalizing() {
        String huge = "-".repeat(VoucherCode.MAX_INPUT_LENGTH) + "ABCDEFGH";
        assertThrows(InvalidRequestException.class, () -> VoucherCode.parse(huge, "code"));
    }

    @Test
    void random_whenDrawnManyTimes_uses16SymbolsOfTheUnambiguousAlphabet() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            VoucherCode code = VoucherCode.random(random);
            assertTrue(code.normalized().matches("[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{16}"), code.normalized());
            seen.add(code.normalized());
        }
        assertEquals(2_000, seen.size());
    }

    @Test
    void alphabet_whenMeasured_gives80BitsAndHasNoLookAlikes() {
        assertEquals(32, VoucherCode.ALPHABET.chars().distinct().count());
        double bits = VoucherCode.RANDOM_LENGTH * (Math.log(VoucherCode.ALPHABET.length()) / Math.log(2));
        assertTrue(bits >= 80, "entropy " + bits);
        for (char lookAlike : new char[] {'0', 'O', '1', 'I'}) {
            assertEquals(-1, VoucherCode.ALPHABET.indexOf(lookAlike));
        }
    }

    @Test
    void display_whenRandom_isGroupedByFourAndParsesBack() {
        VoucherCode code = VoucherCode.random(new SecureRandom());
        assertTrue(code.display().matches("[A-Z0-9]{4}(-[A-Z0-9]{4}){3}"));
        assertEquals(code, VoucherCode.parse(code.display(), "code"));
    }

    @Test
    void toString_whenLogged_showsOnlyTheLastFour() {
        VoucherCode code = VoucherCode.parse("WELCOME-2026", "code");
        assertEquals("****2026", code.toString());
        assertEquals("2026", code.lastFour());
        assertFalse(code.toString().contains("WELCOME"));
    }
}
