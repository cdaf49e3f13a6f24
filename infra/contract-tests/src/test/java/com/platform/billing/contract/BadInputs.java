package com.platform.billing.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bad-input corpus of one route, generated from its operation in docs/openapi.yaml: every path parameter, query
 * parameter, declared header and JSON body field is replaced in turn by hostile values (malformed and truncated JSON,
 * wrong types, nulls, boundary and huge numbers, exponents, fractional money, very long, unicode, RTL, emoji and NUL
 * strings, extra fields, ids like {@code ../x} and {@code %00}, 10,000 characters, wrong content types) while
 * everything else stays valid. A candidate is kept as <em>refused</em> only when the spec rejects it (its schema,
 * or the API's documented strictness: integers written as {@code 1e5} or {@code 1.0} are refused, cursors are only
 * those the API issued, bodies over 64 KiB are refused); candidates the spec allows are dropped, so every input kept
 * must be answered with a 4xx problem and change nothing. GET routes also get <em>harmless</em> extras (unknown
 * query parameters, a body on a GET): any documented answer but a 5xx, and nothing written.
 */
final class BadInputs {

    enum Expect { REFUSED, HARMLESS }

    /** One request: path overrides (already URL-encoded), a raw query string, extra headers and a body. */
    record BadInput(String label, Map<String, String> path, String query, Map<String, String> headers, String body,
                    Expect expect) {
    }

