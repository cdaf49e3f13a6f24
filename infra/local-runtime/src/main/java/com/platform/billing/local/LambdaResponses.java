package com.platform.billing.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a function's output into the HTTP response, the way API Gateway reads a payload 2.0 response: an object
 * with {@code statusCode} gives status, {@code headers}, {@code multiValueHeaders}, {@code cookies} (each a
 * {@code set-cookie}) and {@code body} (base64-decoded when {@code isBase64Encoded}); any other JSON is a 200
 * {@code application/json} body; output that is not JSON, or a malformed response, is API Gateway's 500.
 */
final class LambdaResponses {

    static final LocalHttpResponse INTERNAL_SERVER_ERROR = LocalHttpResponse.text(500, "application/json",
            "{\"message\":\"Internal Server Error\"}");

    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaResponses() {
    }

    static LocalHttpResponse fromOutput(byte[] output, String functionId) {
        JsonNode node;
        try {
            node = JSON.readTree(output);
        } catch (IOException notJson) {
            node = null;
        }
        if (node == null || node.isMissingNode()) {
            RuntimeLog.warn("function output is not JSON: API Gateway answers 500", "function", functionId);
            return INTERNAL_SERVER_ERROR;
        }
        if (!node.isObject() || !node.has("statusCode")) {
            String body = node.isTextual() ? node.asText() : new String(output, StandardCharsets.UTF_8);
            return LocalHttpResponse.text(200, "application/json", body);
        }
        JsonNode status = node.get("statusCode");
        if (!status.canConvertToInt() || status.asInt() < 100 || status.asInt() > 599) {
            RuntimeLog.warn("function returned an invalid statusCode: API Gateway answers 500", "function",
                    functionId);
            return INTERNAL_SERVER_ERROR;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        node.path("headers").properties().forEach(h -> add(headers, h.getKey(), h.getValue().asText()));
        node.path("multiValueHeaders").properties().forEach(h -> h.getValue().forEach(v ->
                add(headers, h.getKey(), v.asText())));
        node.path("cookies").forEach(cookie -> add(headers, "set-cookie", cookie.asText()));
        byte[] body = new byte[0];
        JsonNode bodyNode = node.get("body");
        if (bodyNode != null && !bodyNode.isNull()) {
            if (node.path("isBase64Encoded").asBoolean(false)) {
                try {
                    body = Base64.getDecoder().decode(bodyNode.asText());
                } catch (IllegalArgumentException badBase64) {
                    RuntimeLog.warn("function returned a body that is not base64: API Gateway answers 500",
                            "function", functionId);
                    return INTERNAL_SERVER_ERROR;
                }
            } else {
                body = bodyNode.asText().getBytes(StandardCharsets.UTF_8);
            }
        }
        return new LocalHttpResponse(status.asInt(), headers, body);
    }

    /** A response a library built for API Gateway (e.g. the service's {@code Problems}), as a local response. */
    static LocalHttpResponse fromApiGateway(APIGatewayV2HTTPResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> add(headers, name, value));
        }
        String body = response.getBody() == null ? "" : response.getBody();
        return new LocalHttpResponse(response.getStatusCode(), headers, response.getIsBase64Encoded()
                ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8));
    }

    private static void add(Map<String, List<String>> headers, String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), n -> new ArrayList<>()).add(value);
    }
}
