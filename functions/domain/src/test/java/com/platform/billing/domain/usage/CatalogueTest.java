package com.platform.billing.domain.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.InvalidRequestException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    private static final BillingCalendar JAKARTA = BillingCalendar.platform();
    /** 2026-11-27 11:00 in Jakarta. */
    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");

    private final InMemoryCatalogueStore store = new InMemoryCatalogueStore();
    private final PriceCatalogue catalogue = new PriceCatalogue(store, JAKARTA, Clock.fixed(NOW, ZoneOffset.UTC));

    private static PriceVersion price(long micros, String from) {
        return new PriceVersion("compute.small", micros, LocalDate.parse(from), "admin-1", NOW);
    }

    @Test
    void priceAt_whenVersionsChangeAtJakartaMidnight_picksTheVersionOfTheJakartaDate() {
        CatalogueSku sku = new CatalogueSku(new SkuDefinition("compute.small", SkuCategory.COMPUTE, UsageUnit.HOUR),
                List.of(price(2_000, "2026-12-01"), price(1_000, "2026-11-01")));

        // 2026-11-30 23:59:59 Jakarta is 16:59:59Z; 2026-12-01 00:00:00 Jakarta is 17:00:00Z.
        assertEquals(1_000, sku.priceAt(Instant.parse("2026-11-30T16:59:59Z"), JAKARTA.zone()).orElseThrow()
                .unitPriceMicros());
        assertEquals(2_000, sku.priceAt(Instant.parse("2026-11-30T17:00:00Z"), JAKARTA.zone()).orElseThrow()
                .unitPriceMicros());
        assertTrue(sku.priceAt(Instant.parse("2026-10-31T16:59:59Z"), JAKARTA.zone()).isEmpty());
    }

    @Test
    void setPrice_whenNewSku_acceptsAnyDateIncludingThePast() {
        var result = catalogue.setPrice("compute.small", SkuCategory.COMPUTE, UsageUnit.HOUR, 1_000,
                LocalDate.parse("2026-01-01"), "admin-1");

        assertEquals(PriceCatalogue.Change.CREATED, result.change());
        assertEquals(1, store.load().find("compute.small").orElseThrow().prices().size());
    }

    @Test
    void setPrice_whenExistingSkuAndDateTooSoon_isRefusedWithTheEarliestDate() {
        catalogue.setPrice("compute.small", SkuCategory.COMPUTE, UsageUnit.HOUR, 1_000, LocalDate.parse("2026-01-01"),
                "admin-1");

        var today = assertThrows(PriceChangeTooSoonException.class, () -> catalogue.setPrice("compute.small",
                SkuCategory.COMPUTE, UsageUnit.HOUR, 2_000, LocalDate.parse("2026-11-27"), "admin-1"));
        assertTrue(today.getMessage().contains("2026-11-28"), today.getMessage());
        var tomorrow = catalogue.setPrice("compute.small", SkuCategory.COMPUTE, UsageUnit.HOUR, 2_000,
                LocalDate.parse("2026-11-28"), "admin-1");
        assertEquals(PriceCatalogue.Change.CREATED, tomorrow.change());
    }

    @Test
    void earliestChange_whenLessThanLeadTimeBeforeJakartaMidnight_isTheDayAfterTomorrow() {
        // 23:30 Jakarta: tomorrow's 00:00 is only 30 minutes away.
        assertEquals(LocalDate.parse("2026-11-29"), catalogue.earliestChange(Instant.parse("2026-11-27T16:30:00Z")));
        // 22:59 Jakarta: 61 minutes away is enough.
        assertEquals(LocalDate.parse("2026-11-28"), catalogue.earliestChange(Instant.parse("2026-11-27T15:59:00Z")));
        // 23:00 Jakarta: exactly one hour away is enough.
        assertEquals(LocalDate.parse("2026-11-28"), catalogue.earliestChange(Instant.parse("2026-11-27T16:00:00Z")));
    }

    @Test
    void setPrice_whenSamePriceAgain_isUnchangedAndWritesNothing() {
        catalogue.setPrice("compute.small", SkuCategory.COMPUTE, UsageUnit.HOUR, 1_000, LocalDate.parse("2026-01-01"),
                "admin-1");
        int writes = store.writes;

        var again = catalogue.setPrice("compute.small", SkuCategory.COMPUTE, UsageUnit.HOUR, 1_000,
                LocalDate.parse("2026-01-01"), "admin-2");

        assertEquals(PriceCatalogue.Change.UNCHANGED, again.change());
        assertEquals(writes, store.writes);
    }

    @Test
    void setPrice_whenScheduledVersionChangedBeforeItTakesEffect_replacesIt() {
        catalogue.setPrice("compute.small", SkuCategory.COMPUTE, UsageUnit.HOUR, 1_000, LocalDate.parse("2026-01-01"),
                "admin-1");
        catalogue.setPrice("compute.small", SkuCategory.COMPUTE, UsageUnit.HOUR, 2_000, LocalDate.parse("2026-12-01"),
                "admin-1");

        var replaced = catalogue.setPrice("compute.small", SkuCategory.COMPUTE, UsageUnit.HOUR, 1_500,
                LocalDate.parse("2026-12-01"), "admin-1");

        assertEquals(PriceCatalogue.Change.REPLACED, replaced.change());
        assertEquals(List.of(1_000L, 1_500L), store.load().find("compute.small").orElseThrow().prices().stream()
                .map(PriceVersion::unitPriceMicros).toList());
    }

    @Test
    void setPrice_whenCategoryOrUnitDiffers_isRefused() {
        catalogue.setPrice("compute.small", SkuCategory.COMPUTE, UsageUnit.HOUR, 1_000, LocalDate.parse("2026-01-01"),
                "admin-1");

        assertThrows(SkuDefinitionConflictException.class, () -> catalogue.setPrice("compute.small",
                SkuCategory.COMPUTE, UsageUnit.MONTH, 1_000, LocalDate.parse("2026-12-01"), "admin-1"));
        assertThrows(SkuDefinitionConflictException.class, () -> catalogue.setPrice("compute.small",
                SkuCategory.BARE_METAL, UsageUnit.HOUR, 1_000, LocalDate.parse("2026-12-01"), "admin-1"));
    }

    @Test
    void setPrice_whenSkuIdOrPriceInvalid_isRefusedNamingTheField() {
        var badSku = assertThrows(InvalidRequestException.class, () -> catalogue.setPrice("Compute#1",
                SkuCategory.COMPUTE, UsageUnit.HOUR, 1, LocalDate.parse("2026-12-01"), "admin-1"));
        assertEquals("sku", badSku.field());
        var negative = assertThrows(InvalidRequestException.class, () -> catalogue.setPrice("compute.small",
                SkuCategory.COMPUTE, UsageUnit.HOUR, -1, LocalDate.parse("2026-12-01"), "admin-1"));
        assertEquals("unitPriceMicros", negative.field());
    }

    @Test
    void requireSafeTtl_whenCacheCouldOutliveThePriceLeadTime_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> CataloguePolicy.requireSafeTtl(Duration.ofMinutes(55)));
        assertEquals(Duration.ofSeconds(60), CataloguePolicy.requireSafeTtl(Duration.ofSeconds(60)));
    }
}
