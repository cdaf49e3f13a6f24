package com.platform.billing.domain.voucher;

import com.platform.billing.domain.InvalidRequestException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A voucher code in normalized form. Codes are compared case-insensitively and without separators: the input is
 * trimmed, spaces and hyphens are removed and letters upper-cased, so {@code " abcd-efgh-jkmn-pqrs "} and
 * {@code "ABCDEFGHJKMNPQRS"} are the same code. A normalized code is 8 to 32 characters of A-Z and 0-9.
 *
 * <p>Random codes use a 32-symbol alphabet without the look-alikes 0/O and 1/I, 16 symbols long: 5 bits each, 80
 * bits in all, printed in groups of four ({@code 7KQ2-…}).
 *
 * <p>{@link #toString()} is masked on purpose, so a code never reaches a log line by accident.
 */
public final class VoucherCode {

    /** 32 symbols, so each carries exactly 5 bits: digits 2-9 and A-Z without I and O. */
    public static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    /** 16 symbols of 5 bits: 80 bits of entropy. */
    public static final int RANDOM_LENGTH = 16;
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 32;
    /** Input longer than this (before normalization) is refused outright. */
    public static final int MAX_INPUT_LENGTH = 64;
    /** How many characters stay readable in a masked code. */
    public static final int CLEAR_SUFFIX = 4;

    private static final Pattern NORMALIZED = Pattern.compile("[A-Z0-9]{" + MIN_LENGTH + "," + MAX_LENGTH + "}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]+");

    private final String normalized;

    private VoucherCode(String normalized) {
        this.normalized = normalized;
    }

    /**
     * Reads a code as a caller typed it. Input that can never be a code (empty, too long, other characters) is an
     * {@link InvalidRequestException} on field {@code field}: it tests no code, so it is refused before any lookup.
     */
    public static VoucherCode parse(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidRequestException(field, field + " is required.");
        }
        if (raw.length() > MAX_INPUT_LENGTH) {
            throw new InvalidRequestException(field, field + " is too long (a voucher code has at most "
                    + MAX_LENGTH + " letters and digits).");
        }
        String normalized = SEPARATORS.matcher(raw.strip()).replaceAll("").toUpperCase(Locale.ROOT);
        if (!NORMALIZED.matcher(normalized).matches()) {
            throw new InvalidRequestException(field, field + " must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " letters and digits (hyphens and spaces are ignored).");
        }
        return new VoucherCode(normalized);
    }

    /** A fresh random code of {@link #RANDOM_LENGTH} symbols from {@link #ALPHABET}. */
    public static VoucherCode random(SecureRandom random) {
        char[] symbols = new char[RANDOM_LENGTH];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new VoucherCode(new String(symbols));
    }

    /** The code as compared and hashed. */
    public String normalized() {
        return normalized;
    }

    /** The last four characters, the only part ever stored or shown in clear. */
    public String lastFour() {
        return normalized.substring(normalized.length() - CLEAR_SUFFIX);
    }

    /** The full code grouped by four for printing ({@code ABCD-EFGH-JKMN-PQRS}); shown once, at creation. */
    public String display() {
        StringBuilder out = new StringBuilder(normalized.length() + normalized.length() / 4);
        for (int i = 0; i < normalized.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                out.append('-');
            }
            out.append(normalized.charAt(i));
        }
        return out.toString();
    }

    /** A code as shown in lists: everything but the last four characters hidden, e.g. {@code ****PQRS}. */
    public static String masked(String lastFour) {
        return "****" + lastFour;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VoucherCode code && code.normalized.equals(normalized);
    }

    @Override
    public int hashCode() {
        return Objects.hash(normalized);
    }

    @Override
    public String toString() {
        return masked(lastFour());
    }
}
