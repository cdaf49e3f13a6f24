package com.platform.billing.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a refusal must look like, checked against the spec: a 4xx the operation documents, as
 * {@code application/problem+json} valid against {@code Problem}, with a documented {@code type} of the expected
 * status, and nothing internal in it (no exception or library names, no stack frames, no echo of a huge input).
 * Each check returns what is wrong (empty = fine) so a sweep reports every bad input of a route at once.
 */
final class Verdicts {

    /** Text that only an exception, a stack trace or a library's own message would put in a body. */
    private static final List<String> LEAKS = List.of("exception", "\tat ", "at com.", "at java.", "java.lang",
            "java.util", "com.fasterxml", "jackson", "software.amazon", "caused by", "stacktrace", "nullpointer",
            "dynamodb", "conditionalcheck", "transactioncanceled", "com.platform", ".java:");
    private static final int MAX_PROBLEM_BYTES = 4096;

    private final OpenApiSpec spec;

    Verdicts(OpenApiSpec spec) {
        this.spec = spec;
    }

    /** A problem response of {@code expectedStatus} (any 4xx when null) that the operation documents. */
    Optional<String> problem(String routeKey, LocalService.Reply reply, Integer expectedStatus, String expectedCode) {
        List<String> wrong = new ArrayList<>();
        int status = reply.status();
        if (expectedStatus != null ? status != expectedStatus : status < 400 || status >= 500) {
            wrong.add("status " + status + ", expected " + (expectedStatus != null ? expectedStatus : "4xx"));
        }
        if (!reply.contentType().startsWith(OpenApiSpec.PROBLEM_JSON)) {
            wrong.add("content-type '" + reply.contentType() + "', expected " + OpenApiSpec.PROBLEM_JSON);
        }
        noLeak(reply).ifPresent(wrong::add);
        if (wrong.isEmpty()) {
            JsonNode body = reply.json();
            List<String> errors = spec.validate(spec.root().path("components").path("schemas").path("Problem"), body);
            if (!errors.isEmpty()) {
                wrong.add("not a documented Problem: " + errors);
            }
            if (body.path("status").asInt() != status) {
                wrong.add("problem status " + body.path("status") + " differs from HTTP " + status);
            }
            if (expectedCode != null && !body.path("type").asText().equals("urn:problem-type:billing:"
                    + expectedCode)) {
                wrong.add("type " + body.path("type").asText() + ", expected " + expectedCode);
            }
            documented(routeKey, reply).ifPresent(wrong::add);
            listedFor(routeKey, body.path("type").asText()).ifPresent(wrong::add);
        }
        return wrong.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", wrong) + " — got " + reply);
    }

    /** API Gateway's own refusal ({@code {"message":"Unauthorized"|"Forbidden"}}), documented for the operation. */
    Optional<String> gatewayRefusal(String routeKey, LocalService.Reply reply, int expectedStatus) {
        String message = expectedStatus == 401 ? "Unauthorized" : "Forbidden";
        if (reply.status() != expectedStatus || !reply.contentType().startsWith("application/json")
                || !reply.json().path("message").asText().equals(message)) {
            return Optional.of("expected API Gateway's " + expectedStatus + " {\"message\":\"" + message
                    + "\"}, got " + reply);
        }
        return documented(routeKey, reply);
    }

    /** The status is one the operation lists, and the body validates against that response's schema. */
    Optional<String> documented(String routeKey, LocalService.Reply reply) {
        Optional<JsonNode> response = spec.response(routeKey, reply.status());
        if (response.isEmpty()) {
            return Optional.of("status " + reply.status() + " is not documented for " + routeKey + " in openapi.yaml");
        }
        String mediaType = reply.contentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
        JsonNode media = response.get().path("content").path(mediaType);
        if (media.isMissingNode()) {
            return Optional.of(routeKey + " " + reply.status() + " is documented without " + mediaType);
        }
        List<String> errors = spec.validate(media.path("schema"), reply.json());
        return errors.isEmpty() ? Optional.empty()
                : Optional.of(routeKey + " " + reply.status() + " body does not match openapi.yaml: " + errors);
    }

    /** The problem's code is one the operation names in {@code x-problem-codes}. */
    private Optional<String> listedFor(String routeKey, String type) {
        String code = type.substring(type.lastIndexOf(':') + 1);
        for (JsonNode listed : spec.requiredOperation(routeKey).path("x-problem-codes")) {
            if (listed.asText().equals(code)) {
                return Optional.empty();
            }
        }
        return Optional.of(routeKey + " answered " + code + ", which its x-problem-codes in openapi.yaml do not list");
    }

    static Optional<String> noLeak(LocalService.Reply reply) {
        String lower = reply.body().toLowerCase(Locale.ROOT);
        for (String leak : LEAKS) {
            if (lower.contains(leak)) {
                return Optional.of("the body contains internal text '" + leak + "'");
            }
        }
        if (reply.status() >= 400 && reply.body().length() > MAX_PROBLEM_BYTES) {
            return Optional.of("a " + reply.body().length() + "-byte error body (input echoed?)");
        }
        return Optional.empty();
    }
}
