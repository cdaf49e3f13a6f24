package com.platform.billing.domain.usage;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An SKU's identity: its id, category and unit. These never change once the SKU has a price, because the month's
 * aggregates sum quantities of one unit and the category decides where the amounts count.
 */
public record SkuDefinition(String sku, SkuCategory category, UsageUnit unit) {

    /** Lower-case, key-safe: {@code compute.standard-2}, {@code object-storage.gb-month}. */
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public SkuDefinition {
        if (!isValidId(sku)) {
            throw new IllegalArgumentException("invalid sku id");
        }
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(unit, "unit");
    }

    public static boolean isValidId(String sku) {
        return sku != null && VALID.matcher(sku).matches();
    }
}
