package com.platform.billing.bench.cold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The HTTP sample events under infra/events (the files {@code sam local invoke -e} takes), indexed by route key, and
 * fresh copies of them for each cold start: a new request id and time, and a new Idempotency-Key when the sample has
 * one, so every run takes the same path (a first application, never a replay).
 */
final class SampleEvents {

    /** The template for devkit's HttpEvents, not a route's sample. */
    private static final String BASE = "http-base.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Map<String, Path> byRouteKey;

    private SampleEvents(Map<String, Path> byRouteKey) {
        this.byRouteKey = byRouteKey;
    }

    static SampleEvents load(Path folder) {
        Map<String, Path> byRouteKey = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                if (file.getFileName().toString().equals(BASE)) {
                    continue;
                }
                JsonNode routeKey = JSON.readTree(file.toFile()).path("routeKey");
                if (routeKey.isTextual()) {
                    byRouteKey.putIfAbsent(routeKey.asText(), file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample events in " + folder, e);
        }
        return new SampleEvents(byRouteKey);
    }

    Optional<Path> forRoute(String routeKey) {
        return Optional.ofNullable(byRouteKey.get(routeKey));
    }

    /** A fresh copy of {@code sample} written to {@code target}. */
    static Path freshCopy(Path sample, Path target) {
        return freshCopy(sample, target, ColdStartFixtures.SampleEdit.NONE);
    }

    /** A fresh copy of {@code sample}, then {@code edit} (what the run's fixture needs it to say), to {@code target}. */
    static Path freshCopy(Path sample, Path target, ColdStartFixtures.SampleEdit edit) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(sample.toFile());
            long now = Instant.now().toEpochMilli();
            if (event.path("requestContext") instanceof ObjectNode context) {
                context.put("requestId", UUID.randomUUID().toString());
                context.put("timeEpoch", now);
                context.put("time", REQUEST_TIME.format(Instant.ofEpochMilli(now)));
            }
            if (event.path("headers") instanceof ObjectNode headers && headers.has("idempotency-key")) {
                headers.put("idempotency-key", "bench-" + UUID.randomUUID());
            }
            edit.apply(event);
            Files.createDirectories(target.getParent());
            Files.writeString(target, JSON.writeValueAsString(event));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the sample event " + sample, e);
        }
    }
}
