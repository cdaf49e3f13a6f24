package com.platform.billing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Json;
import com.platform.billing.api.JsonFields;
import com.platform.billing.api.MalformedRequestException;
import com.platform.billing.domain.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The runtime's own endpoints under {@code /_local/} (no authorizer: the runtime listens on 127.0.0.1 only).
 * <ul>
 *   <li>{@code GET /_local/health} → 200;</li>
 *   <li>{@code GET /_local/functions} → each function, its routes, and whether it is available;</li>
 *   <li>{@code POST /_local/tokens {"sub":"u1","orgs":["org-1"],"roles":["admin"]}} → {@code {"token": …}}, a
 *       12-hour console JWT the runtime's authorizer accepts;</li>
 *   <li>{@code POST /_local/schedules/{FunctionLogicalId}[?event=Name]} with an optional JSON body of event
 *       overrides → fires the function's schedule event and answers 200 with what the function returned.</li>
 * </ul>
 */
final class LocalEndpoints {

    static final String PREFIX = "/_local";

    /** A claim value must survive API Gateway's "[a b]" rendering: no blanks, brackets, quotes or commas. */
    private static final Pattern CLAIM_VALUE = Pattern.compile("[^\\s\\[\\]\",]{1,128}");
    private static final int MAX_LIST = 100;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, FunctionHost> functions;
    private final Routes routes;
    private final JsonNode template;
    private final LocalJwt jwt;
    private final Clock clock;
    private final String region;

    LocalEndpoints(Map<String, FunctionHost> functions, Routes routes, JsonNode template, LocalJwt jwt, Clock clock,
                   String region) {
        this.functions = functions;
        this.routes = routes;
        this.template = template;
        this.jwt = jwt;
        this.clock = clock;
        this.region = region;
    }

    LocalHttpResponse handle(LocalHttpRequest request) {
        String path = request.rawPath();
        String method = request.method();
        if (path.equals(PREFIX + "/health")) {
            return method.equals("GET") || method.equals("HEAD") ? health() : notAllowed(path, "GET");
        }
        if (path.equals(PREFIX + "/functions")) {
            return method.equals("GET") ? functions() : notAllowed(path, "GET");
        }
        if (path.equals(PREFIX + "/tokens")) {
            return method.equals("POST") ? token(request) : notAllowed(path, "POST");
        }
        if (path.startsWith(PREFIX + "/schedules/") && path.length() > (PREFIX + "/schedules/").length()) {
            return method.equals("POST") ? schedule(request, path.substring((PREFIX + "/schedules/").length()))
                    : notAllowed(path, "POST");
        }
        return LocalHttpResponse.problem("not-found", "No local endpoint " + path + "; see GET /_local/functions"
                + " for the routes of template.yaml.", path);
    }

    private LocalHttpResponse health() {
        long available = functions.values().stream().filter(FunctionHost::available).count();
        ObjectNode body = NODES.objectNode();
        body.put("status", "ok");
        body.put("functions", functions.size());
        body.put("unavailableFunctions", functions.size() - available);
        return LocalHttpResponse.json(200, body);
    }

    private LocalHttpResponse functions() {
        ArrayNode list = NODES.arrayNode();
        functions.values().forEach(function -> {
            ObjectNode node = list.addObject();
            node.put("logicalId", function.spec().logicalId());
            node.put("handler", function.spec().handler());
            node.put("available", function.available());
            function.failure().ifPresent(reason -> node.put("unavailableBecause", reason));
            ArrayNode routeKeys = node.putArray("routes");
            routes.all().stream().filter(r -> r.functionId().equals(function.spec().logicalId()))
                    .forEach(r -> routeKeys.add(r.routeKey() + " (" + r.auth() + ")"));
            ArrayNode triggers = node.putArray("schedules");
            template.path("Resources").path(function.spec().logicalId()).path("Properties").path("Events")
                    .properties().forEach(e -> {
                        String type = e.getValue().path("Type").asText();
                        if (ScheduleEvents.SCHEDULE_TYPES.contains(type) || ScheduleEvents.RULE_TYPES.contains(type)) {
                            triggers.add(e.getKey() + " (" + type + ")");
                        }
                    });
        });
        ObjectNode body = NODES.objectNode();
        body.set("functions", list);
        return LocalHttpResponse.json(200, body);
    }

