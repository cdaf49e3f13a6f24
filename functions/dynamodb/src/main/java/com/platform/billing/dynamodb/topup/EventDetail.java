package com.platform.billing.dynamodb.topup;

import com.platform.billing.dynamodb.DomainEvents;

/** A flat JSON object for an event's detail (strings, numbers, booleans), without a JSON library in this module. */
public final class EventDetail {

    private final StringBuilder json = new StringBuilder("{");

    public EventDetail put(String name, String value) {
        if (value != null) {
            field(name).append(DomainEvents.jsonString(value));
        }
        return this;
    }

    public EventDetail put(String name, long value) {
        field(name).append(value);
        return this;
    }

    public EventDetail put(String name, boolean value) {
        field(name).append(value);
        return this;
    }

    private StringBuilder field(String name) {
        if (json.length() > 1) {
            json.append(',');
        }
        return json.append(DomainEvents.jsonString(name)).append(':');
    }

    public String json() {
        return json + "}";
    }
}
