package com.platform.billing.domain.invoice;

import java.time.YearMonth;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The human-readable invoice number {@code INV/2026/11/000123}: the billing month (platform time zone) and a
 * sequence that starts at 1 each month. At least six digits, more when a month needs them.
 */
public record InvoiceNumber(String value) {

    private static final Pattern FORMAT = Pattern.compile("INV/([0-9]{4})/([0-9]{2})/([0-9]{6,18})");

    public InvoiceNumber {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid invoice number");
        }
    }

    public static InvoiceNumber of(YearMonth period, long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("invoice sequence starts at 1");
        }
        return new InvoiceNumber(String.format("INV/%04d/%02d/%06d", period.getYear(), period.getMonthValue(),
                sequence));
    }

    public YearMonth period() {
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            throw new IllegalStateException("unreachable");
        }
        return YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public long sequence() {
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            throw new IllegalStateException("unreachable");
        }
        return Long.parseLong(m.group(3));
    }

    @Override
    public String toString() {
        return value;
    }
}
