package com.platform.billing.dynamodb;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Domain events out without dual writes: a use case records its event as one more item of the transaction that
 * makes the change (TopUpPaid with the payment, VoucherRedeemed with the redemption…), and the stream publisher puts
 * every newly inserted {@code EVENT} item on the EventBridge bus. The item is generic:
 *
 * <pre>
 * PK EVENT#{eventId}  SK EVENT  type EVENT
 * eventId, eventType, orgId, occurredAt (ISO-8601 UTC), detail (a JSON object as a string), expiresAt (TTL, +7 days)
 * </pre>
 *
 * The event id is stable (derive it from the cause, e.g. the transfer id), so a replayed change never records a
 * second event, and consumers can deduplicate on it. The publisher must only publish INSERT stream records: TTL
 * deletes (REMOVE) are housekeeping, not events.
 */
public final class DomainEvents {

    public static final String TYPE = "EVENT";
    /** How long an event item stays in the table after it was recorded (the stream only needs it for 24 h). */
    public static final Duration RETENTION = Duration.ofDays(7);

    private DomainEvents() {
    }

    /**
     * The transaction part that records one event. Its condition ({@code attribute_not_exists(PK)}) makes the event
     * at-most-once; it can only fail if the same event id was recorded by an earlier, committed change, which the
     * caller's own state condition should already have caught.
     */
    public static TransactionPart record(String eventId, String eventType, String orgId, Instant occurredAt,
                                         String detailJson) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(detailJson, "detailJson");
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.eventPk(eventId), Keys.eventSk()));
        item.put(Keys.TYPE, Items.s(TYPE));
        item.put("eventId", Items.s(eventId));
        item.put("eventType", Items.s(eventType));
        if (orgId != null) {
            item.put("orgId", Items.s(orgId));
        }
        item.put("occurredAt", Items.time(occurredAt));
        item.put("detail", Items.s(detailJson));
        item.put(Keys.TTL, Items.n(occurredAt.plus(RETENTION).getEpochSecond()));
        return new TransactionPart() {
            @Override
            public TransactWriteItem writeItem(String tableName) {
                return TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(item)
                        .conditionExpression("attribute_not_exists(PK)").build()).build();
            }

            @Override
            public RuntimeException conditionFailed(CancellationReason reason) {
                return new IllegalStateException("domain event " + eventType + " " + eventId
                        + " was already recorded by another change");
            }
        };
    }

    /**
     * Writes a JSON string literal (with quotes), escaping what RFC 8259 requires, for callers that build a small
     * detail object without a JSON library.
     */
    public static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
