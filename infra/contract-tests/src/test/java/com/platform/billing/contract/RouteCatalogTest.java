package com.platform.billing.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.api.Problems;
import com.platform.billing.devkit.RepoRoot;
import com.platform.billing.devkit.Template;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * template.yaml, docs/openapi.yaml, Problems.java and docs/problems.md agree: every route is classified for the
 * sweeps and documented with the right security; every problem type is documented in all three places; every schema
 * in the spec compiles and every request example is valid against its own schema (the sweeps mutate it).
 */
class RouteCatalogTest {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([A-Za-z0-9_]+)\\+?}");
    private final OpenApiSpec spec = OpenApiSpec.load();

    @Test
    void theSpec_isAValidOpenApi31Document() throws IOException {
        io.swagger.v3.parser.core.models.ParseOptions options = new io.swagger.v3.parser.core.models.ParseOptions();
        options.setResolve(true);
        var result = new io.swagger.v3.parser.OpenAPIV3Parser().readContents(Files.readString(OpenApiSpec.file()),
                null, options);

        assertTrue(result.getOpenAPI() != null, "not parsed: " + result.getMessages());
        assertEquals("3.1.0", result.getOpenAPI().getOpenapi());
        assertTrue(result.getMessages() == null || result.getMessages().isEmpty(),
                "openapi.yaml: " + result.getMessages());
    }

    @Test
    void everyTemplateRoute_hasASweepClass() {
        List<RouteCatalog.SweptRoute> routes = RouteCatalog.all();

        assertEquals(RouteCatalog.templateRoutes().size(), routes.size());
        assertTrue(routes.size() >= 23, "template.yaml lost routes? " + routes);
    }

    @Test
    void everyTemplateRoute_isInTheSpec_andTheSpecHasNoOtherRoute() {
        Set<String> template = new TreeSet<>();
        RouteCatalog.templateRoutes().forEach(r -> template.add(r.method() + " " + r.path()));
        Set<String> documented = new TreeSet<>(spec.routeKeys());

        Set<String> missing = new TreeSet<>(template);
        missing.removeAll(documented);
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(template);

        assertTrue(missing.isEmpty(), "routes of template.yaml missing from docs/openapi.yaml (add a path item; see"
                + " the conventions at its top): " + missing);
        assertTrue(stale.isEmpty(), "docs/openapi.yaml documents routes template.yaml does not have: " + stale);
    }

    @Test
    void everyOperation_declaresTheSecurityItsTemplateAuthorizerEnforces() {
        List<String> wrong = new ArrayList<>();
        for (Template.Route route : RouteCatalog.templateRoutes()) {
            String key = route.method() + " " + route.path();
            if (spec.operation(key).isEmpty()) {
                continue; // reported by the test above
            }
            Set<String> expected = switch (route.auth()) {
                case "IAM" -> Set.of("platformSigV4");
                case "NONE" -> Set.of();
                default -> Set.of("consoleJwt");
            };
            if (!spec.securitySchemes(key).equals(expected)) {
                wrong.add(key + " is " + route.auth() + " in template.yaml but declares " + spec.securitySchemes(key));
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void everyPathParameter_isDocumented() {
        List<String> missing = new ArrayList<>();
        for (String key : spec.routeKeys()) {
            Matcher matcher = PATH_PARAM.matcher(key);
            while (matcher.find()) {
                if (spec.parameter(key, "path", matcher.group(1)).isEmpty()) {
                    missing.add(key + " {" + matcher.group(1) + "}");
                }
            }
        }
        assertTrue(missing.isEmpty(), "path parameters without a parameter object: " + missing);
    }

    @Test
    void everyRequestBody_hasASchemaAndAnExampleThatIsValidAgainstIt() {
        List<String> problems = new ArrayList<>();
        for (String key : spec.routeKeys()) {
            JsonNode body = spec.requiredOperation(key).path("requestBody");
            if (body.isMissingNode()) {
                continue;
            }
            var schema = spec.requestSchema(key);
            var example = spec.requestExample(key);
            if (schema.isEmpty() || example.isEmpty()) {
                problems.add(key + ": requestBody needs content.application/json with schema and example");
                continue;
            }
            List<String> errors = spec.validate(schema.get(), example.get());
            if (!errors.isEmpty()) {
                problems.add(key + ": example invalid against its schema: " + errors);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyResponse_isDocumentedWithACompilingSchema_andProblemsUseTheProblemSchema() {
        List<String> problems = new ArrayList<>();
        for (String key : spec.routeKeys()) {
            for (int status : spec.documentedStatuses(key)) {
                JsonNode response = spec.response(key, status).orElseThrow();
                JsonNode content = response.path("content");
                if (status != 202 && status != 204 && content.isEmpty()) {
                    problems.add(key + " " + status + ": no content");
                }
                if (status >= 400 && !content.has(OpenApiSpec.PROBLEM_JSON)) {
                    problems.add(key + " " + status + ": an error without application/problem+json");
                }
                content.properties().forEach(media -> {
                    try {
                        spec.compileCheck(media.getValue().path("schema"));
                    } catch (RuntimeException e) {
                        problems.add(key + " " + status + " " + media.getKey() + ": schema does not compile: " + e);
                    }
                });
            }
            if (!spec.documentedStatuses(key).stream().anyMatch(s -> s >= 200 && s < 300)) {
                problems.add(key + ": no success response");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void problemTypes_sameInProblemsJava_problemsMd_andTheSpec() throws Exception {
        Map<String, Integer> java = problemsJava();
        Map<String, Integer> markdown = problemsMarkdown();
        Map<String, Integer> documented = new LinkedHashMap<>();
        spec.root().path("x-problem-types").forEach(t -> documented.put(t.path("code").asText(),
                t.path("status").asInt()));
        Set<String> enumTypes = new TreeSet<>();
        spec.root().path("components").path("schemas").path("ProblemType").path("enum")
                .forEach(t -> enumTypes.add(t.asText()));

        assertEquals(new TreeMap<>(java), new TreeMap<>(documented), "Problems.java vs openapi.yaml x-problem-types");
        assertEquals(new TreeMap<>(java), new TreeMap<>(markdown), "Problems.java vs docs/problems.md");
        Set<String> expectedEnum = new TreeSet<>();
        java.keySet().forEach(code -> expectedEnum.add(Problems.TYPE_PREFIX + code));
        assertEquals(expectedEnum, enumTypes, "components/schemas/ProblemType enum");
    }

    @Test
    void everyOperationsProblemCodes_areDocumentedTypes_withADocumentedStatus() {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        spec.root().path("x-problem-types").forEach(t -> statuses.put(t.path("code").asText(),
                t.path("status").asInt()));
        List<String> problems = new ArrayList<>();
        for (String key : spec.routeKeys()) {
            for (JsonNode code : spec.requiredOperation(key).path("x-problem-codes")) {
                Integer status = statuses.get(code.asText());
                if (status == null) {
                    problems.add(key + ": x-problem-codes names unknown code " + code.asText());
                } else if (!spec.documentedStatuses(key).contains(status)) {
                    problems.add(key + ": answers " + code.asText() + " (" + status + ") but documents no " + status);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integer> problemsJava() throws ReflectiveOperationException {
        Field field = Problems.class.getDeclaredField("STATUSES");
        field.setAccessible(true);
        Map<String, ?> table = (Map<String, ?>) field.get(null);
        Map<String, Integer> codes = new LinkedHashMap<>();
        table.keySet().forEach(code -> codes.put(code, Problems.statusOf(code)));
        return codes;
    }

    private static Map<String, Integer> problemsMarkdown() throws IOException {
        Pattern row = Pattern.compile("^\\| `([a-z-]+)` \\| ([0-9]{3}) \\|");
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (String line : Files.readAllLines(RepoRoot.get().resolve("docs/problems.md"))) {
            Matcher matcher = row.matcher(line);
            if (matcher.find()) {
                codes.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
            }
        }
        if (codes.isEmpty()) {
            fail("no problem rows found in docs/problems.md");
        }
        return codes;
    }

}
