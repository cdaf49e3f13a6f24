package com.platform.billing.domain.baremetal;

import com.platform.billing.domain.Money;
import java.util.Map;
import java.util.TreeMap;

/**
 * Optional discounts for longer terms, in basis points off the monthly price, per term length (e.g. 12 months: 1,000
 * = 10% off). Configured as {@code "6:500,12:1000"}; a term length not listed has no discount. The discounted monthly
 * price is rounded once, half-up ({@link Money#percentage}); the term amount is that price times the months, so the
 * invoice line's quantity × unit price is exactly its amount.
 */
public record TermDiscounts(Map<Integer, Long> basisPointsByMonths) {

    public TermDiscounts {
        basisPointsByMonths = Map.copyOf(basisPointsByMonths);
        basisPointsByMonths.forEach((months, bp) -> {
            BareMetalTerm.requireAllowed(months);
            if (bp < 0 || bp >= Money.BASIS_POINTS) {
                throw new IllegalArgumentException("a term discount is 0..9999 basis points");
            }
        });
    }

    public static TermDiscounts none() {
        return new TermDiscounts(Map.of());
    }

    /** Parses {@code "6:500,12:1000"} (blank = none). */
    public static TermDiscounts parse(String text) {
        Map<Integer, Long> parsed = new TreeMap<>();
        if (text != null && !text.isBlank()) {
            for (String pair : text.split(",")) {
                String[] parts = pair.trim().split(":");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("term discounts are written months:basisPoints,…");
                }
                parsed.put(Integer.parseInt(parts[0].trim()), Long.parseLong(parts[1].trim()));
            }
        }
        return new TermDiscounts(parsed);
    }

    public long basisPoints(int months) {
        return basisPointsByMonths.getOrDefault(months, 0L);
    }

    /** The monthly price for a term of {@code months}: the list price less the term's discount, rounded half-up. */
    public Money monthlyPrice(Money listPrice, int months) {
        return listPrice.percentage(Money.BASIS_POINTS - basisPoints(months));
    }
}
