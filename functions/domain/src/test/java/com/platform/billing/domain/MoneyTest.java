package com.platform.billing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    @Test
    void plus_whenOverflowing_throwsInsteadOfWrapping() {
        Money max = Money.of(Long.MAX_VALUE, "IDR");
        assertThrows(ArithmeticException.class, () -> max.plus(Money.of(1, "IDR")));
        assertThrows(ArithmeticException.class, () -> Money.of(Long.MIN_VALUE, "IDR").negate());
        assertThrows(ArithmeticException.class, () -> max.times(2));
    }

    @Test
    void plus_whenCurrenciesDiffer_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> Money.of(1, "IDR").plus(Money.of(1, "USD")));
    }

    @Test
    void constructor_whenCurrencyNotIso_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> Money.of(1, "idr"));
        assertThrows(IllegalArgumentException.class, () -> Money.of(1, "RUPIAH"));
    }

    /** 11% VAT, half-up (away from zero) to the rupiah: the service's one rounding rule. */
    @ParameterizedTest
    @CsvSource({
            "100000, 1100, 11000",
            "50000, 1100, 5500",
            "4, 1250, 1",       // 0.5 → 1 (half rounds up)
            "3, 1250, 0",       // 0.375 → 0
            "5, 1100, 1",       // 0.55 → 1
            "45, 1100, 5",      // 4.95 → 5
            "-4, 1250, -1",     // -0.5 → -1 (half away from zero)
            "-3, 1250, 0",
            "0, 1100, 0",
            "123456789, 1100, 13580247", // 13580246.79 → 13580247
    })
    void percentage_roundsHalfUpOnce(long amount, long basisPoints, long expected) {
        assertEquals(expected, Money.of(amount, "IDR").percentage(basisPoints).amount());
    }

    @Test
    void percentage_whenProductOverflows_throws() {
        assertThrows(ArithmeticException.class, () -> Money.of(Long.MAX_VALUE / 2, "IDR").percentage(1100));
    }

    @ParameterizedTest
    @CsvSource({"10, 4, 3", "9, 4, 2", "-10, 4, -3", "-9, 4, -2", "1, 2, 1", "-1, 2, -1", "0, 7, 0",
            "9223372036854775807, 2, 4611686018427387904"})
    void divideHalfUp_roundsHalfAwayFromZero(long numerator, long denominator, long expected) {
        assertEquals(expected, Rounding.divideHalfUp(numerator, denominator));
    }
}
