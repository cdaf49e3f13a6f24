package com.platform.billing.domain.usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A catalogue store in memory, for domain unit tests (the DynamoDB one is tested against moto). */
final class InMemoryCatalogueStore implements CatalogueStore {

    private final Map<String, SkuDefinition> definitions = new TreeMap<>();
    private final Map<String, List<PriceVersion>> prices = new TreeMap<>();
    int loads;
    int writes;

    @Override
    public synchronized Catalogue load() {
        loads++;
        List<CatalogueSku> skus = new ArrayList<>();
        definitions.forEach((sku, def) -> skus.add(new CatalogueSku(def, prices.getOrDefault(sku, List.of()))));
        return Catalogue.of(skus, Instant.EPOCH);
    }

    @Override
    public synchronized boolean putPrice(SkuDefinition definition, PriceVersion price, boolean newSku) {
        SkuDefinition existing = definitions.get(definition.sku());
        if (newSku ? existing != null : !definition.equals(existing)) {
            return false;
        }
        writes++;
        definitions.put(definition.sku(), definition);
        List<PriceVersion> versions = prices.computeIfAbsent(definition.sku(), k -> new ArrayList<>());
        versions.removeIf(p -> p.effectiveFrom().equals(price.effectiveFrom()));
        versions.add(price);
        return true;
    }
}
