package com.platform.billing.domain.usage;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.Rounding;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fixed-point numbers in millionths, the precision of usage: quantities in micro-units (6 decimals) and amounts in
 * micro-IDR (millionths of the currency's minor unit). All long arithmetic, overflow checked; never a double.
 *
 * <p>Quantity input, exactly: a JSON string of digits with an optional point and decimals
 * ({@code [0-9]+(\.[0-9]+)?}: no sign, exponent, spaces or thousands separators), or a JSON number (any JSON number
 * syntax, read as its exact decimal value, never as a double). Either way the value must be a whole number of
 * millionths: at most 6 decimal places once trailing zeros are dropped ({@code "2.5"}, {@code 2.50},
 * {@code "0.000001"}, {@code 1e3}, {@code "1.0000000"} are accepted; {@code "0.0000001"} and {@code 1.0000005} are
 * refused as too many decimals rather than rounded). Zero is allowed; negative is refused; at most
 * {@link #MAX_QUANTITY_MICROS} micro-units.
 */
public final class Micros {

    public static final long SCALE = 1_000_000L;
    /** One billion units per record. */
    public static final long MAX_QUANTITY_MICROS = 1_000_000_000L * SCALE;

    private static final Pattern DECIMAL = Pattern.compile("([0-9]+)(?:\\.([0-9]+))?");
    private static final int MAX_WHOLE_DIGITS = 10;

    private Micros() {
    }

    /** Why a quantity was refused. */
    public enum QuantityProblem { INVALID, NEGATIVE, TOO_MANY_DECIMALS, TOO_LARGE }

    /** A refused quantity; cheap (no stack trace), it is control flow of validation. */
    public static final class QuantityException extends RuntimeException {
        private final QuantityProblem problem;

        QuantityException(QuantityProblem problem) {
            super(problem.name(), null, false, false);
            this.problem = problem;
        }

        public QuantityProblem problem() {
            return problem;
        }
    }

    /** A quantity written as a decimal string, in micro-units. */
    public static long parseQuantity(String text) {
        if (text == null || text.isEmpty()) {
            throw new QuantityException(QuantityProblem.INVALID);
        }
        if (text.charAt(0) == '-' && DECIMAL.matcher(text.substring(1)).matches()) {
            throw new QuantityException(QuantityProblem.NEGATIVE);
        }
        Matcher m = DECIMAL.matcher(text);
        if (!m.matches()) {
            throw new QuantityException(QuantityProblem.INVALID);
        }
        String fraction = m.group(2) == null ? "" : m.group(2).replaceFirst("0+$", "");
        if (fraction.length() > 6) {
            throw new QuantityException(QuantityProblem.TOO_MANY_DECIMALS);
        }
        String whole = m.group(1).replaceFirst("^0+(?=.)", "");
        if (whole.length() > MAX_WHOLE_DIGITS) {
            throw new QuantityException(QuantityProblem.TOO_LARGE);
        }
        long micros = Math.addExact(Math.multiplyExact(Long.parseLong(whole), SCALE),
                Long.parseLong((fraction + "000000").substring(0, 6)));
        return requireInRange(micros);
    }

    /** A quantity given as a JSON number (its exact decimal value), in micro-units. */
    public static long quantityOf(BigDecimal written) {
        if (written.signum() < 0) {
            throw new QuantityException(QuantityProblem.NEGATIVE);
        }
        BigDecimal value = written.stripTrailingZeros();
        if (value.scale() > 6) {
            throw new QuantityException(QuantityProblem.TOO_MANY_DECIMALS);
        }
        // Digits before the point, without expanding an exponent such as 1e999999999.
        if (value.signum() != 0 && value.precision() - value.scale() > MAX_WHOLE_DIGITS) {
            throw new QuantityException(QuantityProblem.TOO_LARGE);
        }
        return requireInRange(value.movePointRight(6).longValueExact());
    }

    private static long requireInRange(long micros) {
        if (micros > MAX_QUANTITY_MICROS) {
            throw new QuantityException(QuantityProblem.TOO_LARGE);
        }
        return micros;
    }

    /** {@code 2500000} → {@code "2.5"}; {@code 3000000} → {@code "3"}; exact, no trailing zeros. */
    public static String format(long micros) {
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString();
    }

    /**
     * The amount of {@code quantityMicros} units at {@code unitPriceMicros} per unit, in micro-IDR:
     * {@code quantity × price / 10^6}. Exact long arithmetic; the only rounding is of the part below one micro-IDR,
     * half-up by {@link Rounding#divideHalfUp} (the service's one rule), so a rated record is off by at most
     * 0.5 micro-IDR.
     *
     * @throws ArithmeticException when the amount does not fit a long
     */
    public static long amount(long quantityMicros, long unitPriceMicros) {
        if (quantityMicros < 0 || unitPriceMicros < 0) {
            throw new IllegalArgumentException("quantity and price must not be negative");
        }
        // q = a·10^6 + b and p = c·10^6 + d, so q·p/10^6 = a·p + b·c + b·d/10^6: only b·d/10^6 has a fraction,
        // and b·d < 10^12 never overflows.
        long a = quantityMicros / SCALE;
        long b = quantityMicros % SCALE;
        long c = unitPriceMicros / SCALE;
        long d = unitPriceMicros % SCALE;
        return Math.addExact(Math.addExact(Math.multiplyExact(a, unitPriceMicros), Math.multiplyExact(b, c)),
                Rounding.divideHalfUp(b * d, SCALE));
    }

    /** Micro-amounts to money in the minor unit, rounded once, half-up. */
    public static Money toMoney(long amountMicros, String currency) {
        return Money.of(Rounding.divideHalfUp(amountMicros, SCALE), currency);
    }
}
