package com.platform.billing.functions.vouchers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.JsonFields;
import com.platform.billing.api.MalformedRequestException;
import com.platform.billing.domain.InvalidRequestException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Strict reading of the voucher routes' fields that {@link JsonFields} does not cover. */
final class VoucherRequests {

    private VoucherRequests() {
    }

    /** A JSON integer (not 1.0, not "1") within [min, max]; absent or null gives {@code fallback}. */
    static long optionalInteger(ObjectNode body, String field, long fallback, long min, long max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isFloatingPointNumber()) {
            throw new InvalidRequestException(field, field + " must be a whole number.");
        }
        if (!node.isIntegralNumber()) {
            throw new MalformedRequestException(field + " must be a JSON number.");
        }
        if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            throw new InvalidRequestException(field, field + " must be " + min + " to " + max + ".");
        }
        return node.longValue();
    }

    /**
     * An ISO-8601 instant with an offset ({@code 2026-12-01T00:00:00+07:00} or {@code …Z}), kept to the
     * millisecond (the precision the table stores).
     */
    static Optional<Instant> optionalInstant(ObjectNode body, String field) {
        return JsonFields.optionalText(body, field).map(text -> {
            try {
                return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException e) {
                throw new InvalidRequestException(field, field
                        + " must be an ISO-8601 date-time with an offset, e.g. 2026-12-01T00:00:00+07:00.");
            }
        });
    }

    static Instant requiredInstant(ObjectNode body, String field) {
        return optionalInstant(body, field)
                .orElseThrow(() -> new InvalidRequestException(field, field + " is required."));
    }

    /** A JSON array of strings; absent or null gives an empty set. */
    static Set<String> optionalStrings(ObjectNode body, String field, int maxItems) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Set.of();
        }
        if (!node.isArray()) {
            throw new MalformedRequestException(field + " must be a JSON array of strings.");
        }
        if (node.size() > maxItems) {
            throw new InvalidRequestException(field, field + " lists at most " + maxItems + " items.");
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw new MalformedRequestException(field + " must be a JSON array of strings.");
            }
            values.add(element.textValue());
        }
        return values;
    }
}
