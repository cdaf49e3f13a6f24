package com.platform.billing.functions.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.platform.billing.dynamodb.DomainEvents;
import com.platform.billing.dynamodb.Keys;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Which stream records are domain events, and reading one. Only an INSERT of an item whose {@code type} is
 * {@code EVENT} is an event: MODIFY never happens to an event item, and REMOVE is the TTL sweep (housekeeping). The
 * FilterCriteria of the event source mapping says the same; this check holds even if the filter is changed.
 */
final class StreamEvents {

    /** Reads a detail: strict like the API's mapper, but sized for a DynamoDB item (400 KB), not a request body. */
    private static final ObjectMapper DETAIL = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32).maxNumberLength(40).maxStringLength(400 * 1024).build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private StreamEvents() {
    }

    static boolean isDomainEvent(DynamodbStreamRecord record) {
        if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null) {
            return false;
        }
        Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
        return image != null && DomainEvents.TYPE.equals(string(image, Keys.TYPE));
    }

    /**
     * Reads an event item. Throws {@link MalformedEventException} when it lacks a required attribute or its detail
     * is not a JSON object: that is a producer bug, never fixed by retrying, but it must not vanish silently.
     */
    static DomainEvent read(DynamodbStreamRecord record) {
        Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
        String sequenceNumber = record.getDynamodb().getSequenceNumber();
        String eventId = string(image, "eventId");
        String eventType = string(image, "eventType");
        String occurredAt = string(image, "occurredAt");
        String detail = string(image, "detail");
        if (eventId == null || eventType == null || occurredAt == null || detail == null || sequenceNumber == null) {
            throw new MalformedEventException(sequenceNumber, eventId, "a required attribute is missing");
        }
        Instant at;
        try {
            at = Instant.parse(occurredAt);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(sequenceNumber, eventId, "occurredAt is not an ISO-8601 instant");
        }
        ObjectNode detailObject = parseDetail(detail)
                .orElseThrow(() -> new MalformedEventException(sequenceNumber, eventId, "detail is not a JSON object"));
        return new DomainEvent(eventId, eventType, string(image, "orgId"), at, detailObject, sequenceNumber);
    }

    private static Optional<ObjectNode> parseDetail(String detail) {
        try {
            JsonNode node = DETAIL.readTree(detail);
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String string(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        return value == null ? null : value.getS();
    }

    static final class MalformedEventException extends RuntimeException {
        final String sequenceNumber;
        final String eventId;

        MalformedEventException(String sequenceNumber, String eventId, String reason) {
            super(reason);
            this.sequenceNumber = sequenceNumber;
            this.eventId = eventId;
        }
    }
}
