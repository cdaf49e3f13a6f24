package com.platform.billing.domain.usage;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** A snapshot of the whole price catalogue, as read at {@code loadedAt}. Immutable. */
public record Catalogue(Map<String, CatalogueSku> skus, Instant loadedAt) {

    public Catalogue {
        skus = Map.copyOf(skus);
        Objects.requireNonNull(loadedAt, "loadedAt");
    }

    public static Catalogue of(Collection<CatalogueSku> skus, Instant loadedAt) {
        Map<String, CatalogueSku> bySku = new TreeMap<>();
        skus.forEach(s -> bySku.put(s.sku(), s));
        return new Catalogue(bySku, loadedAt);
    }

    public Optional<CatalogueSku> find(String sku) {
        return Optional.ofNullable(skus.get(sku));
    }

    /** SKUs sorted by id. */
    public Collection<CatalogueSku> sorted() {
        return new TreeMap<>(skus).values();
    }
}
