package com.platform.billing.functions.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Invocation;
import com.platform.billing.api.Json;
import com.platform.billing.api.Log;
import com.platform.billing.api.Metrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * EventPublisherFunction: events out without dual writes. Every flow records its domain events as {@code EVENT}
 * items in the same transaction as its change (DomainEvents); this function reads the table's stream and puts each
 * newly inserted event item on the billing bus. It also derives {@code CreditLow} from MODIFY records of billing
 * account items (CreditLowRule), so that event costs the money path no extra write. Anything else on the stream
 * (other items, TTL deletes) is ignored.
 * Events that still cannot be put after the bounded retries are reported as batch item failures, so Lambda retries
 * the stream from the first of them (and after MaximumRetryAttempts sends the batch's position to the DLQ).
 *
 * <p>An event item that cannot be read (missing attribute, detail not a JSON object, over 256 KB) is a producer bug no retry
 * fixes: it is logged as an ERROR with its event id and counted ({@code EventsMalformed}, alarm on it), and skipped so
 * the events behind it still go out. The item stays in the table until its TTL for repair and replay.
 */
public final class EventPublisherFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    /** CRaC keeps resources weakly; this keeps the priming hook alive for the container's life. */
    private static final List<Resource> PRIMING = new ArrayList<>();

    private final EventBusPublisher publisher;
    private final CreditLowRule creditLow;

    /** Lambda's entry: the client and settings from the environment, built once per container. */
    public EventPublisherFunction() {
        this(EventBridgeClients.fromEnvironment(), PublisherSettings.fromEnvironment(), EventBusPublisher.Pause.SLEEP,
                CreditLowRule.fromEnvironment());
        registerPriming();
    }

    EventPublisherFunction(EventBridgeClient eventBridge, PublisherSettings settings, EventBusPublisher.Pause pause) {
        this(eventBridge, settings, pause, new CreditLowRule(CreditLowRule.DEFAULT_THRESHOLD));
    }

    EventPublisherFunction(EventBridgeClient eventBridge, PublisherSettings settings, EventBusPublisher.Pause pause,
                           CreditLowRule creditLow) {
        this.publisher = new EventBusPublisher(eventBridge, settings, pause,
                () -> ThreadLocalRandom.current().nextDouble());
        this.creditLow = Objects.requireNonNull(creditLow, "creditLow");
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return Invocation.logged("EventPublisherFunction", context, () -> publish(event, context),
                (response, line) -> {
                    line.put("records", event == null || event.getRecords() == null ? 0
                            : event.getRecords().size());
                    line.put("failed", response.getBatchItemFailures().size());
                    if (!response.getBatchItemFailures().isEmpty()) {
                        line.put("outcome", "partial");
                    }
                });
    }

    private StreamsEventResponse publish(DynamodbEvent event, Context context) {
        List<DomainEvent> events = domainEvents(event, publisher, creditLow);
        List<DomainEvent> unpublished = events.isEmpty() ? List.of() : publisher.publish(events,
                context == null ? () -> Long.MAX_VALUE : () -> context.getRemainingTimeInMillis());
        if (!events.isEmpty()) {
            Metrics.count("EventsPublished", events.size() - unpublished.size());
        }
        List<BatchItemFailure> failures = new ArrayList<>();
        if (!unpublished.isEmpty()) {
            Metrics.count("EventsUnpublished", unpublished.size());
            ObjectNode line = Log.line("WARN", "events left for the stream retry");
            line.put("unpublished", unpublished.size()).put("firstEventId", unpublished.getFirst().eventId())
                    .put("firstSequenceNumber", unpublished.getFirst().sequenceNumber());
            Log.emit(line);
            for (DomainEvent failed : unpublished) {
                failures.add(new BatchItemFailure(failed.sequenceNumber()));
            }
        }
        return new StreamsEventResponse(failures);
    }

    /** The events of the batch in stream order: recorded EVENT items, and CreditLow derived from account changes. */
    private static List<DomainEvent> domainEvents(DynamodbEvent event, EventBusPublisher publisher,
                                                  CreditLowRule creditLow) {
        List<DomainEvent> events = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            return events;
        }
        for (DynamodbStreamRecord record : event.getRecords()) {
            boolean recorded = StreamEvents.isDomainEvent(record);
            if (!recorded && !CreditLowRule.isAccountChange(record)) {
                continue;
            }
            try {
                Optional<DomainEvent> derived = recorded ? Optional.of(StreamEvents.read(record))
                        : creditLow.creditLow(record);
                if (derived.isEmpty()) {
                    continue;
                }
                DomainEvent domainEvent = derived.get();
                if (!publisher.fits(domainEvent)) {
                    throw new StreamEvents.MalformedEventException(domainEvent.sequenceNumber(),
                            domainEvent.eventId(), "larger than an EventBridge entry may be (256 KB)");
                }
                events.add(domainEvent);
            } catch (StreamEvents.MalformedEventException e) {
                Metrics.count("EventsMalformed");
                ObjectNode line = Log.line("ERROR", "malformed event item skipped");
                line.put("reason", e.getMessage()).put("eventId", e.eventId).put("sequenceNumber", e.sequenceNumber);
                Log.emit(line);
            }
        }
        return events;
    }

    /** SnapStart: load and initialise the JSON mapping before the snapshot (no call: nothing is published). */
    private static synchronized void registerPriming() {
        Resource priming = new Resource() {
            @Override
            public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
                EventBusPublisher.detail(new DomainEvent("priming", "Priming", null, Instant.EPOCH,
                        Json.readObject("{\"amount\":1}"), "0"));
            }

            @Override
            public void afterRestore(org.crac.Context<? extends Resource> context) {
                // nothing to refresh
            }
        };
        PRIMING.add(priming);
        Core.getGlobalContext().register(priming);
    }
}
