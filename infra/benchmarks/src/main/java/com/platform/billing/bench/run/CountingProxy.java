package com.platform.billing.bench.run;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A pass-through HTTP proxy on 127.0.0.1 in front of the AWS backend that counts DynamoDB requests by API operation
 * (the {@code X-Amz-Target: DynamoDB_20120810.<Operation>} header every DynamoDB JSON request carries). The local
 * runtime's functions build their own SDK clients from {@code AWS_ENDPOINT_URL}, so a counter cannot be attached to
 * them; pointing the runtime at this proxy counts every request they send, retries included, without touching them.
 * Other services' requests (Secrets Manager at init) are forwarded and not counted.
 */
final class CountingProxy implements AutoCloseable {

    private static final String DYNAMODB_TARGET = "DynamoDB_20120810.";
    /** Headers the JDK client sets itself (or refuses), and hop-by-hop ones. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "date");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(16);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    private CountingProxy(URI target, HttpServer server) {
        this.target = target;
        this.server = server;
    }

    static CountingProxy start(URI target) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        CountingProxy proxy = new CountingProxy(target, server);
        server.createContext("/", proxy::forward);
        server.setExecutor(proxy.workers);
        server.start();
        return proxy;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void reset() {
        counts.clear();
    }

    /** DynamoDB requests since the last {@link #reset()}, by operation (sorted). */
    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((operation, n) -> copy.put(operation, n.sum()));
        return copy;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (amzTarget != null && amzTarget.startsWith(DYNAMODB_TARGET)) {
                counts.computeIfAbsent(amzTarget.substring(DYNAMODB_TARGET.length()), k -> new LongAdder())
                        .increment();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .timeout(Duration.ofSeconds(120))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    header.getValue().forEach(value -> request.header(header.getKey(), value));
                }
            }
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            Headers out = exchange.getResponseHeaders();
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                    out.put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(answer);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        client.close();
    }
}
