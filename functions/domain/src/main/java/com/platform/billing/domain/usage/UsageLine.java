package com.platform.billing.domain.usage;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * One aggregate of a booked period: the usage of one SKU at one price (the version effective from
 * {@code priceEffectiveFrom}) from one usage period. A price change within the month makes a second line, so each
 * line has a single unit price; late usage (its own period already invoiced) makes a line of its own, marked with
 * the period it belongs to.
 *
 * @param amountMicros the sum of the records' rated amounts (each exact to 0.5 micro-IDR)
 */
public record UsageLine(String sku, SkuCategory category, UsageUnit unit, YearMonth bookedPeriod,
                        YearMonth usagePeriod, LocalDate priceEffectiveFrom, long unitPriceMicros,
                        long quantityMicros, long amountMicros, long records) {

    public boolean late() {
        return !usagePeriod.equals(bookedPeriod);
    }
}
