package com.platform.billing.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money in the currency's minor unit. IDR has no minor unit in practice, so for IDR one unit is one
 * rupiah. All arithmetic is exact: an overflow throws {@link ArithmeticException} instead of wrapping, and two
 * currencies never mix.
 *
 * <p>The one rounding rule of the service lives in {@link #percentage(long)}: half-up (half away from zero) to the
 * minor unit, applied once per computed amount (a tax, an invoice line), never to intermediate sums.
 */
public record Money(long amount, String currency) implements Comparable<Money> {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** Basis points in one whole: 11% is 1_100 basis points. */
    public static final long BASIS_POINTS = 10_000;

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code, got " + currency);
        }
    }

    public static Money of(long amount, String currency) {
        return new Money(amount, currency);
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(amount, other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(amount, other.amount), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(amount), currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(amount, factor), currency);
    }

    public Money min(Money other) {
        requireSameCurrency(other);
        return amount <= other.amount ? this : other;
    }

    public Money max(Money other) {
        requireSameCurrency(other);
        return amount >= other.amount ? this : other;
    }

    public boolean isZero() {
        return amount == 0;
    }

    public boolean isNegative() {
        return amount < 0;
    }

    public boolean isPositive() {
        return amount > 0;
    }

    /**
     * This amount times {@code basisPoints}/10,000, rounded half-up (half away from zero) to the minor unit. This is
     * the service's single rounding rule.
     */
    public Money percentage(long basisPoints) {
        return new Money(Rounding.divideHalfUp(Math.multiplyExact(amount, basisPoints), BASIS_POINTS), currency);
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(amount, other.amount);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    @Override
    public String toString() {
        return currency + " " + amount;
    }
}
