package com.platform.billing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.MalformedRequestException;
import com.platform.billing.domain.InvalidRequestException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The event a function's schedule (or EventBridge rule) would deliver, for firing it by hand.
 * <ul>
 *   <li>{@code Schedule} (an EventBridge rule with a schedule expression): the "Scheduled Event" from
 *       {@code aws.events}, its rule ARN in {@code resources};</li>
 *   <li>{@code ScheduleV2} (EventBridge Scheduler): the same shape from {@code aws.scheduler}, the schedule's ARN in
 *       {@code resources};</li>
 *   <li>{@code EventBridgeRule} / {@code CloudWatchEvent}: an event with the pattern's first {@code source} and
 *       {@code detail-type};</li>
 *   <li>an event with a constant {@code Input} delivers that JSON instead, as EventBridge does.</li>
 * </ul>
 * The request body's top-level fields override the event's ({@code {"time": "2026-12-01T00:00:00+07:00"}},
 * {@code {"detail": {...}}}); a time is normalised to UTC.
 */
final class ScheduleEvents {

    static final List<String> SCHEDULE_TYPES = List.of("Schedule", "ScheduleV2");
    static final List<String> RULE_TYPES = List.of("EventBridgeRule", "CloudWatchEvent");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A function's triggering event definition from the template. */
    record Trigger(String name, String type, JsonNode properties) {
    }

    private ScheduleEvents() {
    }

    /** The function's schedule: the named event, or its first schedule, else its first EventBridge rule. */
    static Optional<Trigger> find(JsonNode functionEvents, String eventName) {
        Trigger firstRule = null;
        for (Map.Entry<String, JsonNode> event : functionEvents.properties()) {
            String type = event.getValue().path("Type").asText();
            boolean schedule = SCHEDULE_TYPES.contains(type);
            boolean rule = RULE_TYPES.contains(type);
            if (!schedule && !rule) {
                continue;
            }
            Trigger trigger = new Trigger(event.getKey(), type, event.getValue().path("Properties"));
            if (eventName != null) {
                if (event.getKey().equals(eventName)) {
                    return Optional.of(trigger);
                }
            } else if (schedule) {
                return Optional.of(trigger);
            } else if (firstRule == null) {
                firstRule = trigger;
            }
        }
        return eventName == null ? Optional.ofNullable(firstRule) : Optional.empty();
    }

    /**
     * The event JSON for a trigger of {@code functionId}, with {@code overrides} (the request body, may be empty)
     * applied.
     */
    static JsonNode build(String functionId, Trigger trigger, String overrides, Instant now, String region,
                          String accountId) {
        ObjectNode override = readOverrides(overrides);
        JsonNode input = trigger.properties().get("Input");
        JsonNode event;
        if (input != null && input.isTextual()) {
            try {
                event = JSON.readTree(input.asText());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("the Input of " + functionId + "." + trigger.name()
                        + " in template.yaml is not JSON", e);
            }
        } else {
            event = scheduledEvent(functionId, trigger, now, region, accountId);
        }
        if (event instanceof ObjectNode object) {
            override.properties().forEach(e -> object.set(e.getKey(), e.getValue()));
        }
        return event;
    }

    private static ObjectNode scheduledEvent(String functionId, Trigger trigger, Instant now, String region,
                                             String accountId) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        String source = "aws.events";
        String detailType = "Scheduled Event";
        String resource;
        String name = trigger.properties().path("Name").asText(functionId + trigger.name());
        switch (trigger.type()) {
            case "ScheduleV2" -> {
                source = "aws.scheduler";
                resource = "arn:aws:scheduler:" + region + ":" + accountId + ":schedule/"
                        + trigger.properties().path("GroupName").asText("default") + "/" + name;
            }
            case "Schedule" -> resource = "arn:aws:events:" + region + ":" + accountId + ":rule/" + name;
            default -> {
                JsonNode pattern = trigger.properties().path("Pattern");
                source = first(pattern.path("source"), "local.manual");
                detailType = first(pattern.path("detail-type"), "Manual Event");
                resource = null;
            }
        }
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", accountId);
        event.put("time", now.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region);
        var resources = event.putArray("resources");
        if (resource != null) {
            resources.add(resource);
        }
        event.putObject("detail");
        return event;
    }

    private static String first(JsonNode values, String fallback) {
        JsonNode value = values.isArray() ? values.path(0) : values;
        return value.isTextual() ? value.asText() : fallback;
    }

    private static ObjectNode readOverrides(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        ObjectNode overrides = com.platform.billing.api.Json.readObject(body);
        JsonNode time = overrides.get("time");
        if (time != null) {
            if (!time.isTextual()) {
                throw new MalformedRequestException("time must be a string.");
            }
            try {
                overrides.put("time", OffsetDateTime.parse(time.asText()).toInstant()
                        .truncatedTo(ChronoUnit.SECONDS).toString());
            } catch (DateTimeParseException e) {
                throw new InvalidRequestException("time", "time must be an ISO-8601 instant with an offset,"
                        + " e.g. 2026-12-01T00:00:00+07:00.");
            }
        }
        JsonNode detail = overrides.get("detail");
        if (detail != null && !detail.isObject()) {
            throw new InvalidRequestException("detail", "detail must be a JSON object.");
        }
        return overrides;
    }
}
