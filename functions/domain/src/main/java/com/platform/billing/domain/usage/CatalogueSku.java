package com.platform.billing.domain.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An SKU with its price versions, oldest first. */
public record CatalogueSku(SkuDefinition definition, List<PriceVersion> prices) {

    public CatalogueSku {
        Objects.requireNonNull(definition, "definition");
        prices = prices.stream().sorted(Comparator.comparing(PriceVersion::effectiveFrom)).toList();
        for (PriceVersion price : prices) {
            if (!price.sku().equals(definition.sku())) {
                throw new IllegalArgumentException("price of another sku");
            }
        }
    }

    public String sku() {
        return definition.sku();
    }

    /** The price in effect at {@code instant}: the latest version whose date (in {@code zone}) is not after it. */
    public Optional<PriceVersion> priceAt(Instant instant, ZoneId zone) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        PriceVersion found = null;
        for (PriceVersion price : prices) {
            if (price.effectiveFrom().isAfter(day)) {
                break;
            }
            found = price;
        }
        return Optional.ofNullable(found);
    }

    public Optional<PriceVersion> versionOn(LocalDate effectiveFrom) {
        return prices.stream().filter(p -> p.effectiveFrom().equals(effectiveFrom)).findFirst();
    }
}
