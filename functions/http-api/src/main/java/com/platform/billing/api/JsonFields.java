package com.platform.billing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.domain.InvalidRequestException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Strict field reading. Money amounts must be JSON integers in the minor unit: {@code 100000} is accepted;
 * {@code 100000.0}, {@code 1e5}, {@code "100000"} and anything beyond a long are refused, because a billing API that
 * guesses what a caller meant by a fractional or stringly amount is a billing API that loses money.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** Refuses fields the route does not know, so a typo ({@code "ammount"}) is an error rather than ignored. */
    public static void onlyKnown(ObjectNode body, Set<String> known) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new MalformedRequestException("Unknown field '" + printable(name) + "'; expected one of "
                        + known + ".");
            }
        }
    }

    public static long requiredAmount(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidRequestException(field, field + " is required.");
        }
        if (node.isFloatingPointNumber()) {
            throw new InvalidRequestException(field, field + " must be a whole number in the currency's minor unit"
                    + " (IDR has no fractions).");
        }
        if (!node.isIntegralNumber()) {
            throw new MalformedRequestException(field + " must be a JSON number.");
        }
        if (!node.canConvertToLong()) {
            throw new InvalidRequestException(field, field + " is too large.");
        }
        return node.longValue();
    }

    public static String requiredText(ObjectNode body, String field) {
        return optionalText(body, field).orElseThrow(() -> new InvalidRequestException(field, field + " is required."));
    }

    public static Optional<String> optionalText(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new MalformedRequestException(field + " must be a JSON string.");
        }
        return Optional.of(node.textValue());
    }

    public static <E extends Enum<E>> E requiredEnum(ObjectNode body, String field, Class<E> type) {
        return enumValue(field, requiredText(body, field), type);
    }

    /** {@code value} as one of {@code type}'s constants (exact name), else an invalid-request naming {@code field}. */
    public static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            allowed.append(allowed.isEmpty() ? "" : ", ").append(constant.name());
        }
        throw new InvalidRequestException(field, field + " must be one of " + allowed + ".");
    }

    /** For echoing a caller's name back safely: printable ASCII only, shortened. */
    static String printable(String value) {
        String cleaned = value.replaceAll("[^\\x20-\\x7E]", "?");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
    }
}
