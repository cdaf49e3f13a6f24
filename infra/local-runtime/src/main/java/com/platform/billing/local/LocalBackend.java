package com.platform.billing.local;

import com.platform.billing.devkit.AwsBackend;
import com.platform.billing.devkit.MotoServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The DynamoDB-compatible endpoint behind the local runtime:
 * <ul>
 *   <li>an endpoint given with {@code --endpoint} / {@code AWS_ENDPOINT_URL} (kept running when we stop: its data is
 *       its own business);</li>
 *   <li>with a data directory, a moto_server started here with request recording into that directory, and the
 *       recording replayed at start ({@link MotoRecording});</li>
 *   <li>otherwise a fresh moto_server (or what else the devkit's {@link AwsBackend} finds), stopped when we stop.</li>
 * </ul>
 */
final class LocalBackend implements AutoCloseable {

    private final URI endpoint;
    private final String description;
    private final AutoCloseable owned;

    private LocalBackend(URI endpoint, String description, AutoCloseable owned) {
        this.endpoint = endpoint;
        this.description = description;
        this.owned = owned;
    }

    static LocalBackend start(LocalOptions options) throws IOException {
        if (options.endpoint() != null) {
            if (options.persistent()) {
                RuntimeLog.info("data lives in the given endpoint's backend; the data directory keeps the token key",
                        "endpoint", options.endpoint(), "dataDir", options.dataDir());
            }
            return new LocalBackend(options.endpoint(), "endpoint " + options.endpoint(), null);
        }
        if (options.persistent()) {
            return recordingMoto(options.dataDir());
        }
        Path log = Files.createTempFile("billing-local-moto-", ".log");
        AwsBackend backend = AwsBackend.start(log);
        return new LocalBackend(backend.endpoint(), backend.description() + " (log " + log + ")", backend);
    }

    URI endpoint() {
        return endpoint;
    }

    String description() {
        return description;
    }

    private static LocalBackend recordingMoto(Path dataDir) throws IOException {
        Path executable = MotoServer.findExecutable().orElseThrow(() -> new IllegalStateException(
                "--persist needs moto_server: run infra/scripts/ensure-tools.sh (installs it into .venv), or pass"
                        + " --endpoint / AWS_ENDPOINT_URL for an emulator that keeps its own data"));
        Files.createDirectories(dataDir);
        Path recording = dataDir.resolve(MotoRecording.FILE_NAME);
        int requests = MotoRecording.compact(recording);
        MotoServer server = MotoServer.start(executable, 0, dataDir.resolve("moto_server.log"), Map.of(
                "MOTO_ENABLE_RECORDING", "True",
                "MOTO_RECORDER_FILEPATH", recording.toAbsolutePath().toString()));
        URI endpoint = server.endpoint();
        if (requests > 0) {
            try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
                long started = System.nanoTime();
                HttpResponse<String> replay = http.send(HttpRequest.newBuilder(
                                endpoint.resolve("/moto-api/recorder/replay-recording"))
                        .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (replay.statusCode() != 200) {
                    throw new IOException("moto_server could not replay " + recording + " (HTTP "
                            + replay.statusCode() + ")");
                }
                RuntimeLog.info("restored local data", "dataDir", dataDir, "requests", requests, "replayMs",
                        (System.nanoTime() - started) / 1_000_000);
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.close();
                throw new IOException("interrupted while replaying " + recording, e);
            }
        }
        return new LocalBackend(endpoint, "moto_server " + endpoint + " recording to " + recording, server);
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                RuntimeLog.warn("could not stop the backend cleanly", "backend", description);
            }
        }
    }
}
