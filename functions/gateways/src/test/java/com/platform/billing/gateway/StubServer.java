package com.platform.billing.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A gateway stand-in on 127.0.0.1 (the JDK's own HTTP server): records every request and answers with what the test
 * scripted. Never the internet.
 */
public final class StubServer implements AutoCloseable {

    /** A request as the stub saw it. Header names are lower-case. */
    public record Recorded(String method, String path, String query, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What to answer. */
    public record Reply(int status, String body, Duration delay) {

        public static Reply json(int status, String body) {
            return new Reply(status, body, Duration.ZERO);
        }

        public static Reply slow(Duration delay) {
            return new Reply(200, "{}", delay);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();
    private volatile Reply reply = Reply.json(200, "{}");

    public StubServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public URI url(String path) {
        return URI.create(baseUrl() + path);
    }

    public void reply(Reply next) {
        this.reply = next;
    }

    public void reply(int status, String json) {
        this.reply = Reply.json(status, json);
    }

    /** The next recorded request (waits briefly: the client may still be sending). */
    public Recorded take() {
        try {
            Recorded recorded = requests.poll(5, TimeUnit.SECONDS);
            if (recorded == null) {
                throw new AssertionError("the stub received no request");
            }
            return recorded;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public int pending() {
        return requests.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, body));
        Reply current = reply;
        try {
            if (!current.delay().isZero()) {
                Thread.sleep(current.delay().toMillis());
            }
            byte[] bytes = current.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(current.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the client timed out and closed the connection: expected in timeout tests
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
