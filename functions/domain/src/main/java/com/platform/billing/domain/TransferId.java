package com.platform.billing.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A transfer's id, derived from its cause ({@code topup:{orderId}}, {@code adjustment:{orgId}:{idempotencyKey}} …), so
 * that the same cause always produces the same id and the ledger applies it at most once.
 */
public record TransferId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:_.~-]{0,199}");

    public TransferId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid transfer id");
        }
    }

    /** Joins the parts of a cause with ':'; each part must itself be key-safe. */
    public static TransferId of(String cause, String... parts) {
        StringBuilder id = new StringBuilder(cause);
        for (String part : parts) {
            id.append(':').append(part);
        }
        return new TransferId(id.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
