package com.platform.billing.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Runs a stream handler exactly as Lambda does (event JSON in, response JSON out) and reads its HTTP answers. */
public final class StreamHandlers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamHandlers() {
    }

    public static JsonNode invoke(RequestStreamHandler handler, String eventJson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, null);
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parsed body of an HTTP response the stream handler wrote. */
    public static JsonNode body(JsonNode response) {
        try {
            return JSON.readTree(response.path("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response is an {@code application/problem+json} of {@code status} with type {@code urn:…:billing:<type>}. */
    public static void assertProblem(JsonNode response, int status, String type) {
        assertEquals(status, response.path("statusCode").asInt(), response.toString());
        assertEquals("application/problem+json", response.path("headers").path("content-type").asText());
        assertEquals("urn:problem-type:billing:" + type, body(response).path("type").asText(), response.toString());
    }
}