    static final String TEN_THOUSAND = "a".repeat(10_000);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([A-Za-z0-9_]+)\\+?}");
    private static final int MAX_BODY_BYTES = 64 * 1024;

    /** Hostile strings, as decoded values (they are URL-encoded where they go into a URL). */
    static final List<String> HOSTILE_STRINGS = List.of("", " ", "../x", "..", ".", "%00", "\u0000", "a\u0000b",
            TEN_THOUSAND, "é".repeat(1_000), "组织", "\u202Eevil\u202C", "\u200F\u05E9\u05DC\u05D5\u05DD", "💸🔥",
            "a b", "<script>alert(1)</script>", "' OR '1'='1", "${jndi:ldap://x/a}", "null", "-1", "*", "%", "\\",
            "a/b", "ORG#x", "x#ENTRY#1", "\n", "\t", "\uFFFF", "x".repeat(65), "{orgId}", "%2e%2e%2f", "~",
            "\uD83D", "0x7fffffff");

    /** Raw URL path segments (not re-encoded): encodings that a naive decoder turns into something dangerous. */
    static final List<String> RAW_SEGMENTS = List.of("%00", "..%2Fx", "%2e%2e", "%2F", "%252e%252e%252f", "%C0%AE",
            "%E2%80%AE", "%0A", "%20", "%09x", "x%00y");

    /** Hostile JSON values for a body field, as JSON text (some are not valid JSON values on purpose). */
    static final List<String> HOSTILE_VALUES = List.of("null", "true", "false", "\"\"", "\"   \"", "[]", "{}", "[1]",
            "{\"a\":1}", "0", "-0", "-1", "1.5", "0.1", "100000.0", "1e5", "1E+2", "-0.0", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "1e309", "123456789012345678901234567890",
            "\"100000\"", "\"" + TEN_THOUSAND + "\"", "\"\\u202Eevil\"", "\"💸\"", "\"a\\u0000b\"", "\"../x\"",
            "\"%00\"", "\"<script>\"", "\"\\ud800\"", "\"" + "é".repeat(2_000) + "\"", "NaN", "Infinity", "01",
            "+1", ".5", "0x10");

    private BadInputs() {
    }

    /** {@code seeded}: the real (seeded) value of a path parameter, which path-only routes glue hostile values to. */
    static List<BadInput> forRoute(OpenApiSpec spec, String routeKey, String routePath, String validBody,
                                   boolean readOnly, Function<String, String> seeded) {
        List<BadInput> inputs = new ArrayList<>();
        pathInputs(spec, routeKey, routePath, validBody, seeded, inputs);
        queryInputs(spec, routeKey, validBody, inputs);
        headerInputs(spec, routeKey, validBody, inputs);
        if (validBody != null) {
            bodyInputs(spec, routeKey, validBody, inputs);
            contentTypeInputs(inputs);
        }
        if (readOnly) {
            harmlessExtras(inputs);
        }
        return inputs;
    }

    // ------------------------------------------------------------------ path

    private static void pathInputs(OpenApiSpec spec, String routeKey, String routePath, String body,
                                   Function<String, String> seeded, List<BadInput> inputs) {
        Matcher matcher = PATH_PARAM.matcher(routePath);
        while (matcher.find()) {
            String name = matcher.group(1);
            JsonNode schema = spec.parameter(routeKey, "path", name).map(p -> p.path("schema"))
                    .orElse(NODES.objectNode());
            Set<String> values = new LinkedHashSet<>();
            for (String hostile : HOSTILE_STRINGS) {
                values.add(hostile);
                if (body == null) {
                    // A route whose only input is its path gets each value glued to a placeholder and to both
                    // ends of the real (seeded) id too: near misses of an id that exists.
                    values.add("seed" + hostile);
                    values.add(seeded.apply(name) + hostile);
                    values.add(hostile + seeded.apply(name));
                }
            }
            values.remove(seeded.apply(name));
            for (String value : values) {
                if (value.isEmpty() || !spec.validate(schema, NODES.textNode(value)).isEmpty()
                        || !schema.has("pattern")) {
                    String encoded = value.isEmpty() ? "%20" : LocalService.encode(value);
                    inputs.add(new BadInput("path " + name + "=" + shorten(value), Map.of(name, encoded), null,
                            Map.of(), body, Expect.REFUSED));
                }
            }
            for (String raw : RAW_SEGMENTS) {
                inputs.add(new BadInput("path " + name + " raw " + raw, Map.of(name, raw), null, Map.of(), body,
                        Expect.REFUSED));
            }
        }
    }

    // ------------------------------------------------------------------ query

    private static final Map<String, List<String>> QUERY_VALUES = Map.of(
            "limit", List.of("0", "-1", "101", "1000", "1e2", "1.5", "abc", "", " ", "0x10", "１", "99999999999999999999",
                    "%00", "1%00", TEN_THOUSAND.replace('a', '9'), "20,20", "null"),
            "cursor", List.of("x", "!!!", "%00", b64("{}"), b64("{\"PK\":{\"S\":\"ORG#" + LocalService.OTHER_ORG
                    + "\"},\"SK\":{\"S\":\"ENTRY#0\"}}"), TEN_THOUSAND, "null", "../x", "eyJ", "====", "💸"),
            "period", List.of("2026-13", "2026-00", "2026-1", "26-01", "abc", "", "2026-01-01", "%00", "9999999-01",
                    "-2026-01", TEN_THOUSAND),
            "type", List.of("topup", "Topup", "X", "", "TOPUP,USAGE", "%00", TEN_THOUSAND),
            "status", List.of("paid", "Paid", "X", "", "PAID,OPEN", "%00", TEN_THOUSAND));

    private static void queryInputs(OpenApiSpec spec, String routeKey, String body, List<BadInput> inputs) {
        for (JsonNode parameter : spec.parameters(routeKey)) {
            if (!parameter.path("in").asText().equals("query")) {
                continue;
            }
            String name = parameter.path("name").asText();
            JsonNode schema = spec.resolve(parameter.path("schema"));
            List<String> values = new ArrayList<>(QUERY_VALUES.getOrDefault(name, List.of()));
            values.addAll(List.of("%00", "../x", TEN_THOUSAND, "\u202E", "' OR 1=1 --"));
            for (String value : new LinkedHashSet<>(values)) {
                if (name.equals("cursor") || !queryValueValid(spec, schema, value)) {
                    String encoded = value.equals("%00") ? "%00" : LocalService.encode(value);
                    inputs.add(new BadInput("query " + name + "=" + shorten(value), Map.of(), name + "=" + encoded,
                            Map.of(), body, Expect.REFUSED));
                }
            }
        }
    }

    /** A query value against its parameter's schema (a query string is text: integers must be plain digits). */
    private static boolean queryValueValid(OpenApiSpec spec, JsonNode schema, String value) {
        if (schema.path("type").asText().equals("integer")) {
            if (!value.matches("[0-9]{1,18}")) {
                return false;
            }
            return spec.validate(schema, NODES.numberNode(Long.parseLong(value))).isEmpty();
        }
        return spec.validate(schema, NODES.textNode(value)).isEmpty();
    }

    // ------------------------------------------------------------------ headers

    private static void headerInputs(OpenApiSpec spec, String routeKey, String body, List<BadInput> inputs) {
        for (JsonNode parameter : spec.parameters(routeKey)) {
            if (!parameter.path("in").asText().equals("header") || !parameter.path("schema").has("pattern")) {
                continue;
            }
            String name = parameter.path("name").asText();
            for (String value : List.of(" ", "a b", "x".repeat(101), "%00", "../x", "a,b", "a;b", "\"quoted\"",
                    "k" + "e".repeat(500), "{}", "a/b")) {
                if (!spec.validate(parameter.path("schema"), NODES.textNode(value)).isEmpty()) {
                    inputs.add(new BadInput("header " + name + "=" + shorten(value), Map.of(), null,
                            Map.of(name, value), body, Expect.REFUSED));
                }
            }
        }
    }

    // ------------------------------------------------------------------ body

    private static void bodyInputs(OpenApiSpec spec, String routeKey, String validBody, List<BadInput> inputs) {
        JsonNode schema = spec.requestSchema(routeKey).orElseThrow();
        ObjectNode example = (ObjectNode) parse(validBody).orElseThrow();
        String firstField = example.fieldNames().hasNext() ? example.fieldNames().next() : "amount";
        List<String> structural = new ArrayList<>(List.of("", " ", "{", "}", "[", "]", "{}", "[]", "null", "true",
                "0", "\"x\"", "{\"a\":}", "{'a':1}", "{a:1}", "{,}", "{\"a\":1,}", validBody + "x",
                validBody + validBody, validBody + ",", "[" + validBody + "]", "\uFEFF" + validBody,
                "/* c */" + validBody, "{\"" + firstField + "\":1,\"" + firstField + "\":2}",
                validBody.replaceFirst("\\{", "{\"" + firstField + "\":null,"), "[".repeat(1000), "{\"a\":".repeat(100)
                + "1" + "}".repeat(100), "\"" + TEN_THOUSAND + "\"", TEN_THOUSAND, "{\"\":1}",
                "{\"a\":\"" + "x".repeat(MAX_BODY_BYTES) + "\"}", "\u0000", "{\"a\":1}\u0000"));
        for (int cut : new int[] {1, 2, validBody.length() / 4, validBody.length() / 2, validBody.length() * 3 / 4,
                validBody.length() - 1}) {
            if (cut > 0 && cut < validBody.length()) {
                structural.add(validBody.substring(0, cut));
            }
        }
        if (!spec.requestBodyRequired(routeKey)) {
            structural.removeIf(String::isBlank);
        }
        for (String body : new LinkedHashSet<>(structural)) {
            if (refusedBody(spec, schema, body, null)) {
                inputs.add(new BadInput("body " + shorten(body), Map.of(), null, Map.of(), body, Expect.REFUSED));
            }
        }
        Set<String> fields = new LinkedHashSet<>();
        example.fieldNames().forEachRemaining(fields::add);
        schema.path("properties").fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            fieldInputs(spec, schema, example, field, HOSTILE_VALUES, inputs);
            ObjectNode without = example.deepCopy();
            without.remove(field);
            if (refusedBody(spec, schema, without.toString(), null)) {
                inputs.add(new BadInput("field " + field + " missing", Map.of(), null, Map.of(), without.toString(),
                        Expect.REFUSED));
            }
        }
        if (inputs.size() < 130) {
            // A small body: every field also gets the hostile strings, so the route still has 100+ bad inputs.
            List<String> strings = HOSTILE_STRINGS.stream().map(t -> NODES.textNode(t).toString()).toList();
            fields.forEach(field -> fieldInputs(spec, schema, example, field, strings, inputs));
            if (fields.isEmpty()) {
                // A body with no fields at all ({}): the hostile strings become field names.
                for (String name : HOSTILE_STRINGS) {
                    ObjectNode with = example.deepCopy();
                    with.put(name, 1);
                    if (refusedBody(spec, schema, with.toString(), null)) {
                        inputs.add(new BadInput("field named " + shorten(name), Map.of(), null, Map.of(),
                                with.toString(), Expect.REFUSED));
                    }
                }
            }
        }
        for (String extra : List.of("extra", "__proto__", firstField + " ", firstField.toUpperCase(), "constructor",
                "$where", "💸")) {
            ObjectNode with = example.deepCopy();
            with.put(extra, 1);
            if (refusedBody(spec, schema, with.toString(), null)) {
                inputs.add(new BadInput("extra field " + extra, Map.of(), null, Map.of(), with.toString(),
                        Expect.REFUSED));
            }
        }
    }

    private static void fieldInputs(OpenApiSpec spec, JsonNode schema, ObjectNode example, String field,
                                    List<String> values, List<BadInput> inputs) {
        for (String value : values) {
            String body = withField(example, field, value);
            if (refusedBody(spec, schema, body, fieldSchema(spec, schema, field))) {
                inputs.add(new BadInput("field " + field + "=" + shorten(value), Map.of(), null, Map.of(), body,
                        Expect.REFUSED));
            }
        }
    }

    /**
     * Whether the spec refuses this body: not strict JSON, over 64 KiB, invalid against the schema, or an integer
     * field written as a fraction or exponent ({@code 1e5}, {@code 100000.0}: the API takes integers only as
     * integer literals).
     */
    private static boolean refusedBody(OpenApiSpec spec, JsonNode schema, String body, JsonNode fieldSchema) {
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            return true;
        }
        Optional<JsonNode> parsed = parse(body);
        if (parsed.isEmpty()) {
            return true;
        }
        if (!spec.validate(schema, parsed.get()).isEmpty()) {
            return true;
        }
        return fieldSchema != null && integerOnly(spec, fieldSchema) && body.matches("(?s).*\":-?[0-9.]+[eE.].*");
    }

    private static boolean integerOnly(OpenApiSpec spec, JsonNode fieldSchema) {
        JsonNode resolved = spec.resolve(fieldSchema);
        JsonNode type = resolved.path("type");
        return type.asText().equals("integer") || type.isArray() && type.toString().contains("integer")
                && !type.toString().contains("number");
    }

    private static JsonNode fieldSchema(OpenApiSpec spec, JsonNode schema, String field) {
        JsonNode property = schema.path("properties").path(field);
        return property.isMissingNode() ? null : spec.resolve(property);
    }

    /** The example with {@code field} set to the raw JSON text {@code value} (which may not be valid JSON). */
    private static String withField(ObjectNode example, String field, String value) {
        ObjectNode copy = example.deepCopy();
        copy.put(field, "\u0001PLACEHOLDER\u0001");
        return copy.toString().replace("\"\\u0001PLACEHOLDER\\u0001\"", value);
    }

    private static void contentTypeInputs(List<BadInput> inputs) {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("text/plain", "amount=100000");
        bodies.put("application/x-www-form-urlencoded", "amount=100000&reason=x");
        bodies.put("application/xml", "<amount>100000</amount>");
        bodies.put("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"amount\"\r\n\r\n1"
                + "\r\n--x--");
        bodies.put("application/json; charset=utf-16", "\u00ff\u00fe{");
        bodies.put("application/octet-stream", "\u0001\u0002\u0003");
        bodies.forEach((type, body) -> inputs.add(new BadInput("content-type " + type, Map.of(), null,
                Map.of("content-type", type), body, Expect.REFUSED)));
    }

    /**
     * Unknown query parameters and bodies on a read: a few always, more while the route has fewer than 110 inputs
     * (a read whose only input is its path, or none at all).
     */
    private static void harmlessExtras(List<BadInput> inputs) {
        List<String> queries = new ArrayList<>(List.of("debug=true", "__proto__=x", "x=%00", "%00=1",
                "orgId=" + LocalService.OTHER_ORG, "a=1&a=2", "x=%E2%80%AE", "callback=alert(1)"));
        List<String> bodies = new ArrayList<>(List.of("{", "{\"orgId\":\"" + LocalService.OTHER_ORG + "\"}",
                TEN_THOUSAND));
        List<BadInput> more = new ArrayList<>();
        for (String hostile : HOSTILE_STRINGS) {
            more.add(harmlessQuery("x=" + LocalService.encode(hostile)));
            if (!hostile.isEmpty()) {
                more.add(harmlessQuery(LocalService.encode(hostile) + "=1"));
            }
        }
        HOSTILE_VALUES.forEach(body -> more.add(harmlessBody(body)));
        queries.forEach(query -> inputs.add(harmlessQuery(query)));
        bodies.forEach(body -> inputs.add(harmlessBody(body)));
        for (BadInput extra : more) {
            if (inputs.size() >= 110) {
                break;
            }
            inputs.add(extra);
        }
    }

    private static BadInput harmlessQuery(String query) {
        return new BadInput("unknown query " + shorten(query), Map.of(), query, Map.of(), null, Expect.HARMLESS);
    }

    private static BadInput harmlessBody(String body) {
        return new BadInput("a body on a read " + shorten(body), Map.of(), null,
                Map.of("content-type", "application/json"), body, Expect.HARMLESS);
    }

    static Optional<JsonNode> parse(String body) {
        try {
            return Optional.ofNullable(com.platform.billing.api.Json.readObject(body));
        } catch (RuntimeException notAnObject) {
            return Optional.empty();
        }
    }

    static String shorten(String value) {
        String printable = value.replaceAll("[\\x00-\\x1F]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…(" + value.length() + ")" : printable;
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
