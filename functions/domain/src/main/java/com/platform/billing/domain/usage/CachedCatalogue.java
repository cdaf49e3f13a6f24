package com.platform.billing.domain.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The catalogue as one container sees it: loaded once, reused for {@code ttl} (see {@link CataloguePolicy} for why
 * that is safe), so recording usage does not read the catalogue per record. An unknown SKU triggers an early reload,
 * at most every {@link CataloguePolicy#MIN_RELOAD_INTERVAL}, so a newly priced SKU is usable within seconds while a
 * stream of bad SKUs cannot turn into a stream of reads. Thread-safe (the local runtime shares handlers).
 */
public final class CachedCatalogue {

    private final CatalogueStore store;
    private final Clock clock;
    private final Duration ttl;
    private volatile Catalogue snapshot;

    public CachedCatalogue(CatalogueStore store, Clock clock, Duration ttl) {
        this.store = store;
        this.clock = clock;
        this.ttl = CataloguePolicy.requireSafeTtl(ttl);
    }

    /** The cached snapshot, reloaded when older than the TTL. */
    public Catalogue current() {
        Catalogue current = snapshot;
        if (current == null || !clock.instant().isBefore(current.loadedAt().plus(ttl))) {
            return reload(current);
        }
        return current;
    }

    /** The SKU, reloading once early when the snapshot does not know it and was not just reloaded. */
    public Optional<CatalogueSku> find(String sku) {
        Catalogue current = current();
        Optional<CatalogueSku> found = current.find(sku);
        if (found.isPresent()
                || clock.instant().isBefore(current.loadedAt().plus(CataloguePolicy.MIN_RELOAD_INTERVAL))) {
            return found;
        }
        return reload(current).find(sku);
    }

    private synchronized Catalogue reload(Catalogue seen) {
        // Another thread may have reloaded while this one waited for the lock.
        if (snapshot != seen && snapshot != null) {
            return snapshot;
        }
        Instant started = clock.instant();
        Catalogue loaded = store.load();
        // Age the snapshot from when the read started, never later: the TTL argument needs a lower bound.
        snapshot = new Catalogue(loaded.skus(), started);
        return snapshot;
    }
}
