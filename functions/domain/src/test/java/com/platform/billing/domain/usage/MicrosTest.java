package com.platform.billing.domain.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MicrosTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "1, 1000000",
        "2.5, 2500000",
        "0.000001, 1",
        "007.250, 7250000",
        "1.0000000, 1000000",
        "1000000000, 1000000000000000",
    })
    void parseQuantity_whenValidDecimalText_givesExactMicros(String text, long micros) {
        assertEquals(micros, Micros.parseQuantity(text));
    }

    @ParameterizedTest
    @CsvSource({
        "-1, NEGATIVE",
        "-0.5, NEGATIVE",
        "0.0000001, TOO_MANY_DECIMALS",
        "1.0000005, TOO_MANY_DECIMALS",
        "1000000000.000001, TOO_LARGE",
        "99999999999999999999999, TOO_LARGE",
        "1e3, INVALID",
        "+1, INVALID",
        "' 1', INVALID",
        "1., INVALID",
        ".5, INVALID",
        "'1,5', INVALID",
        "NaN, INVALID",
    })
    void parseQuantity_whenRefused_saysWhy(String text, Micros.QuantityProblem problem) {
        var refused = assertThrows(Micros.QuantityException.class, () -> Micros.parseQuantity(text));
        assertEquals(problem, refused.problem());
    }

    @ParameterizedTest
    @CsvSource({
        "2, 2000000",
        "2.50, 2500000",
        "1e3, 1000000000",
        "1.5e-3, 1500",
        "0.0000010, 1",
    })
    void quantityOf_whenJsonNumberIsWholeMillionths_givesExactMicros(String written, long micros) {
        assertEquals(micros, Micros.quantityOf(new BigDecimal(written)));
    }

    @ParameterizedTest
    @CsvSource({
        "-0.1, NEGATIVE",
        "0.0000001, TOO_MANY_DECIMALS",
        "1e-7, TOO_MANY_DECIMALS",
        "1e999999999, TOO_LARGE",
        "1000000001, TOO_LARGE",
    })
    void quantityOf_whenRefused_saysWhyWithoutExpandingExponents(String written, Micros.QuantityProblem problem) {
        var refused = assertThrows(Micros.QuantityException.class, () -> Micros.quantityOf(new BigDecimal(written)));
        assertEquals(problem, refused.problem());
    }

    @Test
    void format_whenMicros_givesShortestExactDecimal() {
        assertEquals("2.5", Micros.format(2_500_000));
        assertEquals("3", Micros.format(3_000_000));
        assertEquals("0.000001", Micros.format(1));
        assertEquals("0", Micros.format(0));
    }

    @Test
    void amount_whenWholeUnits_isQuantityTimesPrice() {
        // 3 hours at IDR 1,250 per hour = IDR 3,750.
        assertEquals(3_750_000_000L, Micros.amount(3_000_000, 1_250_000_000));
    }

    @Test
    void amount_whenFractionalQuantityAndPrice_isExactToTheMicro() {
        // 2.5 units × IDR 0.333333 = IDR 0.8333325 = 833,332.5 micro-IDR, rounded half-up once → 833,333.
        assertEquals(833_333, Micros.amount(2_500_000, 333_333));
        // 0.171233 GB-month × IDR 450 = IDR 77.05485 exactly.
        assertEquals(77_054_850, Micros.amount(171_233, 450_000_000));
    }

    @Test
    void amount_whenBelowOneMicro_roundsHalfUpOnce() {
        // 0.000001 units × 500,000 micro-IDR = 0.5 micro-IDR → 1.
        assertEquals(1, Micros.amount(1, 500_000));
        // 0.000001 × 499,999 micro = 0.499999 micro → 0.
        assertEquals(0, Micros.amount(1, 499_999));
        // 1.000001 × 1.5 IDR = 1.5000015 IDR = 1,500,001.5 micro → 1,500,002.
        assertEquals(1_500_002, Micros.amount(1_000_001, 1_500_000));
    }

    @Test
    void amount_whenLargeButRepresentable_staysExactWhereANaiveProductWouldOverflow() {
        // 1,000,000 units × IDR 20,000,000 = IDR 2e13 = 2e19 micro-IDR: beyond a long, refused.
        assertThrows(ArithmeticException.class, () -> Micros.amount(1_000_000_000_000L, 20_000_000_000_000L));
        // 1,000 units × IDR 20,000,000.123456: q·p = 2e22 overflows a naive long product; the result,
        // 2.0000000123456e16 micro-IDR, does not.
        assertEquals(20_000_000_123_456_000L, Micros.amount(1_000_000_000L, 20_000_000_123_456L));
    }

    @Test
    void toMoney_whenMicroSum_roundsHalfUpToTheMinorUnit() {
        assertEquals(2, Micros.toMoney(1_500_000, "IDR").amount());
        assertEquals(1, Micros.toMoney(1_499_999, "IDR").amount());
        assertEquals(0, Micros.toMoney(0, "IDR").amount());
    }
}
