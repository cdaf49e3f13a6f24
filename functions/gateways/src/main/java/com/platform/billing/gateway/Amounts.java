package com.platform.billing.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.domain.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * Turns a gateway's amount (a decimal string such as Midtrans' {@code "200000.00"}, or a JSON number such as
 * Xendit's {@code paid_amount}) into exact {@link Money}. Nothing is ever rounded: an amount with more precision than
 * the currency's minor unit (for IDR, any non-zero fraction) is refused.
 */
public final class Amounts {

    private static final Pattern DECIMAL = Pattern.compile("\\d{1,20}(\\.\\d{1,10})?");

    private Amounts() {
    }

    /** Digits of the minor unit as this service counts it: IDR has none (one unit is one rupiah). */
    public static int minorDigits(String currency) {
        if ("IDR".equals(currency)) {
            return 0;
        }
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return Math.max(digits, 0);
    }

    /** Checks a currency code the way {@link Money} will, so a bad code is refused as input rather than a crash. */
    public static String currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("not an ISO 4217 currency code");
        }
        try {
            Currency.getInstance(code);
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("unknown currency code");
        }
        return code;
    }

    /** {@code "200000.00"} in IDR → IDR 200000; {@code "200000.50"} → refused. */
    public static Money fromDecimalString(String text, String currency) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("amount is not a non-negative decimal number");
        }
        return fromDecimal(new BigDecimal(text), currency);
    }

    /** A JSON number (integer or decimal) → exact Money; strings, fractions of the minor unit and negatives refused. */
    public static Money fromJsonNumber(JsonNode node, String currency) {
        if (node == null || !node.isNumber()) {
            throw new IllegalArgumentException("amount is not a JSON number");
        }
        if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
            // A binary double may already have lost digits; only exact decimals are trusted.
            return fromDecimal(new BigDecimal(node.asText()), currency);
        }
        return fromDecimal(node.decimalValue(), currency);
    }

    private static Money fromDecimal(BigDecimal value, String currency) {
        currency(currency);
        if (value.signum() < 0) {
            throw new IllegalArgumentException("amount is negative");
        }
        BigDecimal minor = value.movePointRight(minorDigits(currency)).stripTrailingZeros();
        if (minor.scale() > 0) {
            throw new IllegalArgumentException("amount has a fraction of the currency's minor unit");
        }
        try {
            return Money.of(minor.longValueExact(), currency);
        } catch (ArithmeticException tooLarge) {
            throw new IllegalArgumentException("amount is too large");
        }
    }
}
