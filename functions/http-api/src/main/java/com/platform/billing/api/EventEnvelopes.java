package com.platform.billing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The platform's events reach a function in one of two envelopes: an SQS batch (the queue an EventBridge rule feeds,
 * with partial batch responses) or a direct EventBridge invocation. What every such function does the same way:
 * telling the two apart, checking the event is the one it consumes, and answering an SQS batch with the messages to
 * retry. What to retry is each function's own decision.
 */
public final class EventEnvelopes {

    private EventEnvelopes() {
    }

    public static boolean isSqsBatch(JsonNode event) {
        return event.path("Records").isArray();
    }

    public static boolean isEventBridge(JsonNode event) {
        return event.has("detail-type") && event.has("source");
    }

    /** An EventBridge event object with this {@code source} and {@code detail-type}. */
    public static boolean isEvent(JsonNode event, String source, String detailType) {
        return event.isObject() && source.equals(event.path("source").asText())
                && detailType.equals(event.path("detail-type").asText());
    }

    /** Hands each message of the batch to {@code message} on its own; the response names those it asked to retry. */
    public static ObjectNode partialBatch(JsonNode sqsBatch, Message message) {
        ObjectNode response = Json.object();
        ArrayNode failures = response.putArray("batchItemFailures");
        for (JsonNode record : sqsBatch.path("Records")) {
            String messageId = record.path("messageId").asText("");
            if (message.retry(messageId, record.path("body").asText(""))) {
                failures.addObject().put("itemIdentifier", messageId);
            }
        }
        return response;
    }

    /** One SQS message's handling. */
    @FunctionalInterface
    public interface Message {
        /** Handles the message; {@code true} has SQS deliver it again (dead-lettered after maxReceiveCount). */
        boolean retry(String messageId, String body);
    }
}
