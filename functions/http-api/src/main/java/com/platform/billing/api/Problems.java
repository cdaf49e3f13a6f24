package com.platform.billing.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.domain.BillingException;
import com.platform.billing.domain.InvalidRequestException;
import java.util.Map;

/**
 * RFC 9457 problem responses. The {@code type} is {@code urn:problem-type:billing:<code>}, stable across releases;
 * every code and its status is listed here and in docs/problems.md. Details are written for the caller; nothing
 * internal (exception text of libraries, stack traces) ever reaches a response.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:problem-type:billing:";
    public static final String CONTENT_TYPE = "application/problem+json";

    /** Status and title of each problem code. Codes not listed answer 422 (a refusal of well-formed input). */
    private static final Map<String, Status> STATUSES = Map.ofEntries(
            Map.entry("malformed-request", new Status(400, "Malformed request")),
            Map.entry("invalid-request", new Status(400, "Invalid request")),
            Map.entry("unauthenticated", new Status(401, "Unauthenticated")),
            Map.entry("callback-unauthenticated", new Status(401, "Callback not authentic")),
            Map.entry("forbidden", new Status(403, "Forbidden")),
            Map.entry("not-found", new Status(404, "Not found")),
            Map.entry("concurrent-update", new Status(409, "Concurrent update")),
            Map.entry("negative-balance", new Status(409, "Balance is negative")),
            Map.entry("insufficient-credit", new Status(422, "Insufficient credit")),
            Map.entry("idempotency-key-reused", new Status(422, "Idempotency key reused")),
            Map.entry("currency-mismatch", new Status(422, "Currency mismatch")),
            Map.entry("internal", new Status(500, "Internal error")));

    private record Status(int code, String title) {
    }

    private Problems() {
    }

    public static int statusOf(String code) {
        Status status = STATUSES.get(code);
        return status == null ? 422 : status.code();
    }

    public static APIGatewayV2HTTPResponse from(BillingException error, String instance) {
        ObjectNode body = problem(error.code(), error.getMessage(), instance);
        if (error instanceof InvalidRequestException invalid && !invalid.field().isEmpty()) {
            body.putArray("errors").addObject().put("field", invalid.field()).put("detail", invalid.getMessage());
        }
        return response(statusOf(error.code()), body);
    }

    public static APIGatewayV2HTTPResponse of(String code, String detail, String instance) {
        return response(statusOf(code), problem(code, detail, instance));
    }

    public static ObjectNode problem(String code, String detail, String instance) {
        Status status = STATUSES.getOrDefault(code, new Status(422, "Request refused"));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", TYPE_PREFIX + code);
        body.put("title", status.title());
        body.put("status", status.code());
        body.put("detail", detail);
        if (instance != null && !instance.isEmpty()) {
            body.put("instance", instance);
        }
        return body;
    }

    public static APIGatewayV2HTTPResponse response(int status, ObjectNode body) {
        return HttpResponses.withBody(status, CONTENT_TYPE, body);
    }
}
