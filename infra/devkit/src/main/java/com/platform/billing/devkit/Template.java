package com.platform.billing.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only view of template.yaml, the single source of truth for the table, functions and routes. CloudFormation
 * short-form tags ({@code !Ref X}, {@code !GetAtt A.B}, {@code !Sub …}) are read as their plain scalar or sequence
 * value, which is all local runs need.
 */
public final class Template {

    /** One HTTP route of one function. {@code auth} is JWT, IAM or NONE. */
    public record Route(String functionId, String handler, String method, String path, String auth) {
    }

    /** One function: its logical id, handler class and environment (values as written, intrinsics unresolved). */
    public record Function(String logicalId, String handler, String codeUri, Map<String, JsonNode> environment,
                           Map<String, JsonNode> events) {
    }

    private final JsonNode root;

    private Template(JsonNode root) {
        this.root = root;
    }

    public static Template load(Path file) {
        try {
            return new Template(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static Template load() {
        return load(RepoRoot.template());
    }

    public JsonNode root() {
        return root;
    }

    public JsonNode resource(String logicalId) {
        JsonNode resource = root.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new IllegalArgumentException("template.yaml has no resource " + logicalId);
        }
        return resource;
    }

    /** Logical ids of resources of a type, e.g. AWS::DynamoDB::Table, in template order. */
    public List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        root.path("Resources").fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                ids.add(e.getKey());
            }
        });
        return ids;
    }

    /** The properties of the ledger table (the template's one AWS::DynamoDB::Table). */
    public JsonNode ledgerTableProperties() {
        List<String> tables = resourcesOfType("AWS::DynamoDB::Table");
        if (tables.size() != 1) {
            throw new IllegalStateException("expected exactly one DynamoDB table in template.yaml, found " + tables);
        }
        return resource(tables.getFirst()).path("Properties");
    }

    public String ledgerTableLogicalId() {
        return resourcesOfType("AWS::DynamoDB::Table").getFirst();
    }

    public List<Function> functions() {
        JsonNode globals = root.path("Globals").path("Function");
        List<Function> functions = new ArrayList<>();
        for (String id : resourcesOfType("AWS::Serverless::Function")) {
            JsonNode props = resource(id).path("Properties");
            Map<String, JsonNode> env = new LinkedHashMap<>();
            globals.path("Environment").path("Variables").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
            props.path("Environment").path("Variables").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
            Map<String, JsonNode> events = new LinkedHashMap<>();
            props.path("Events").fields().forEachRemaining(e -> events.put(e.getKey(), e.getValue()));
            String handler = props.path("Handler").asText(globals.path("Handler").asText());
            functions.add(new Function(id, handler, props.path("CodeUri").asText(), env, events));
        }
        return functions;
    }

    /** Every HttpApi route of every function, with the auth API Gateway applies to it. */
    public List<Route> httpRoutes() {
        String defaultAuth = defaultHttpApiAuthorizer();
        List<Route> routes = new ArrayList<>();
        for (Function function : functions()) {
            for (JsonNode event : function.events().values()) {
                if (!"HttpApi".equals(event.path("Type").asText())) {
                    continue;
                }
                JsonNode props = event.path("Properties");
                JsonNode auth = props.path("Auth").path("Authorizer");
                String authorizer = auth.isMissingNode() ? defaultAuth : auth.asText();
                String kind = switch (authorizer) {
                    case "NONE" -> "NONE";
                    case "AWS_IAM" -> "IAM";
                    default -> "JWT";
                };
                routes.add(new Route(function.logicalId(), function.handler(),
                        props.path("Method").asText().toUpperCase(), props.path("Path").asText(), kind));
            }
        }
        return routes;
    }

    private String defaultHttpApiAuthorizer() {
        for (String id : resourcesOfType("AWS::Serverless::HttpApi")) {
            JsonNode auth = resource(id).path("Properties").path("Auth");
            if (auth.has("DefaultAuthorizer")) {
                return auth.path("DefaultAuthorizer").asText();
            }
        }
        return "NONE";
    }

    /** Iterates a JSON array or yields a single node, for YAML values that may be either. */
    static Iterator<JsonNode> elements(JsonNode node) {
        return node.isArray() ? node.elements() : List.of(node).iterator();
    }
}
