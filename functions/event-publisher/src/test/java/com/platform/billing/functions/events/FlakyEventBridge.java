package com.platform.billing.functions.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * EventBridge as the publisher sees it, for the partial-failure tests: entries whose event id is set to fail get a
 * per-entry ErrorCode (as EventBridge reports them, with FailedEntryCount) for the given number of calls; every other
 * entry goes to the real client (moto), or, without one, is accepted. Records the size of each PutEvents call.
 */
final class FlakyEventBridge implements EventBridgeClient {

    private static final com.fasterxml.jackson.databind.ObjectMapper DETAILS =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final EventBridgeClient real;
    private final Map<String, Integer> failuresLeft = new HashMap<>();
    final List<Integer> callSizes = new ArrayList<>();
    final List<PutEventsRequestEntry> accepted = new ArrayList<>();

    FlakyEventBridge(EventBridgeClient real) {
        this.real = real;
    }

    /** The entry of this event id fails on its next {@code times} calls ({@code Integer.MAX_VALUE}: always). */
    FlakyEventBridge failing(String eventId, int times) {
        failuresLeft.put(eventId, times);
        return this;
    }

    void heal() {
        failuresLeft.clear();
    }

    @Override
    public PutEventsResponse putEvents(PutEventsRequest request) {
        callSizes.add(request.entries().size());
        List<PutEventsResultEntry> results = new ArrayList<>();
        List<PutEventsRequestEntry> forward = new ArrayList<>();
        List<Integer> forwardPositions = new ArrayList<>();
        int failed = 0;
        for (PutEventsRequestEntry entry : request.entries()) {
            String eventId = eventId(entry);
            int left = failuresLeft.getOrDefault(eventId, 0);
            if (left > 0) {
                failuresLeft.put(eventId, left == Integer.MAX_VALUE ? left : left - 1);
                results.add(PutEventsResultEntry.builder().errorCode("ThrottlingException")
                        .errorMessage("Rate exceeded").build());
                failed++;
            } else {
                forwardPositions.add(results.size());
                results.add(null);
                forward.add(entry);
            }
        }
        if (!forward.isEmpty()) {
            List<PutEventsResultEntry> forwarded;
            if (real == null) {
                forwarded = forward.stream().map(e -> PutEventsResultEntry.builder()
                        .eventId(UUID.randomUUID().toString()).build()).toList();
            } else {
                PutEventsResponse response = real.putEvents(r -> r.entries(forward));
                forwarded = response.entries();
                failed += response.failedEntryCount();
            }
            for (int i = 0; i < forward.size(); i++) {
                results.set(forwardPositions.get(i), forwarded.get(i));
                if (forwarded.get(i).errorCode() == null) {
                    accepted.add(forward.get(i));
                }
            }
        }
        return PutEventsResponse.builder().failedEntryCount(failed).entries(results).build();
    }

    private static String eventId(PutEventsRequestEntry entry) {
        try {
            return DETAILS.readTree(entry.detail()).get("eventId").asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the publisher put a Detail that is not JSON", e);
        }
    }

    @Override
    public String serviceName() {
        return EventBridgeClient.SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
