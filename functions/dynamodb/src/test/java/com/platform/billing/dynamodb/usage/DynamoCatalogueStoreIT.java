package com.platform.billing.dynamodb.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.usage.PriceVersion;
import com.platform.billing.domain.usage.SkuCategory;
import com.platform.billing.domain.usage.SkuDefinition;
import com.platform.billing.domain.usage.UsageUnit;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithLedgerTable
class DynamoCatalogueStoreIT {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T04:00:00Z"), ZoneOffset.UTC);
    private final LedgerTable table;
    private final DynamoCatalogueStore store;

    DynamoCatalogueStoreIT(LedgerTable table) {
        this.table = table;
        this.store = new DynamoCatalogueStore(table.dynamo(), table.name(), clock);
    }

    private PriceVersion price(String sku, long micros, String from) {
        return new PriceVersion(sku, micros, LocalDate.parse(from), "admin-1", clock.instant());
    }

    @Test
    void putPrice_thenLoad_roundTripsDefinitionsAndVersionsInOneQuery() {
        var volume = new SkuDefinition("volume.ssd", SkuCategory.VOLUME, UsageUnit.GB_MONTH);
        assertTrue(store.putPrice(volume, price("volume.ssd", 1_500_000_000, "2026-01-01"), true));
        assertTrue(store.putPrice(volume, price("volume.ssd", 1_750_000_000, "2027-01-01"), false));
        table.counter().reset();

        var loaded = store.load().find("volume.ssd").orElseThrow();

        assertEquals(1, table.counter().requests("Query"));
        assertEquals(volume, loaded.definition());
        assertEquals(List.of(1_500_000_000L, 1_750_000_000L),
                loaded.prices().stream().map(PriceVersion::unitPriceMicros).toList());
        assertEquals(price("volume.ssd", 1_500_000_000, "2026-01-01"), loaded.prices().getFirst());
    }

    @Test
    void putPrice_whenNewSkuAlreadyExistsOrDefinitionChanged_writesNothing() {
        var ip = new SkuDefinition("ip.public-v4", SkuCategory.IP, UsageUnit.HOUR);
        assertTrue(store.putPrice(ip, price("ip.public-v4", 50_000_000, "2026-01-01"), true));

        assertFalse(store.putPrice(ip, price("ip.public-v4", 60_000_000, "2026-02-01"), true));
        assertFalse(store.putPrice(new SkuDefinition("ip.public-v4", SkuCategory.IP, UsageUnit.MONTH),
                price("ip.public-v4", 60_000_000, "2026-02-01"), false));

        assertEquals(1, store.load().find("ip.public-v4").orElseThrow().prices().size());
    }
}
