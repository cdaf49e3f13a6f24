package com.platform.billing.local;

import com.platform.billing.devkit.AwsBackend;
import com.platform.billing.devkit.MotoServer;
import com.platform.billing.devkit.RepoRoot;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

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
        int port = MotoServer.freePort();
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p",
                Integer.toString(port));
        builder.environment().put("MOTO_ENABLE_RECORDING", "True");
        builder.environment().put("MOTO_RECORDER_FILEPATH", recording.toAbsolutePath().toString());
        fasterTransactions(builder);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("moto_server.log").toFile()));
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process)));
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            awaitReady(process, http, endpoint);
            if (requests > 0) {
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
            }
        } catch (IOException | RuntimeException e) {
            stop(process);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            throw new IOException("interrupted while starting moto_server", e);
        }
        return new LocalBackend(endpoint, "moto_server " + endpoint + " recording to " + recording,
                () -> stop(process));
    }

    /** The repository's moto patch (one table snapshot per transaction instead of per item), as the devkit uses. */
    private static void fasterTransactions(ProcessBuilder builder) {
        try {
            Path patches = RepoRoot.get().resolve("infra/moto");
            if (Files.exists(patches.resolve("sitecustomize.py"))) {
                String existing = builder.environment().get("PYTHONPATH");
                builder.environment().put("PYTHONPATH", existing == null || existing.isBlank() ? patches.toString()
                        : patches + File.pathSeparator + existing);
            }
        } catch (IllegalStateException outsideRepository) {
            // plain moto
        }
    }

    private static void awaitReady(Process process, HttpClient http, URI endpoint)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("moto_server exited with " + process.exitValue());
            }
            try {
                http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("moto_server did not become ready within 60 s");
    }

    /**
     * Stops the recording moto_server at once: the recorder has already written every request it answered (one
     * append per request), and the runtime stops only after its own requests finished, so nothing is lost.
     */
    private static void stop(Process process) {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
