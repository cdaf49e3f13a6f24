package com.platform.billing.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import com.platform.billing.devkit.RepoRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * docs/openapi.yaml, read as the contract: operations by template route key ({@code "POST /orgs/{orgId}/topups"}),
 * their documented statuses, request examples and schemas, and JSON Schema validation (OpenAPI 3.1's dialect, by the
 * networknt validator) of a body against any schema in the document. A schema is validated inside a copy of the
 * document's {@code components}, so its {@code $ref}s resolve as they do in the spec.
 */
final class OpenApiSpec {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDialect(Dialects.getOpenApi31());

    private final JsonNode root;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private OpenApiSpec(JsonNode root) {
        this.root = root;
    }

    static Path file() {
        return RepoRoot.get().resolve("docs/openapi.yaml");
    }

    static OpenApiSpec load() {
        try {
            return new OpenApiSpec(YAML.readTree(file().toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(), e);
        }
    }

    JsonNode root() {
        return root;
    }

    /** Every operation as {@code "METHOD /path"}. */
    Set<String> routeKeys() {
        Set<String> keys = new LinkedHashSet<>();
        root.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(op.getKey())) {
                keys.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return keys;
    }

    Optional<JsonNode> operation(String routeKey) {
        String[] parts = routeKey.split(" ", 2);
        JsonNode op = root.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT));
        return op.isMissingNode() ? Optional.empty() : Optional.of(op);
    }

    JsonNode requiredOperation(String routeKey) {
        return operation(routeKey).orElseThrow(() -> new AssertionError("docs/openapi.yaml has no operation "
                + routeKey));
    }

    /** {@code x-contract-caller: billing-admin}: the route needs the org's billing-admin role, not only membership. */
    boolean needsBillingAdmin(String routeKey) {
        return requiredOperation(routeKey).path("x-contract-caller").asText().equals("billing-admin");
    }

    /** The names of the operation's security schemes; empty for {@code security: []}. */
    Set<String> securitySchemes(String routeKey) {
        JsonNode security = requiredOperation(routeKey).path("security");
        if (security.isMissingNode()) {
            security = root.path("security");
        }
        Set<String> names = new LinkedHashSet<>();
        security.forEach(requirement -> requirement.fieldNames().forEachRemaining(names::add));
        return names;
    }

    Set<Integer> documentedStatuses(String routeKey) {
        Set<Integer> statuses = new LinkedHashSet<>();
        requiredOperation(routeKey).path("responses").fieldNames().forEachRemaining(s -> statuses.add(
                Integer.parseInt(s)));
        return statuses;
    }

    /** The operation's response for a status, {@code $ref} resolved. */
    Optional<JsonNode> response(String routeKey, int status) {
        JsonNode response = requiredOperation(routeKey).path("responses").path(Integer.toString(status));
        return response.isMissingNode() ? Optional.empty() : Optional.of(resolve(response));
    }

    /** The parameters of the operation (path, query, header), {@code $ref}s resolved. */
    List<JsonNode> parameters(String routeKey) {
        List<JsonNode> parameters = new ArrayList<>();
        requiredOperation(routeKey).path("parameters").forEach(p -> parameters.add(resolve(p)));
        return parameters;
    }

    Optional<JsonNode> parameter(String routeKey, String in, String name) {
        return parameters(routeKey).stream().filter(p -> p.path("in").asText().equals(in)
                && p.path("name").asText().equalsIgnoreCase(name)).findFirst();
    }

    /** The JSON request body's schema ({@code $ref} resolved one level), if the operation takes one. */
    Optional<JsonNode> requestSchema(String routeKey) {
        JsonNode schema = requiredOperation(routeKey).path("requestBody").path("content").path("application/json")
                .path("schema");
        return schema.isMissingNode() ? Optional.empty() : Optional.of(resolve(schema));
    }

    Optional<JsonNode> requestExample(String routeKey) {
        JsonNode example = requiredOperation(routeKey).path("requestBody").path("content").path("application/json")
                .path("example");
        return example.isMissingNode() ? Optional.empty() : Optional.of(example);
    }

    boolean requestBodyRequired(String routeKey) {
        return requiredOperation(routeKey).path("requestBody").path("required").asBoolean(false);
    }

    /** Every problem {@code type} the spec documents ({@code x-problem-types}), as full URNs. */
    Set<String> problemTypes() {
        Set<String> types = new LinkedHashSet<>();
        root.path("x-problem-types").forEach(t -> types.add("urn:problem-type:billing:" + t.path("code").asText()));
        return types;
    }

    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            String ref = current.path("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new AssertionError("only local $refs are used in openapi.yaml: " + ref);
            }
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new AssertionError("openapi.yaml: $ref " + ref + " points nowhere");
            }
            current = target;
        }
        return current;
    }

    /** Errors of {@code instance} against {@code schema} (a schema node of this document). Empty = valid. */
    List<String> validate(JsonNode schema, JsonNode instance) {
        Schema compiledSchema = compiled.computeIfAbsent(schema.toString(), key -> compile(schema));
        List<Error> errors = compiledSchema.validate(instance.toString(), InputFormat.JSON);
        return errors.stream().map(Error::toString).toList();
    }

    /** Compiles a schema of this document (throws if the validator cannot), for the spec's own checks. */
    void compileCheck(JsonNode schema) {
        compile(schema);
    }

    private Schema compile(JsonNode schema) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("$schema", "https://spec.openapis.org/oas/3.1/dialect/base");
        document.put("$ref", "#/$defs/target");
        document.putObject("$defs").set("target", schema);
        document.set("components", root.path("components"));
        try {
            return SCHEMAS.getSchema(JSON.writeValueAsString(document), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
