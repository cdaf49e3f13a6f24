package com.platform.billing.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Json;
import com.platform.billing.api.Log;
import com.platform.billing.domain.payment.GatewayException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One gateway's HTTP client: the JDK's {@link HttpClient} with a connect timeout, a per-request timeout, no
 * redirects and <b>no retries</b> (a payment call is retried, if at all, by the use case that knows whether that is
 * safe). Transport failures become {@link GatewayException}: {@code timeout=true} when no answer came in time (the
 * outcome at the gateway is unknown), {@code false} when the gateway could not be reached or answered an error.
 * Logs one structured line per call with provider, operation, HTTP status and latency — never a header or a body.
 */
public final class GatewayHttp {

    /** An answer of the gateway: HTTP status and body text. */
    public record Response(int status, String body) {

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        public boolean isServerError() {
            return status >= 500;
        }

        /** The body as JSON, or null when it is empty or not JSON (an error page of a proxy, say). */
        public JsonNode jsonOrNull() {
            if (body == null || body.isBlank()) {
                return null;
            }
            try {
                return Json.MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                return null;
            }
        }
    }

    private final String provider;
    private final HttpClient client;
    private final Duration requestTimeout;

    public GatewayHttp(String provider, Duration connectTimeout, Duration requestTimeout) {
        this.provider = provider;
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public String provider() {
        return provider;
    }

    public Response get(String operation, URI uri, String authorization) {
        return send(operation, HttpRequest.newBuilder(uri).GET()
                .header("Authorization", authorization)
                .header("Accept", "application/json"));
    }

    public Response postJson(String operation, URI uri, String authorization, ObjectNode body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(operation, request);
    }

    /** Sends a request built by the caller, with this client's request timeout. */
    public Response send(String operation, HttpRequest.Builder request) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.timeout(requestTimeout).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            log(operation, started, response.statusCode(), null);
            return new Response(response.statusCode(), response.body());
        } catch (HttpTimeoutException e) {
            log(operation, started, 0, "timeout");
            throw new GatewayException(provider + " " + operation + ": no answer within the timeout", true, e);
        } catch (IOException e) {
            log(operation, started, 0, "unreachable");
            throw new GatewayException(provider + " " + operation + ": could not reach the gateway ("
                    + e.getClass().getSimpleName() + ")", false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log(operation, started, 0, "interrupted");
            throw new GatewayException(provider + " " + operation + ": interrupted", false, e);
        }
    }

    private void log(String operation, long started, int status, String failure) {
        ObjectNode line = Log.line(failure == null && status < 500 ? "INFO" : "WARN", "gateway call");
        line.put("provider", provider);
        line.put("operation", operation);
        if (status > 0) {
            line.put("httpStatus", status);
        }
        if (failure != null) {
            line.put("failure", failure);
        }
        line.put("latencyMs", (System.nanoTime() - started) / 1_000_000);
        Log.emit(line);
    }

    /** A refusal or error answer, summarised for logs and exception messages (short, no body echo beyond that). */
    public GatewayException error(String operation, Response response, String detail) {
        String summary = provider + " " + operation + " answered HTTP " + response.status();
        if (detail != null && !detail.isBlank()) {
            summary += ": " + (detail.length() > 200 ? detail.substring(0, 200) + "…" : detail);
        }
        return new GatewayException(summary, false, null);
    }
}
