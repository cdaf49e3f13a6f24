package com.platform.billing.domain.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CachedCatalogueTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T04:00:00Z"));
    private final InMemoryCatalogueStore store = new InMemoryCatalogueStore();
    private final CachedCatalogue cache = new CachedCatalogue(store, clock, Duration.ofSeconds(60));

    private void addSku(String sku) {
        store.putPrice(new SkuDefinition(sku, SkuCategory.COMPUTE, UsageUnit.HOUR),
                new PriceVersion(sku, 1_000, LocalDate.parse("2026-01-01"), "admin-1", clock.instant()), true);
    }

    @Test
    void current_whenUsedWithinTtl_readsTheStoreOnce() {
        addSku("compute.small");
        for (int i = 0; i < 100; i++) {
            cache.find("compute.small");
            clock.advance(Duration.ofMillis(500));
        }
        assertEquals(1, store.loads);
    }

    @Test
    void current_whenTtlPassed_reloads() {
        cache.current();
        clock.advance(Duration.ofSeconds(60));
        cache.current();
        assertEquals(2, store.loads);
    }

    @Test
    void find_whenSkuUnknown_reloadsEarlyButAtMostEveryFewSeconds() {
        cache.current();
        clock.advance(Duration.ofSeconds(6));
        addSku("compute.new");

        assertTrue(cache.find("compute.new").isPresent());
        assertEquals(2, store.loads);
        for (int i = 0; i < 50; i++) {
            cache.find("no.such-sku");
        }
        assertEquals(2, store.loads);
    }

    @Test
    void constructor_whenTtlUnsafe_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CachedCatalogue(store, clock, Duration.ofHours(1)));
    }
}
