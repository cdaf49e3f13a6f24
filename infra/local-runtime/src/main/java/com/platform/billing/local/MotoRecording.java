package com.platform.billing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * moto's request recording, which is how local data persists. moto_server 5 keeps its state in memory only, but
 * with {@code MOTO_ENABLE_RECORDING} it appends every request it serves to a file, and
 * {@code POST /moto-api/recorder/replay-recording} replays that file into a fresh server. Replaying the same writes
 * in the same order rebuilds the same state (ids and timestamps travel in the requests). Before each start the file
 * is compacted: requests that change nothing (reads, describes, moto's own API) and a torn last line (a kill
 * mid-write) are dropped.
 */
final class MotoRecording {

    static final String FILE_NAME = "moto-recording.jsonl";

    /**
     * Operations that change no state, by the AWS naming convention for reads ({@code Get…}, {@code BatchGet…},
     * {@code Describe…}, {@code List…}) plus DynamoDB's {@code Query} and {@code Scan}.
     */
    private static final List<String> READ_PREFIXES = List.of("Get", "BatchGet", "Describe", "List");
    private static final Set<String> READS = Set.of("Query", "Scan");
    private static final ObjectMapper JSON = new ObjectMapper();

    private MotoRecording() {
    }

    /** Rewrites the recording without read-only requests or broken lines; returns how many requests remain. */
    static int compact(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry;
            try {
                entry = JSON.readTree(line);
            } catch (IOException torn) {
                continue;
            }
            if (changesState(entry)) {
                kept.add(line);
            }
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, kept, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return kept.size();
    }

    static boolean changesState(JsonNode entry) {
        if (!entry.isObject() || !entry.has("method") || !entry.has("url")) {
            return false;
        }
        String url = entry.path("url").asText();
        if (url.contains("/moto-api/")) {
            return false;
        }
        String method = entry.path("method").asText();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return false;
        }
        String target = "";
        for (var header : entry.path("headers").properties()) {
            if (header.getKey().equalsIgnoreCase("x-amz-target")) {
                target = header.getValue().asText();
            }
        }
        String operation = target.substring(target.lastIndexOf('.') + 1);
        return !READS.contains(operation) && READ_PREFIXES.stream().noneMatch(operation::startsWith);
    }
}
