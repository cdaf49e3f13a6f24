package com.platform.billing.devkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds API Gateway HTTP API (payload 2.0) events, starting from a sample event under infra/events (the same files
 * {@code sam local invoke -e} takes). Claims are handed over exactly as API Gateway does: every claim a string, an
 * array claim as a bracketed, space-separated string such as {@code "[org-1 org-2]"}.
 */
public final class HttpEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([A-Za-z0-9_]+)\\+?}");
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final ObjectNode event;

    private HttpEvents(ObjectNode event) {
        this.event = event;
    }

    /** A sample event file from infra/events, e.g. {@code http-get-billing.json}. */
    public static HttpEvents fromFile(String name) {
        Path file = RepoRoot.events().resolve(name);
        try {
            return new HttpEvents((ObjectNode) JSON.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample event " + file, e);
        }
    }

    /**
     * An event for {@code method routePath} (e.g. {@code POST /orgs/{orgId}/topups}) with the given path values,
     * built on the base sample event {@code http-base.json}.
     */
    public static HttpEvents route(String method, String routePath, Map<String, String> pathValues) {
        HttpEvents events = fromFile("http-base.json");
        events.setRoute(method, routePath, pathValues);
        return events;
    }

    private void setRoute(String method, String routePath, Map<String, String> pathValues) {
        Matcher matcher = PATH_PARAM.matcher(routePath);
        StringBuilder raw = new StringBuilder();
        Map<String, String> params = new LinkedHashMap<>();
        while (matcher.find()) {
            String value = pathValues.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for path parameter " + matcher.group(1));
            }
            params.put(matcher.group(1), value);
            matcher.appendReplacement(raw, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(raw);
        event.put("routeKey", method + " " + routePath);
        event.put("rawPath", raw.toString());
        ObjectNode context = (ObjectNode) event.get("requestContext");
        ObjectNode http = (ObjectNode) context.get("http");
        http.put("method", method);
        http.put("path", raw.toString());
        context.put("routeKey", method + " " + routePath);
        context.put("requestId", UUID.randomUUID().toString());
        long now = Instant.now().toEpochMilli();
        context.put("timeEpoch", now);
        context.put("time", REQUEST_TIME.format(Instant.ofEpochMilli(now)));
        if (params.isEmpty()) {
            event.remove("pathParameters");
        } else {
            ObjectNode node = event.putObject("pathParameters");
            params.forEach(node::put);
        }
    }

    public HttpEvents body(String body) {
        if (body == null) {
            event.remove("body");
        } else {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return this;
    }

    public HttpEvents header(String name, String value) {
        ((ObjectNode) event.with("headers")).put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    public HttpEvents query(String rawQuery, Map<String, String> parameters) {
        event.put("rawQueryString", rawQuery);
        ObjectNode node = event.putObject("queryStringParameters");
        parameters.forEach(node::put);
        return this;
    }

    /** JWT claims as API Gateway passes them to the function. */
    public HttpEvents claims(String sub, Collection<String> orgs, Collection<String> roles) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", sub);
        claims.put("orgs", "[" + String.join(" ", orgs) + "]");
        claims.put("roles", "[" + String.join(" ", roles) + "]");
        return rawClaims(claims);
    }

    public HttpEvents member(String sub, String... orgs) {
        return claims(sub, List.of(orgs), List.of());
    }

    public HttpEvents admin(String sub) {
        return claims(sub, List.of(), List.of("admin"));
    }

    public HttpEvents rawClaims(Map<String, String> claims) {
        ObjectNode jwt = ((ObjectNode) event.get("requestContext")).putObject("authorizer").putObject("jwt");
        ObjectNode node = jwt.putObject("claims");
        claims.forEach(node::put);
        jwt.putArray("scopes");
        return this;
    }

    public HttpEvents withoutAuthorizer() {
        ((ObjectNode) event.get("requestContext")).remove("authorizer");
        return this;
    }

    public HttpEvents sourceIp(String ip) {
        ((ObjectNode) event.get("requestContext").get("http")).put("sourceIp", ip);
        return this;
    }

    public String json() {
        return event.toString();
    }

    public APIGatewayV2HTTPEvent build() {
        return LambdaJson.fromJson(json(), APIGatewayV2HTTPEvent.class);
    }
}
