package com.platform.billing.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Json;
import com.platform.billing.domain.payment.CallbackRejectedException;
import com.platform.billing.domain.payment.CallbackRejectedException.Reason;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reading what a gateway sends us. A webhook body that cannot be read is a {@link Reason#MALFORMED} rejection (400);
 * an answer of the gateway's own API that cannot be read is a {@code GatewayException} (the caller's problem is the
 * gateway, not its input). Messages never echo the input.
 */
public final class GatewayJson {

    private GatewayJson() {
    }

    /** A webhook body as a JSON object, or a MALFORMED rejection. */
    public static ObjectNode notificationBody(String body) {
        if (body == null || body.isBlank()) {
            throw malformed("The notification has no body.");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed("The notification body is not valid JSON.");
        }
        if (!(node instanceof ObjectNode object)) {
            throw malformed("The notification body must be a JSON object.");
        }
        return object;
    }

    /** A string field of a notification; null when absent or JSON null; MALFORMED when it is not a string. */
    public static String text(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw malformed("The notification field " + field + " must be a string.");
        }
        return node.textValue();
    }

    /** A required, non-empty string field of a notification. */
    public static String requiredText(ObjectNode body, String field) {
        String value = text(body, field);
        if (value == null || value.isEmpty()) {
            throw malformed("The notification field " + field + " is required.");
        }
        return value;
    }

    /** A string field of any JSON object (a gateway's API answer), or null when absent or not a string. */
    public static String textOrNull(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** An ISO-8601 instant, or null when absent or unreadable (times are for the record, never for money). */
    public static Instant instantOrNull(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static CallbackRejectedException malformed(String message) {
        return new CallbackRejectedException(Reason.MALFORMED, message);
    }

    public static CallbackRejectedException unauthenticated(String message) {
        return new CallbackRejectedException(Reason.UNAUTHENTICATED, message);
    }
}
