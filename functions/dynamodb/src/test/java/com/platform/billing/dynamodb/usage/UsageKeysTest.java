package com.platform.billing.dynamodb.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.domain.usage.PriceVersion;
import com.platform.billing.domain.usage.RatedUsage;
import com.platform.billing.domain.usage.SkuCategory;
import com.platform.billing.domain.usage.SkuDefinition;
import com.platform.billing.domain.usage.UsageStore;
import com.platform.billing.domain.usage.UsageUnit;
import com.platform.billing.dynamodb.Keys;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Usage and catalogue key formats, and item mapping round-trips. */
class UsageKeysTest {

    private static final Instant T = Instant.parse("2026-11-27T04:05:06.789Z");
    private static final YearMonth NOV = YearMonth.parse("2026-11");

    @Test
    void keys_haveTheDocumentedFormats() {
        assertEquals("CATALOGUE", Keys.cataloguePk());
        assertEquals("SKU#compute.small", Keys.skuSk("compute.small"));
        assertEquals("SKU#compute.small#PRICE#2026-12-01", Keys.skuPriceSk("compute.small", LocalDate.parse(
                "2026-12-01")));
        assertEquals("USAGEREC#org-1#u-1", Keys.usageRecordPk("org-1", "u-1"));
        assertEquals("ORG#org-1#USAGE#2026-11", Keys.usageRecordsGsi1Pk("org-1", NOV));
        assertEquals("USAGE#2026-12#LINE#compute.small#2026-01-01#2026-11",
                Keys.usageLineSk(NOV.plusMonths(1), "compute.small", LocalDate.parse("2026-01-01"), NOV));
        assertEquals("USAGE#2026-11#TOTAL", Keys.usageTotalSk(NOV));
        assertTrue(Keys.usageTotalSk(NOV).startsWith(Keys.usagePeriodPrefix(NOV)));
        assertTrue(Keys.usageLineSk(NOV, "a", LocalDate.parse("2026-01-01"), NOV).startsWith(
                Keys.usagePeriodPrefix(NOV)));
        assertEquals("BILLABLE#2026-11", Keys.billableSk(NOV));
        assertEquals("PERIOD#2026-11", Keys.periodClosedPk(NOV));
        assertEquals("CLOSED#org-1", Keys.periodClosedSk("org-1"));
    }

    @Test
    void usagePeriodPrefix_neverMatchesAnotherPeriod() {
        // "USAGE#2026-1#" would be a prefix trap; YearMonth always prints two-digit months.
        assertEquals("USAGE#2026-01#", Keys.usagePeriodPrefix(YearMonth.of(2026, 1)));
        assertTrue(!Keys.usageTotalSk(YearMonth.of(2026, 11)).startsWith(Keys.usagePeriodPrefix(YearMonth.of(2026,
                1))));
    }

    @Test
    void billableShards_spreadOrgsOverAllShardsOfThePeriod() {
        Set<String> shards = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String shard = Keys.billableShardPk(NOV, "org-" + i);
            assertTrue(shard.matches("BILLABLE#2026-11#([0-9]|1[0-5])"), shard);
            shards.add(shard);
        }
        assertEquals(Keys.BILLABLE_SHARDS, shards.size());
    }

    @Test
    void recordItem_roundTripsWhatAReplayNeeds() {
        var sku = new SkuDefinition("compute.small", SkuCategory.COMPUTE, UsageUnit.HOUR);
        var usage = new RatedUsage("org-1", "u-1", "vm-1", sku, 1_500_000, T, T.plusSeconds(3_600), NOV,
                new PriceVersion("compute.small", 1_000_000_000, LocalDate.parse("2026-01-01"), "admin-1", T),
                1_500_000_000L);

        var item = UsageItems.recordItem(usage, NOV.plusMonths(1), "iam:arn", T);

        assertEquals(new UsageStore.StoredUsage(usage.fingerprint(), NOV, NOV.plusMonths(1), 1_500_000_000L),
                UsageItems.storedFrom(item));
        assertEquals(Keys.usageRecordPk("org-1", "u-1"), item.get(Keys.PK).s());
        assertEquals(true, item.get("late").bool());
    }

    @Test
    void catalogueItems_roundTrip() {
        var definition = new SkuDefinition("volume.ssd", SkuCategory.VOLUME, UsageUnit.GB_MONTH);
        var price = new PriceVersion("volume.ssd", 1_500_000_000, LocalDate.parse("2026-12-01"), "admin-1", T);

        assertEquals(definition, DynamoCatalogueStore.definitionFrom(DynamoCatalogueStore.definitionItem(definition,
                price)));
        assertEquals(price, DynamoCatalogueStore.priceFrom(DynamoCatalogueStore.priceItem(price)));
    }
}
