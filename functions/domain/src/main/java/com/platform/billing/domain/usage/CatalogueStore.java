package com.platform.billing.domain.usage;

/** Persistence of the price catalogue. */
public interface CatalogueStore {

    /** The whole catalogue, read consistently. */
    Catalogue load();

    /**
     * Writes a price version (creating or replacing the version on its date) together with the SKU definition, in
     * one transaction. {@code newSku}: the SKU must not exist yet; otherwise its definition must still equal
     * {@code definition}.
     *
     * @return false, writing nothing, when that expectation no longer holds (a concurrent change): decide again
     */
    boolean putPrice(SkuDefinition definition, PriceVersion price, boolean newSku);
}
