package com.platform.billing.domain;

/**
 * The service's single rounding rule: <b>half-up, half away from zero, to the minor unit</b>, applied once to each
 * computed amount (a tax on a subtotal, an invoice line from a fractional unit price), never to running sums.
 * Everything is long arithmetic; overflow throws.
 */
public final class Rounding {

    private Rounding() {
    }

    /** {@code numerator / denominator} rounded half away from zero. {@code denominator} must be positive. */
    public static long divideHalfUp(long numerator, long denominator) {
        if (denominator <= 0) {
            throw new IllegalArgumentException("denominator must be positive");
        }
        long quotient = numerator / denominator;
        long remainder = numerator % denominator;
        // Compare 2*|remainder| with the denominator without overflowing: |remainder| < denominator.
        long absRemainder = Math.abs(remainder);
        if (absRemainder >= denominator - absRemainder) {
            quotient = numerator < 0 ? Math.subtractExact(quotient, 1) : Math.addExact(quotient, 1);
        }
        return quotient;
    }
}
