package com.platform.billing.functions.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.EventEnvelopes;
import com.platform.billing.api.Json;
import com.platform.billing.api.Log;
import com.platform.billing.domain.usage.RecordResult;
import com.platform.billing.domain.usage.UsageRecorder;
import java.util.List;

/**
 * Usage from the platform's events: EventBridge events with {@code source} {@value #SOURCE} and
 * {@code detail-type} {@value #DETAIL_TYPE}, whose {@code detail} is one usage record or {@code {"records": [...]}}
 * (1-100). They normally arrive through the UsageEventsQueue (SQS, partial batch responses); a direct EventBridge
 * invocation is handled too.
 *
 * <p>A record refused for its content is logged and counted, never retried (resending cannot fix it). A message is
 * retried (reported as a batch item failure; after the queue's maxReceiveCount it moves to the dead-letter queue,
 * from which it can be redriven) when a record failed transiently, or when the event itself is unusable, so that
 * nothing the platform sent is dropped silently.
 */
final class UsageEvents {

    static final String SOURCE = "platform.resources";
    static final String DETAIL_TYPE = "ResourceUsage";

    private final UsageRecorder recorder;
    private final ObjectMapper envelopes;

    UsageEvents(UsageRecorder recorder, ObjectMapper envelopes) {
        this.recorder = recorder;
        this.envelopes = envelopes;
    }

    /** An SQS batch: returns the partial batch response naming the messages to retry. */
    ObjectNode onSqs(JsonNode event) {
        return EventEnvelopes.partialBatch(event, (messageId, body) -> {
            try {
                return UsageJson.anyFailed(record(envelopes.readTree(body)));
            } catch (UnusableEvent | JsonProcessingException unusable) {
                ObjectNode line = Log.line("ERROR", "unusable usage event; retried, then dead-lettered");
                line.put("messageId", messageId);
                line.put("problem", unusable instanceof UnusableEvent ? unusable.getMessage()
                        : "the message body is not JSON");
                Log.emit(line);
                return true;
            } catch (RuntimeException unexpected) {
                Log.error("usage event not processed; it will be retried", unexpected);
                return true;
            }
        });
    }

    /** A direct EventBridge invocation: throws (so Lambda retries, then dead-letters) unless fully processed. */
    ObjectNode onEventBridge(JsonNode event) {
        List<RecordResult> results = record(event);
        if (UsageJson.anyFailed(results)) {
            throw new IllegalStateException("some usage records failed transiently; the event will be retried");
        }
        return UsageJson.results(results);
    }

    private List<RecordResult> record(JsonNode event) {
        if (!EventEnvelopes.isEvent(event, SOURCE, DETAIL_TYPE)) {
            throw new UnusableEvent("not a " + SOURCE + " " + DETAIL_TYPE + " event");
        }
        JsonNode detail = event.path("detail");
        if (!detail.isObject()) {
            throw new UnusableEvent("detail is not a JSON object");
        }
        JsonNode records = detail.has("records") ? detail.get("records") : Json.MAPPER.createArrayNode().add(detail);
        if (!records.isArray() || records.isEmpty() || records.size() > UsageRecorder.MAX_BATCH) {
            throw new UnusableEvent("detail.records must be an array of 1 to " + UsageRecorder.MAX_BATCH
                    + " records");
        }
        String eventId = event.path("id").asText("");
        List<RecordResult> results = recorder.recordAll(UsageJson.records(records),
                "events:" + SOURCE + "/" + UsageJson.printable(eventId));
        UsageJson.report(results, "events");
        return results;
    }

    /** The event cannot be processed as sent (retrying will not help; it ends in the dead-letter queue). */
    static final class UnusableEvent extends RuntimeException {
        UnusableEvent(String message) {
            super(message, null, false, false);
        }
    }
}
