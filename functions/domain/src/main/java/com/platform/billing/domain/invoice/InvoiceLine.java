package com.platform.billing.domain.invoice;

import com.platform.billing.domain.Money;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of an invoice. {@code amount} is already rounded (once, half-up) and is what the subtotal sums.
 *
 * @param sku              the catalogue SKU, or "" (top-up lines have none)
 * @param quantity         how many units (exact decimal, never a float)
 * @param unit             the unit ("credit", "hour", "GB-month", "month"…)
 * @param unitPriceMicros  the price of one unit in millionths of the currency's minor unit, or 0 when not priced
 *                         per unit
 */
public record InvoiceLine(String description, String sku, BigDecimal quantity, String unit, long unitPriceMicros,
                          Money amount) {

    public InvoiceLine {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(amount, "amount");
    }

    /** A single line for an amount (one unit of it). */
    public static InvoiceLine single(String description, String unit, Money amount) {
        return new InvoiceLine(description, "", BigDecimal.ONE, unit, 0, amount);
    }
}
