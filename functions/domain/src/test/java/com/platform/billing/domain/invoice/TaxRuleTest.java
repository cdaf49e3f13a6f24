package com.platform.billing.domain.invoice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.platform.billing.domain.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaxRuleTest {

    private static Money idr(long amount) {
        return Money.of(amount, "IDR");
    }

    @ParameterizedTest(name = "ADDED {0} at {1} bp -> tax {2}")
    @CsvSource({
            // exact
            "100000, 1100, 11000",
            "50000, 1100, 5500",
            // 50,005 * 11% = 5,500.55 -> 5,501 (above half)
            "50005, 1100, 5501",
            // 50,050 * 11% = 5,505.50 -> exactly half -> up: 5,506
            "50050, 1100, 5506",
            // 50,004 * 11% = 5,500.44 -> 5,500 (below half)
            "50004, 1100, 5500",
            // 1 * 11% = 0.11 -> 0; 5 * 11% = 0.55 -> 1
            "1, 1100, 0",
            "5, 1100, 1",
            // zero rate and the maximum top-up
            "100000000, 0, 0",
            "100000000, 1100, 11000000",
    })
    void apply_whenAdded_taxIsOnTopRoundedHalfUpOnce(long amount, long rate, long tax) {
        TaxBreakdown breakdown = new TaxRule(rate, TaxMode.ADDED).apply(idr(amount));
        assertEquals(idr(amount), breakdown.subtotal());
        assertEquals(idr(tax), breakdown.tax());
        assertEquals(idr(amount + tax), breakdown.total());
    }

    @ParameterizedTest(name = "INCLUDED {0} at {1} bp -> tax {2}")
    @CsvSource({
            // 111,000 gross at 11% = 100,000 net + 11,000 tax exactly
            "111000, 1100, 11000",
            // 100,000 * 1100 / 11100 = 9,909.909.. -> 9,910
            "100000, 1100, 9910",
            // 50,000 * 1100 / 11100 = 4,954.95.. -> 4,955
            "50000, 1100, 4955",
            // 12%: 49,994 * 1200 / 11200 = 5,356.5 exactly half -> up: 5,357
            "49994, 1200, 5357",
            // 12%: 49,993 * 1200 / 11200 = 5,356.39 -> 5,356
            "49993, 1200, 5356",
            // 12%: 14 * 3 / 28 = 1.5 -> 2 (smallest half case)
            "14, 1200, 2",
            "1, 1100, 0",
            "100000000, 1100, 9909910",
    })
    void apply_whenIncluded_taxIsInsideRoundedHalfUpOnce(long amount, long rate, long tax) {
        TaxBreakdown breakdown = new TaxRule(rate, TaxMode.INCLUDED).apply(idr(amount));
        assertEquals(idr(amount), breakdown.total());
        assertEquals(idr(tax), breakdown.tax());
        assertEquals(idr(amount - tax), breakdown.subtotal());
    }

    @Test
    void apply_whenIncludedNetIsTaxedAgain_givesBackTheSameTax() {
        // The included tax is the tax the net amount would carry with tax added: the two modes agree.
        TaxRule included = new TaxRule(1100, TaxMode.INCLUDED);
        TaxRule added = new TaxRule(1100, TaxMode.ADDED);
        for (long gross = 50_000; gross < 52_000; gross++) {
            TaxBreakdown inside = included.apply(idr(gross));
            TaxBreakdown onTop = added.apply(inside.subtotal());
            assertEquals(inside.tax().amount(), onTop.tax().amount(), 1, "gross " + gross);
        }
    }

    @Test
    void indonesianVat_is11PercentAdded() {
        assertEquals(new TaxRule(1100, TaxMode.ADDED), TaxRule.indonesianVat());
    }

    @Test
    void constructor_whenRateOutOfRange_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TaxRule(-1, TaxMode.ADDED));
        assertThrows(IllegalArgumentException.class, () -> new TaxRule(10_001, TaxMode.ADDED));
    }

    @Test
    void apply_whenAmountIsHuge_overflowThrowsInsteadOfWrapping() {
        assertThrows(ArithmeticException.class,
                () -> new TaxRule(1100, TaxMode.ADDED).apply(idr(Long.MAX_VALUE / 100)));
    }
}
