package com.platform.billing.domain.usage;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;

/** An org's usage in one period: lines (sorted by SKU, then usage period, then price date) and totals. */
public record UsageBreakdown(String orgId, YearMonth period, List<UsageLine> lines, UsageTotals totals) {

    public UsageBreakdown {
        lines = lines.stream().sorted(Comparator.comparing(UsageLine::sku).thenComparing(UsageLine::usagePeriod)
                .thenComparing(UsageLine::priceEffectiveFrom)).toList();
    }
}
