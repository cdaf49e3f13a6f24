package com.platform.billing.domain.usage;

import com.platform.billing.domain.StateConflictException;

/** A price for an existing SKU named another category or unit; those are fixed once an SKU exists. */
public final class SkuDefinitionConflictException extends StateConflictException {

    public SkuDefinitionConflictException(SkuDefinition existing) {
        super("sku-definition-conflict", "SKU " + existing.sku() + " is " + existing.category().wire() + ", priced per "
                + existing.unit().wire() + "; category and unit cannot change once an SKU exists (create a new SKU).");
    }
}
