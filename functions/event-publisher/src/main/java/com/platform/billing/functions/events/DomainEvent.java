package com.platform.billing.functions.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One domain event as recorded in the table ({@code EVENT#{eventId}} / {@code EVENT}, see DomainEvents), with the
 * stream sequence number it arrived at (what Lambda is told to retry from when it could not be published).
 *
 * @param orgId null for events that concern no org
 */
record DomainEvent(String eventId, String eventType, String orgId, Instant occurredAt, ObjectNode detail,
                   String sequenceNumber) {

    DomainEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    }
}