    private LocalHttpResponse token(LocalHttpRequest request) {
        ObjectNode body = Json.readObject(request.bodyText());
        JsonFields.onlyKnown(body, Set.of("sub", "orgs", "roles"));
        String subject = JsonFields.requiredText(body, "sub");
        if (!CLAIM_VALUE.matcher(subject).matches()) {
            throw new InvalidRequestException("sub", "sub must be 1-128 characters without blanks, brackets,"
                    + " quotes or commas.");
        }
        List<String> orgs = claimList(body, "orgs");
        List<String> roles = claimList(body, "roles");
        ObjectNode response = NODES.objectNode();
        response.put("token", jwt.mint(subject, orgs, roles));
        response.put("tokenType", "Bearer");
        response.put("expiresIn", LocalJwt.LIFETIME.toSeconds());
        return LocalHttpResponse.json(200, response);
    }

    private static List<String> claimList(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new MalformedRequestException(field + " must be a JSON array of strings.");
        }
        if (node.size() > MAX_LIST) {
            throw new InvalidRequestException(field, field + " may hold at most " + MAX_LIST + " values.");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw new MalformedRequestException(field + " must be a JSON array of strings.");
            }
            if (!CLAIM_VALUE.matcher(element.asText()).matches()) {
                throw new InvalidRequestException(field, "each of " + field + " must be 1-128 characters without"
                        + " blanks, brackets, quotes or commas (API Gateway passes the list as \"[a b]\").");
            }
            values.add(element.asText());
        }
        return values;
    }

    private LocalHttpResponse schedule(LocalHttpRequest request, String functionId) {
        FunctionHost function = functions.get(functionId);
        if (function == null) {
            return LocalHttpResponse.problem("not-found", "template.yaml has no function " + functionId + ".",
                    request.rawPath());
        }
        String eventName = request.query().get("event");
        JsonNode events = template.path("Resources").path(functionId).path("Properties").path("Events");
        ScheduleEvents.Trigger trigger = ScheduleEvents.find(events, eventName).orElse(null);
        if (trigger == null) {
            return LocalHttpResponse.problem("not-found", eventName == null
                    ? functionId + " has no Schedule, ScheduleV2, EventBridgeRule or CloudWatchEvent event."
                    : functionId + " has no schedule or rule event named " + eventName + ".", request.rawPath());
        }
        JsonNode event = ScheduleEvents.build(functionId, trigger, request.bodyText(), clock.instant(), region,
                HttpApiEvents.ACCOUNT_ID);
        try {
            byte[] output = function.invoke(Json.write(event).getBytes(StandardCharsets.UTF_8),
                    UUID.randomUUID().toString());
            return LocalHttpResponse.of(200, "application/json", output).withHeader("x-local-function", functionId)
                    .withHeader("x-local-event", trigger.name());
        } catch (FunctionHost.Unavailable unavailable) {
            return LocalHttpResponse.problem("function-unavailable", functionId + " is unavailable: "
                    + unavailable.getMessage() + ". See the runtime log.", request.rawPath());
        } catch (FunctionHost.FunctionError error) {
            return LocalHttpResponse.problem("function-error", functionId + " failed with " + error.errorType()
                    + "; the runtime log has its stack.", request.rawPath());
        }
    }

    private static LocalHttpResponse notAllowed(String path, String allowed) {
        return LocalHttpResponse.problem("method-not-allowed", path + " accepts " + allowed + " only.", path)
                .withHeader("allow", allowed);
    }
}
