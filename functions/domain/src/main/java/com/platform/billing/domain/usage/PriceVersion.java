package com.platform.billing.domain.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One price of an SKU: {@code unitPriceMicros} millionths of the currency's minor unit (micro-IDR) per unit, in
 * effect from 00:00 of {@code effectiveFrom} in the platform time zone until the next version's date.
 *
 * @param setBy who set it (an admin's subject)
 * @param setAt when it was set
 */
public record PriceVersion(String sku, long unitPriceMicros, LocalDate effectiveFrom, String setBy, Instant setAt) {

    /** 10^15 micro-IDR = IDR 1,000,000,000 per unit: far above any real price, far below overflow. */
    public static final long MAX_UNIT_PRICE_MICROS = 1_000_000_000_000_000L;

    public PriceVersion {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(setBy, "setBy");
        Objects.requireNonNull(setAt, "setAt");
        if (unitPriceMicros < 0 || unitPriceMicros > MAX_UNIT_PRICE_MICROS) {
            throw new IllegalArgumentException("unit price out of range");
        }
    }

    /** Same price on the same date (who set it and when do not matter). */
    public boolean samePriceAs(PriceVersion other) {
        return unitPriceMicros == other.unitPriceMicros && effectiveFrom.equals(other.effectiveFrom);
    }
}
