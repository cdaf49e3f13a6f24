package com.platform.billing.domain.usage;

import com.platform.billing.domain.InvalidRequestException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The unit an SKU's quantity is measured in; the unit price is per one of these. */
public enum UsageUnit {
    HOUR("hour"),
    GB_HOUR("GB-hour"),
    GB_MONTH("GB-month"),
    GB("GB"),
    REQUEST("request"),
    MONTH("month");

    private final String wire;

    UsageUnit(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static UsageUnit fromWire(String value, String field) {
        for (UsageUnit unit : values()) {
            if (unit.wire.equals(value)) {
                return unit;
            }
        }
        throw new InvalidRequestException(field, field + " must be one of " + allowed() + ".");
    }

    public static String allowed() {
        return Arrays.stream(values()).map(UsageUnit::wire).collect(Collectors.joining(", "));
    }
}
