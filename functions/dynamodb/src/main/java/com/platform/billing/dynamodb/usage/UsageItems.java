package com.platform.billing.dynamodb.usage;

import com.platform.billing.domain.usage.RatedUsage;
import com.platform.billing.domain.usage.SkuCategory;
import com.platform.billing.domain.usage.UsageLine;
import com.platform.billing.domain.usage.UsageStore;
import com.platform.billing.domain.usage.UsageTotals;
import com.platform.billing.domain.usage.UsageUnit;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Mapping of the usage items: record markers, lines, period totals, billable-index entries. */
final class UsageItems {

    static final String RECORD_TYPE = "USAGE_RECORD";
    static final String LINE_TYPE = "USAGE_LINE";
    static final String TOTAL_TYPE = "USAGE_TOTAL";
    static final String BILLABLE_TYPE = "BILLABLE";
    /** On the TOTAL item, one number attribute per category: {@code amountMicros_compute}… */
    static final String CATEGORY_AMOUNT_PREFIX = "amountMicros_";

    private UsageItems() {
    }

    static Map<String, AttributeValue> recordKey(String orgId, String recordId) {
        return Items.key(Keys.usageRecordPk(orgId, recordId), Keys.usageRecordSk());
    }

    static Map<String, AttributeValue> recordItem(RatedUsage usage, YearMonth booked, String recordedBy,
                                                  Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(recordKey(usage.orgId(), usage.id()));
        item.put(Keys.TYPE, Items.s(RECORD_TYPE));
        item.put(Keys.GSI1PK, Items.s(Keys.usageRecordsGsi1Pk(usage.orgId(), booked)));
        item.put(Keys.GSI1SK, Items.s(Items.formatTime(usage.start()) + "#" + usage.id()));
        item.put("orgId", Items.s(usage.orgId()));
        item.put("recordId", Items.s(usage.id()));
        item.put("resourceId", Items.s(usage.resourceId()));
        item.put("sku", Items.s(usage.sku().sku()));
        item.put("category", Items.s(usage.sku().category().wire()));
        item.put("unit", Items.s(usage.sku().unit().wire()));
        item.put("quantityMicros", Items.n(usage.quantityMicros()));
        item.put("start", Items.time(usage.start()));
        item.put("end", Items.time(usage.end()));
        item.put("usagePeriod", Items.s(usage.usagePeriod().toString()));
        item.put("bookedPeriod", Items.s(booked.toString()));
        item.put("late", AttributeValue.fromBool(!booked.equals(usage.usagePeriod())));
        item.put("priceEffectiveFrom", Items.s(usage.price().effectiveFrom().toString()));
        item.put("unitPriceMicros", Items.n(usage.price().unitPriceMicros()));
        item.put("amountMicros", Items.n(usage.amountMicros()));
        item.put("fingerprint", Items.s(usage.fingerprint()));
        item.put("recordedBy", Items.s(recordedBy));
        item.put("recordedAt", Items.time(now));
        return item;
    }

    static UsageStore.StoredUsage storedFrom(Map<String, AttributeValue> item) {
        return new UsageStore.StoredUsage(Items.str(item, "fingerprint"),
                YearMonth.parse(Items.str(item, "usagePeriod")), YearMonth.parse(Items.str(item, "bookedPeriod")),
                Items.num(item, "amountMicros"));
    }

    static UsageLine lineFrom(Map<String, AttributeValue> item) {
        return new UsageLine(Items.str(item, "sku"), SkuCategory.fromWire(Items.str(item, "category"), "category"),
                UsageUnit.fromWire(Items.str(item, "unit"), "unit"), YearMonth.parse(Items.str(item, "period")),
                YearMonth.parse(Items.str(item, "usagePeriod")), LocalDate.parse(Items.str(item, "priceEffectiveFrom")),
                Items.num(item, "unitPriceMicros"), Items.num(item, "quantityMicros"), Items.num(item, "amountMicros"),
                Items.num(item, "records"));
    }

    static UsageTotals totalsFrom(String orgId, YearMonth period, Map<String, AttributeValue> item) {
        Map<SkuCategory, Long> amounts = new EnumMap<>(SkuCategory.class);
        for (SkuCategory category : SkuCategory.values()) {
            AttributeValue value = item.get(CATEGORY_AMOUNT_PREFIX + category.wire());
            if (value != null && value.n() != null) {
                amounts.put(category, Long.parseLong(value.n()));
            }
        }
        AttributeValue records = item.get("records");
        return new UsageTotals(orgId, period, amounts, records == null || records.n() == null ? 0
                : Long.parseLong(records.n()));
    }
}
