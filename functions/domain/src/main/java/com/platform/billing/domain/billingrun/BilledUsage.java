package com.platform.billing.domain.billingrun;

import java.time.YearMonth;
import java.util.Objects;

/**
 * One usage aggregate line of an org's booked period, as the usage workstream wrote it (one SKU at one price version
 * from one usage period): the input of a monthly invoice line. Amounts in micro-IDR (1/1,000,000 of the minor unit).
 *
 * @param category     the SKU category wire name ({@code compute}, {@code object_storage}, {@code bare_metal}…)
 * @param usagePeriod  the month the usage belongs to; differs from the booked period only for late usage
 */
public record BilledUsage(String sku, String category, String unit, long quantityMicros, long unitPriceMicros,
                          long amountMicros, YearMonth usagePeriod, boolean late) {

    public static final String BARE_METAL = "bare_metal";

    public BilledUsage {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(usagePeriod, "usagePeriod");
        if (quantityMicros < 0 || unitPriceMicros < 0 || amountMicros < 0) {
            throw new IllegalArgumentException("usage figures are not negative");
        }
    }

    /** Bare metal is charged up front for its term (issue 6), never on the monthly invoice. */
    public boolean invoiced() {
        return !BARE_METAL.equals(category);
    }
}
