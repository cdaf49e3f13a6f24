package com.platform.billing.domain.invoice;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.Rounding;
import java.util.Objects;

/**
 * The tax on an invoice: a rate in basis points (Indonesian VAT, PPN, is 11% = 1,100 bp by default) and a
 * {@link TaxMode}. Rounding is the service's one rule (half-up to the minor unit), applied exactly once per invoice,
 * to the tax; subtotal and total follow from it exactly.
 */
public record TaxRule(long rateBasisPoints, TaxMode mode) {

    public static final long DEFAULT_RATE_BASIS_POINTS = 1_100;

    public TaxRule {
        Objects.requireNonNull(mode, "mode");
        if (rateBasisPoints < 0 || rateBasisPoints > Money.BASIS_POINTS) {
            throw new IllegalArgumentException("tax rate must be 0..10000 basis points");
        }
    }

    public static TaxRule indonesianVat() {
        return new TaxRule(DEFAULT_RATE_BASIS_POINTS, TaxMode.ADDED);
    }

    /**
     * The breakdown of a quoted {@code amount} (net in mode ADDED, gross in mode INCLUDED).
     * <ul>
     *   <li>ADDED: tax = half-up(amount · rate / 10,000); subtotal = amount; total = amount + tax.</li>
     *   <li>INCLUDED: tax = half-up(amount · rate / (10,000 + rate)); total = amount; subtotal = amount − tax.</li>
     * </ul>
     */
    public TaxBreakdown apply(Money amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a taxed amount is not negative");
        }
        return switch (mode) {
            case ADDED -> {
                Money tax = amount.percentage(rateBasisPoints);
                yield new TaxBreakdown(amount, tax, amount.plus(tax), rateBasisPoints, mode);
            }
            case INCLUDED -> {
                Money tax = Money.of(Rounding.divideHalfUp(Math.multiplyExact(amount.amount(), rateBasisPoints),
                        Money.BASIS_POINTS + rateBasisPoints), amount.currency());
                yield new TaxBreakdown(amount.minus(tax), tax, amount, rateBasisPoints, mode);
            }
        };
    }

    /** Tax on a net subtotal made of lines (usage, bare metal): always charged on top of the lines' sum. */
    public TaxBreakdown onNetSubtotal(Money subtotal) {
        return new TaxRule(rateBasisPoints, TaxMode.ADDED).apply(subtotal);
    }
}
