package com.platform.billing.functions.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Json;
import com.platform.billing.api.Log;
import com.platform.billing.dynamodb.Items;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Puts domain events on the billing bus with {@code PutEvents}: batches of at most 10 entries and 256 KB, each
 * entry's failure (FailedEntryCount / per-entry ErrorCode) or a failed call retried with capped, jittered exponential
 * backoff a bounded number of times. What is still unpublished is returned, and so are all events after it (they
 * would be redelivered by the stream retry anyway), so the handler can report them as batch item failures.
 *
 * <p>Delivery is at-least-once: a retried call whose first try did reach EventBridge, or a stream batch redelivered
 * by Lambda, puts an event twice. Every event carries its stable {@code eventId}; consumers de-duplicate on it.
 */
final class EventBusPublisher {

    static final int MAX_ENTRIES = 10;
    static final int MAX_REQUEST_BYTES = 256 * 1024;
    /** Time one PutEvents call may take (the client's call timeout, EventBridgeClients) plus a margin. */
    static final Duration CALL_BUDGET = Duration.ofSeconds(15);
    /** EventBridge's size of an entry: Time (14) + Source + DetailType + Detail (+ Resources, which we do not use). */
    private static final int TIME_BYTES = 14;

    /** Waits between tries; tests pass one that does not sleep. */
    interface Pause {
        Pause SLEEP = d -> Thread.sleep(d.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    private final EventBridgeClient eventBridge;
    private final PublisherSettings settings;
    private final Pause pause;
    private final DoubleSupplier random;

    EventBusPublisher(EventBridgeClient eventBridge, PublisherSettings settings, Pause pause, DoubleSupplier random) {
        this.eventBridge = Objects.requireNonNull(eventBridge);
        this.settings = Objects.requireNonNull(settings);
        this.pause = Objects.requireNonNull(pause);
        this.random = Objects.requireNonNull(random);
    }

    /**
     * Publishes the events in order. No try starts unless {@code remainingMillis} leaves room for a whole call
     * ({@link #CALL_BUDGET}): what is left then is returned for the stream retry instead of the invocation timing out
     * (a timeout would make Lambda retry the whole batch, and put again what did go out).
     *
     * @return the events not known to be published (the ones still failing after every try and every event of the
     *     batches after them), in their stream order; empty when all went out
     */
    List<DomainEvent> publish(List<DomainEvent> events, LongSupplier remainingMillis) {
        List<List<DomainEvent>> batches = batches(events);
        for (int b = 0; b < batches.size(); b++) {
            List<DomainEvent> failed = publishBatch(batches.get(b), remainingMillis);
            if (!failed.isEmpty()) {
                // Lambda restarts from the lowest reported sequence number, so the later batches would be put again
                // on the retry: stop here rather than put them twice now.
                List<DomainEvent> unpublished = new ArrayList<>(failed);
                for (int later = b + 1; later < batches.size(); later++) {
                    unpublished.addAll(batches.get(later));
                }
                return unpublished;
            }
        }
        return List.of();
    }

    private List<DomainEvent> publishBatch(List<DomainEvent> batch, LongSupplier remainingMillis) {
        List<DomainEvent> pending = batch;
        for (int attempt = 1; ; attempt++) {
            if (remainingMillis.getAsLong() < CALL_BUDGET.toMillis()) {
                Log.warn("no time left for another PutEvents call; leaving the rest to the stream retry");
                return pending;
            }
            pending = tryPut(pending, attempt);
            if (pending.isEmpty() || attempt >= settings.maxAttempts()) {
                return pending;
            }
            Duration backoff = settings.backoff(attempt, random.getAsDouble());
            if (remainingMillis.getAsLong() < backoff.toMillis() + CALL_BUDGET.toMillis()) {
                return pending;
            }
            try {
                pause.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return pending;
            }
        }
    }

    /** One PutEvents call; returns the entries that failed (all of them if the call itself failed). */
    private List<DomainEvent> tryPut(List<DomainEvent> events, int attempt) {
        List<PutEventsRequestEntry> entries = events.stream().map(this::entry).toList();
        PutEventsResponse response;
        try {
            response = eventBridge.putEvents(r -> r.entries(entries));
        } catch (SdkException e) {
            ObjectNode line = Log.line("WARN", "PutEvents call failed");
            line.put("attempt", attempt).put("entries", entries.size()).put("errorType", e.getClass().getName());
            Log.emit(line);
            return events;
        }
        Integer failedCount = response.failedEntryCount();
        if (failedCount == null || failedCount == 0) {
            return List.of();
        }
        List<PutEventsResultEntry> results = response.entries();
        List<DomainEvent> failed = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            // Results are positional; a missing or short list means we cannot tell, so the entry counts as failed.
            PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
            if (result == null || result.errorCode() != null || result.eventId() == null) {
                failed.add(events.get(i));
                ObjectNode line = Log.line("WARN", "PutEvents entry failed");
                line.put("attempt", attempt).put("eventId", events.get(i).eventId())
                        .put("eventType", events.get(i).eventType())
                        .put("errorCode", result == null ? "NoResult" : result.errorCode());
                Log.emit(line);
            }
        }
        return failed;
    }

    PutEventsRequestEntry entry(DomainEvent event) {
        return PutEventsRequestEntry.builder()
                .eventBusName(settings.busName())
                .source(settings.source())
                .detailType(event.eventType())
                .time(event.occurredAt())
                .detail(detail(event))
                .build();
    }

    /** The Detail every consumer gets: the stable id and envelope fields, the producer's own fields under data. */
    static String detail(DomainEvent event) {
        ObjectNode detail = Json.object();
        detail.put("eventId", event.eventId());
        detail.put("eventType", event.eventType());
        if (event.orgId() == null) {
            detail.putNull("orgId");
        } else {
            detail.put("orgId", event.orgId());
        }
        detail.put("occurredAt", Items.formatTime(event.occurredAt()));
        detail.set("data", event.detail());
        return Json.write(detail);
    }

    private List<List<DomainEvent>> batches(List<DomainEvent> events) {
        List<List<DomainEvent>> batches = new ArrayList<>();
        List<DomainEvent> current = new ArrayList<>();
        int bytes = 0;
        for (DomainEvent event : events) {
            int size = size(event);
            if (!current.isEmpty() && (current.size() == MAX_ENTRIES || bytes + size > MAX_REQUEST_BYTES)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(event);
            bytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** Whether EventBridge can take this event at all (an entry over 256 KB is refused, however often tried). */
    boolean fits(DomainEvent event) {
        return size(event) <= MAX_REQUEST_BYTES;
    }

    private int size(DomainEvent event) {
        return TIME_BYTES + utf8(settings.source()) + utf8(event.eventType()) + utf8(detail(event));
    }

    private static int utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }
}
