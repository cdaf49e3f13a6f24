package com.platform.billing.domain.usage;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A usage store in memory with the DynamoDB store's semantics, for domain unit tests. */
final class InMemoryUsageStore implements UsageStore {

    final Set<String> accounts = new HashSet<>();
    final Set<String> closed = new HashSet<>();
    final Map<String, StoredUsage> markers = new HashMap<>();
    final Map<String, Map<SkuCategory, Long>> totals = new HashMap<>();
    final List<String> billable = new ArrayList<>();
    RuntimeException failNext;

    @Override
    public Outcome record(RatedUsage usage, YearMonth booked, String recordedBy, Instant now) {
        if (failNext != null) {
            RuntimeException failure = failNext;
            failNext = null;
            throw failure;
        }
        String marker = usage.orgId() + "/" + usage.id();
        if (markers.containsKey(marker)) {
            return new AlreadyRecorded(markers.get(marker));
        }
        if (!accounts.contains(usage.orgId())) {
            return new UnknownOrg();
        }
        if (closed.contains(usage.orgId() + "/" + booked)) {
            return new PeriodClosed(booked);
        }
        markers.put(marker, new StoredUsage(usage.fingerprint(), usage.usagePeriod(), booked, usage.amountMicros()));
        totals.computeIfAbsent(usage.orgId() + "/" + booked, k -> new EnumMap<>(SkuCategory.class))
                .merge(usage.sku().category(), usage.amountMicros(), Long::sum);
        if (!billable.contains(usage.orgId() + "/" + booked)) {
            billable.add(usage.orgId() + "/" + booked);
        }
        return new Recorded();
    }

    @Override
    public Optional<UsageTotals> totals(String orgId, YearMonth period) {
        Map<SkuCategory, Long> amounts = totals.get(orgId + "/" + period);
        return amounts == null ? Optional.empty() : Optional.of(new UsageTotals(orgId, period, amounts, 0));
    }

    @Override
    public UsageBreakdown breakdown(String orgId, YearMonth period) {
        return new UsageBreakdown(orgId, period, List.of(), totals(orgId, period)
                .orElse(UsageTotals.empty(orgId, period)));
    }
}
