package com.platform.billing.devkit;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code moto_server} child process on a free loopback port. Found, in order: {@code MOTO_SERVER} (a path), the
 * project's own venv ({@code .venv/bin/moto_server}, made by infra/scripts/ensure-tools.sh), the PATH.
 */
public final class MotoServer implements AutoCloseable {

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static Optional<Path> findExecutable() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("MOTO_SERVER");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        try {
            candidates.add(RepoRoot.get().resolve(".venv/bin/moto_server"));
        } catch (IllegalStateException noRoot) {
            // running outside the repository (e.g. a packaged jar): PATH only
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, "moto_server"));
                }
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    public static MotoServer start(Path executable, int port, Path log) throws IOException {
        return start(executable, port, log, Map.of());
    }

    /** As {@link #start(Path, int, Path)}, with extra environment for the server (e.g. moto's request recorder). */
    public static MotoServer start(Path executable, int port, Path log, Map<String, String> environment)
            throws IOException {
        int chosen = port > 0 ? port : freePort();
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p",
                Integer.toString(chosen));
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        speedUpTransactions(builder);
        builder.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(
                log.toFile()));
        Process process = builder.start();
        URI endpoint = URI.create("http://127.0.0.1:" + chosen);
        MotoServer server = new MotoServer(process, endpoint);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.awaitReady(Duration.ofSeconds(60));
        return server;
    }

    /**
     * Puts infra/moto on the server's PYTHONPATH: its sitecustomize makes moto snapshot a table once per transaction
     * instead of once per transaction item (same semantics, several times faster). Skipped outside the repository.
     */
    private static void speedUpTransactions(ProcessBuilder builder) {
        try {
            Path patches = RepoRoot.get().resolve("infra/moto");
            if (Files.exists(patches.resolve("sitecustomize.py"))) {
                String existing = builder.environment().get("PYTHONPATH");
                builder.environment().put("PYTHONPATH", existing == null || existing.isBlank() ? patches.toString()
                        : patches + java.io.File.pathSeparator + existing);
            }
        } catch (IllegalStateException noRoot) {
            // packaged use: plain moto
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    private void awaitReady(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("moto_server exited with " + process.exitValue());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL()
                        .openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                if (connection.getResponseCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for moto_server", e);
            }
        }
        close();
        throw new IOException("moto_server did not become ready within " + timeout);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
