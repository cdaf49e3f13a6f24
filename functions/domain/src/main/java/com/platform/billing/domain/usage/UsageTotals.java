package com.platform.billing.domain.usage;

import com.platform.billing.domain.Money;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * An org's usage amounts in one (booked) period, per category, in micro-IDR, late usage included. This is the one
 * item "ongoing usage" reads.
 *
 * @param records how many records were added (the invoicing run may condition on it to see none slipped in)
 */
public record UsageTotals(String orgId, YearMonth period, Map<SkuCategory, Long> amountMicrosByCategory,
                          long records) {

    public UsageTotals {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(period, "period");
        EnumMap<SkuCategory, Long> copy = new EnumMap<>(SkuCategory.class);
        copy.putAll(amountMicrosByCategory);
        amountMicrosByCategory = Map.copyOf(copy);
    }

    public static UsageTotals empty(String orgId, YearMonth period) {
        return new UsageTotals(orgId, period, Map.of(), 0);
    }

    public long amountMicros(SkuCategory category) {
        return amountMicrosByCategory.getOrDefault(category, 0L);
    }

    /** Every category. */
    public long totalMicros() {
        long sum = 0;
        for (long amount : amountMicrosByCategory.values()) {
            sum = Math.addExact(sum, amount);
        }
        return sum;
    }

    /** The categories that count in ongoing usage (bare metal and object storage do not). */
    public long ongoingMicros() {
        long sum = 0;
        for (Map.Entry<SkuCategory, Long> entry : amountMicrosByCategory.entrySet()) {
            if (entry.getKey().countsInOngoingUsage()) {
                sum = Math.addExact(sum, entry.getValue());
            }
        }
        return sum;
    }

    /** Ongoing usage in the currency's minor unit: the micro-IDR sum, rounded half-up once. */
    public Money ongoingUsage(String currency) {
        return Micros.toMoney(ongoingMicros(), currency);
    }
}
