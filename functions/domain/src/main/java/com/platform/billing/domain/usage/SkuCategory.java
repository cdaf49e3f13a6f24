package com.platform.billing.domain.usage;

import com.platform.billing.domain.InvalidRequestException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What an SKU is, for billing purposes. Two rules hang off the category, and only here: which usage counts in the
 * month-to-date "ongoing usage" shown against the org's credit, and which usage appears on the monthly invoice.
 * Bare metal is charged up front for its term (its own invoices), so it is in neither; object storage is on the
 * monthly invoice but, like bare metal, not in ongoing usage.
 */
public enum SkuCategory {
    COMPUTE("compute"),
    VOLUME("volume"),
    SNAPSHOT("snapshot"),
    IP("ip"),
    NETWORK("network"),
    LOAD_BALANCER("load_balancer"),
    OBJECT_STORAGE("object_storage"),
    BARE_METAL("bare_metal");

    private final String wire;

    SkuCategory(String wire) {
        this.wire = wire;
    }

    /** The name on the wire and in the table (lower snake case). */
    public String wire() {
        return wire;
    }

    /** Whether usage of this category counts in the month-to-date ongoing usage (and so in remaining credit). */
    public boolean countsInOngoingUsage() {
        return this != OBJECT_STORAGE && this != BARE_METAL;
    }

    /** Whether usage of this category is charged on the monthly usage invoice. */
    public boolean onMonthlyInvoice() {
        return this != BARE_METAL;
    }

    public static SkuCategory fromWire(String value, String field) {
        for (SkuCategory category : values()) {
            if (category.wire.equals(value)) {
                return category;
            }
        }
        throw new InvalidRequestException(field, field + " must be one of " + allowed() + ".");
    }

    public static String allowed() {
        return Arrays.stream(values()).map(SkuCategory::wire).collect(Collectors.joining(", "));
    }
}
