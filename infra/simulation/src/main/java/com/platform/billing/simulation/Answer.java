package com.platform.billing.simulation;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.api.Json;

/** A function's HTTP answer as the caller sees it: status, parsed body, problem code, replay header. */
record Answer(int status, JsonNode body, String problem, boolean replayed) {

    private static final String PROBLEM_PREFIX = "urn:problem-type:billing:";

    static Answer of(APIGatewayV2HTTPResponse response) {
        return of(response.getStatusCode(), response.getBody(),
                response.getHeaders() != null && "true".equals(response.getHeaders().get("idempotent-replayed")));
    }

    static Answer of(int status, String body, boolean replayed) {
        JsonNode parsed = body == null || body.isBlank() ? Json.object() : Json.readObject(body);
        String type = parsed.path("type").asText("");
        return new Answer(status, parsed, type.startsWith(PROBLEM_PREFIX) ? type.substring(PROBLEM_PREFIX.length())
                : "", replayed);
    }

    /** No answer at all: the function failed (Lambda reports an error to the caller). */
    static Answer crashed() {
        return new Answer(502, Json.object(), "function-error", false);
    }

    boolean ok() {
        return status / 100 == 2;
    }

    boolean is(int code, String problemCode) {
        return status == code && problem.equals(problemCode);
    }

    @Override
    public String toString() {
        String detail = body.path("detail").asText("");
        return status + (problem.isEmpty() ? "" : " " + problem) + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
