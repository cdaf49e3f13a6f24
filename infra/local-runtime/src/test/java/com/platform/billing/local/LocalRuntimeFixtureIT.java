package com.platform.billing.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.devkit.AwsBackend;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.local.fixtures.BinaryHandler;
import com.platform.billing.local.fixtures.EchoHandler;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The runtime over real HTTP against a fixture template with every kind of route, authorizer, trigger and intrinsic
 * it must handle (test-only handlers in {@code fixtures}).
 */
@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalRuntimeFixtureIT {

    private final LedgerTable table;
    private final Path webDir;
    private final LocalRuntime runtime;
    private final LocalHttp http;

    LocalRuntimeFixtureIT(LedgerTable table) throws IOException, URISyntaxException {
        this.table = table;
        this.webDir = Files.createTempDirectory("local-web");
        Files.writeString(webDir.resolve("index.html"), "<h1>billing</h1>");
        Files.createDirectories(webDir.resolve("js"));
        Files.writeString(webDir.resolve("js/app.js"), "console.log('hi');");
        Path template = Path.of(getClass().getResource("/fixture-template.yaml").toURI());
        Path envVars = webDir.resolveSibling(webDir.getFileName() + "-env.json");
        Files.writeString(envVars, "{\"Parameters\": {\"EXTRA\": \"all\"}, \"EchoFunctionB\": {\"EXTRA\": \"b-only\"}}");
        this.runtime = LocalRuntime.start(LocalOptions.forTests(table.endpoint(), table.name())
                .withTemplate(template).withWebDir(webDir).withEnvVars(envVars));
        this.http = new LocalHttp(runtime.baseUrl());
    }

    @AfterAll
    void stop() {
        http.close();
        runtime.close();
    }

    private String memberToken() {
        return http.token("{\"sub\":\"u1\",\"orgs\":[\"org-1\",\"org-2\"],\"roles\":[\"billing-admin\"]}");
    }

    private static JsonNode event(HttpResponse<String> response) {
        return LocalHttp.json(response).path("event");
    }

    @Test
    void jwtRoute_whenTokenIsValid_handsClaimsOverAsApiGatewayDoes() {
        HttpResponse<String> response = http.send("GET", "/echo/42", memberToken(), null);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode claims = event(response).path("requestContext").path("authorizer").path("jwt").path("claims");
        assertEquals("u1", claims.path("sub").asText());
        assertEquals("[org-1 org-2]", claims.path("orgs").asText());
        assertEquals("[billing-admin]", claims.path("roles").asText());
        assertEquals(LocalJwt.ISSUER, claims.path("iss").asText());
        assertEquals(LocalJwt.AUDIENCE, claims.path("aud").asText());
        assertTrue(claims.path("exp").isTextual() && claims.path("exp").asText().matches("\\d{10}"),
                "numeric claims arrive as strings of digits: " + claims);
        claims.forEach(value -> assertTrue(value.isTextual(), "every claim is a string: " + claims));
    }

    @Test
    void httpRoute_whenCalled_getsAnApiGatewayPayloadV2Event() {
        HttpResponse<String> response = http.send(http.request("GET", "/echo/a%20b?x=1&x=2&name=J%C3%BCrgen",
                        null)
                .header("authorization", "Bearer " + memberToken())
                .header("X-Custom", "first").header("X-Custom", "second")
                .header("Cookie", "session=abc; theme=dark")
                .header("User-Agent", "fixture-test"));

        assertEquals(200, response.statusCode(), response.body());
        JsonNode event = event(response);
        assertEquals("2.0", event.path("version").asText());
        assertEquals("GET /echo/{id}", event.path("routeKey").asText());
        assertEquals("/echo/a%20b", event.path("rawPath").asText());
        assertEquals("x=1&x=2&name=J%C3%BCrgen", event.path("rawQueryString").asText());
        assertEquals("a b", event.path("pathParameters").path("id").asText());
        assertEquals("1,2", event.path("queryStringParameters").path("x").asText());
        assertEquals("Jürgen", event.path("queryStringParameters").path("name").asText());
        assertEquals("first,second", event.path("headers").path("x-custom").asText());
        assertEquals("fixture-test", event.path("headers").path("user-agent").asText());
        assertFalse(event.path("headers").has("cookie"), "API Gateway moves cookies out of the headers");
        assertEquals(List.of("session=abc", "theme=dark"), List.of(event.path("cookies").get(0).asText(),
                event.path("cookies").get(1).asText()));
        JsonNode context = event.path("requestContext");
        assertEquals("$default", context.path("stage").asText());
        assertEquals("GET /echo/{id}", context.path("routeKey").asText());
        assertEquals("GET", context.path("http").path("method").asText());
        assertEquals("/echo/a%20b", context.path("http").path("path").asText());
        assertEquals("127.0.0.1", context.path("http").path("sourceIp").asText());
        assertEquals("fixture-test", context.path("http").path("userAgent").asText());
        assertFalse(context.path("requestId").asText().isEmpty());
        assertTrue(context.path("timeEpoch").asLong() > 0);
        assertEquals(response.headers().firstValue("apigw-requestid").orElseThrow(),
                context.path("requestId").asText());
        JsonNode body = LocalHttp.json(response);
        assertEquals("EchoFunctionA", body.path("functionName").asText());
        assertEquals(512, body.path("memoryLimitInMB").asInt());
        assertTrue(body.path("remainingTimeInMillis").asInt() > 0);
    }

    @Test
    void httpRoute_whenFunctionSetsCookiesAndMultiValueHeaders_writesThemAll() {
        HttpResponse<String> response = http.send("GET", "/echo/1", memberToken(), null);

        assertEquals(List.of("a=1; Path=/", "b=2; Path=/"), response.headers().allValues("set-cookie"));
        assertEquals(List.of("one", "two"), response.headers().allValues("x-multi"));
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
    }

    @Test
    void jwtRoute_whenNoToken_answers401AndNeverCallsTheFunction() {
        int before = EchoHandler.INVOCATIONS.get();

        HttpResponse<String> response = http.send("GET", "/echo/1", null, null);

        assertEquals(401, response.statusCode());
        assertEquals("Unauthorized", LocalHttp.json(response).path("message").asText());
        assertEquals("Bearer", response.headers().firstValue("www-authenticate").orElseThrow());
        assertEquals(before, EchoHandler.INVOCATIONS.get());
    }

    @Test
    void jwtRoute_whenTokenIsSignedWithAnotherKey_answers401() {
        String forged = new LocalJwt(LocalJwt.randomKey(), Clock.systemUTC()).mint("u1", List.of("org-1"),
                List.of("admin"));

        HttpResponse<String> response = http.send("GET", "/echo/1", forged, null);

        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("www-authenticate").orElseThrow().contains("invalid_token"));
    }

    @Test
    void jwtRoute_whenTokenHasExpired_answers401() {
        String expired = runtime.jwt().withClock(Clock.fixed(Instant.now().minusSeconds(13 * 3600),
                ZoneOffset.UTC)).mint("u1", List.of("org-1"), List.of());

        HttpResponse<String> response = http.send("GET", "/echo/1", expired, null);

        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("www-authenticate").orElseThrow().contains("expired"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iss", "aud", "exp", "nbf"})
    void jwtRoute_whenAClaimIsWrong_answers401(String claim) {
        ObjectNode claims = LocalHttp.JSON.createObjectNode();
        long now = Instant.now().getEpochSecond();
        claims.put("sub", "u1");
        claims.put("iss", claim.equals("iss") ? "https://someone-else.example/" : LocalJwt.ISSUER);
        claims.put("aud", claim.equals("aud") ? "another-app" : LocalJwt.AUDIENCE);
        if (!claim.equals("exp")) {
            claims.put("exp", now + 600);
        }
        claims.put("nbf", claim.equals("nbf") ? now + 600 : now);

        HttpResponse<String> response = http.send("GET", "/echo/1", runtime.jwt().sign(claims), null);

        assertEquals(401, response.statusCode());
    }

    @Test
    void jwtRoute_whenPayloadIsTamperedOrAlgorithmIsNone_answers401() {
        String token = memberToken();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("billing-admin", "admin");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(
                StandardCharsets.UTF_8)) + "." + parts[1] + ".";

        assertEquals(401, http.send("GET", "/echo/1", tampered, null).statusCode());
        assertEquals(401, http.send("GET", "/echo/1", none, null).statusCode());
        assertEquals(401, http.send("GET", "/echo/1", "not-a-jwt", null).statusCode());
    }

    @Test
    void routes_whenALiteralAndAParameterBothMatch_chooseTheLiteral_withEachFunctionsOwnEnvironment() {
        String token = memberToken();

        JsonNode special = LocalHttp.json(http.send("GET", "/echo/special", token, null));
        JsonNode other = LocalHttp.json(http.send("GET", "/echo/other", token, null));

        assertEquals("EchoFunctionB", special.path("functionName").asText());
        assertEquals("chocolate", special.path("env").path("FLAVOUR").asText());
        assertEquals("chocolate", special.path("flavourAtInit").asText());
        assertEquals(256, special.path("memoryLimitInMB").asInt());
        assertEquals("EchoFunctionA", other.path("functionName").asText());
        assertEquals("vanilla", other.path("env").path("FLAVOUR").asText());
        assertEquals("vanilla", other.path("flavourAtInit").asText());
        assertEquals("b-only", special.path("env").path("EXTRA").asText(), "--env-vars for one function");
        assertEquals("all", other.path("env").path("EXTRA").asText(), "--env-vars Parameters for all functions");
    }

    @Test
    void greedyRoute_whenPathIsDeep_capturesTheRest() {
        HttpResponse<String> response = http.send("DELETE", "/echo/7/items/a/b/c", memberToken(), null);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode event = event(response);
        assertEquals("ANY /echo/{id}/items/{proxy+}", event.path("routeKey").asText());
        assertEquals("7", event.path("pathParameters").path("id").asText());
        assertEquals("a/b/c", event.path("pathParameters").path("proxy").asText());
    }

    @Test
    void environment_whenTemplateUsesIntrinsics_getsLocalValues() {
        JsonNode env = LocalHttp.json(http.send("GET", "/echo/1", memberToken(), null)).path("env");

        assertEquals(table.name(), env.path("TABLE_NAME").asText());
        assertEquals("arn:aws:dynamodb:" + AwsBackend.REGION.id() + ":123456789012:table/" + table.name(),
                env.path("TABLE_ARN").asText());
        assertEquals("hello", env.path("GREETING").asText());
        assertEquals(runtime.baseUrl() + "/pg/sandbox", env.path("API_URL").asText());
        assertEquals(runtime.baseUrl().toString(), env.path("LOCAL_BASE_URL").asText());
        assertEquals(table.endpoint().toString(), env.path("AWS_ENDPOINT_URL").asText());
        assertEquals("EchoFunctionA", env.path("AWS_LAMBDA_FUNCTION_NAME").asText());
        assertFalse(env.has("UNRESOLVABLE"), "a Ref with no local value is left unset");
        String secretArn = env.path("SECRET_ARN").asText();
        assertTrue(secretArn.startsWith("arn:aws:secretsmanager:"), secretArn);
        try (SecretsManagerClient secrets = SecretsManagerClient.builder().region(AwsBackend.REGION)
                .credentialsProvider(AwsBackend.CREDENTIALS).endpointOverride(table.endpoint())
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            assertTrue(secrets.getSecretValue(r -> r.secretId(secretArn)).secretString().matches("[A-Za-z0-9]{40}"),
                    "the secret follows the template's GenerateSecretString");
        }
    }

    @Test
    void noneAuthRoute_whenCalledWithoutToken_reachesTheFunctionWithoutAuthorizer() {
        HttpResponse<String> response = http.send(http.request("POST", "/hooks/sandbox", "a=1&b=2")
                .header("content-type", "application/x-www-form-urlencoded"));

        assertEquals(200, response.statusCode(), response.body());
        JsonNode event = event(response);
        assertTrue(event.path("requestContext").path("authorizer").isMissingNode()
                || event.path("requestContext").path("authorizer").isNull());
        assertEquals("sandbox", event.path("pathParameters").path("provider").asText());
        assertTrue(event.path("isBase64Encoded").asBoolean(), "a form body reaches the function base64-encoded");
        assertEquals("a=1&b=2", new String(Base64.getDecoder().decode(event.path("body").asText()),
                StandardCharsets.UTF_8));
    }

    @Test
    void iamRoute_whenNoCredentials_answers403() {
        HttpResponse<String> response = http.send("POST", "/internal/things", memberToken(), "{}");

        assertEquals(403, response.statusCode());
        assertEquals("Forbidden", LocalHttp.json(response).path("message").asText());
    }

    @Test
    void iamRoute_whenLocalRoleHeaderOrSigV4_handsAnIamAuthorizerContext() {
        JsonNode byRole = event(http.send(http.request("POST", "/internal/things", "{}")
                .header("content-type", "application/json").header("x-local-iam-role", "platform")))
                .path("requestContext").path("authorizer").path("iam");
        JsonNode bySigV4 = event(http.send(http.request("POST", "/internal/things", "{}")
                .header("content-type", "application/json")
                .header("authorization", "AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20261127/ap-southeast-3/"
                        + "execute-api/aws4_request, SignedHeaders=host, Signature=abc")))
                .path("requestContext").path("authorizer").path("iam");

        assertEquals("arn:aws:sts::123456789012:assumed-role/platform/local", byRole.path("userArn").asText());
        assertEquals("123456789012", byRole.path("accountId").asText());
        assertEquals("AKIDLOCAL", bySigV4.path("accessKey").asText());
    }

    @Test
    void unknownRoute_answers404Problem() {
        HttpResponse<String> response = http.send("GET", "/nowhere", memberToken(), null);

        assertEquals(404, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("content-type").orElseThrow());
        assertEquals("urn:problem-type:billing:not-found", LocalHttp.json(response).path("type").asText());
    }

    @Test
    void knownPath_whenMethodDiffers_answers405ProblemWithAllow() {
        HttpResponse<String> response = http.send("PUT", "/binary", null, "{}");

        assertEquals(405, response.statusCode());
        assertEquals("urn:problem-type:billing:method-not-allowed", LocalHttp.json(response).path("type").asText());
        assertEquals("GET", response.headers().firstValue("allow").orElseThrow());
    }

    @Test
    void unavailableFunction_whenInitFailsOrClassIsMissing_answers503Problem_andOthersStillServe() {
        HttpResponse<String> broken = http.send("GET", "/broken", null, null);
        HttpResponse<String> missing = http.send("GET", "/missing", null, null);

        assertEquals(503, broken.statusCode());
        assertEquals("urn:problem-type:billing:function-unavailable", LocalHttp.json(broken).path("type").asText());
        assertFalse(broken.body().contains("SOMETHING"), "no exception text in a response");
        assertEquals(503, missing.statusCode());
        assertEquals(200, http.send("GET", "/binary", null, null).statusCode());
    }

    @Test
    void throwingFunction_answers500LikeApiGateway_withoutItsMessage() {
        HttpResponse<String> response = http.send("GET", "/throws", null, null);

        assertEquals(500, response.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", response.body());
    }

    @Test
    void streamHandler_whenItAnswersBase64_writesTheBinaryBody() {
        HttpResponse<byte[]> response = http.sendForBytes(http.request("GET", "/binary", null));

        assertEquals(200, response.statusCode());
        assertEquals("application/octet-stream", response.headers().firstValue("content-type").orElseThrow());
        assertArrayEquals(BinaryHandler.payload(), response.body());
    }

    @Test
    void schedule_whenFiredByHand_invokesWithAScheduledEvent_andAnswersItsOutput() {
        JsonNode monthly = LocalHttp.json(http.send("POST", "/_local/schedules/ScheduledFunction", null,
                "{\"time\":\"2026-12-01T00:00:00+07:00\",\"detail\":{\"run\":\"manual\"}}"));
        JsonNode daily = LocalHttp.json(http.send("POST", "/_local/schedules/ScheduledFunction?event=Daily", null,
                null));

        assertEquals("aws.events", monthly.path("source").asText());
        assertEquals("Scheduled Event", monthly.path("detailType").asText());
        assertEquals("2026-11-30T17:00:00.000Z", monthly.path("time").asText());
        assertEquals("manual", monthly.path("detail").path("run").asText());
        assertEquals("arn:aws:events:" + AwsBackend.REGION.id() + ":123456789012:rule/monthly-invoice-run",
                monthly.path("resources").path(0).asText());
        assertEquals(table.name(), monthly.path("table").asText());
        assertEquals("ScheduledFunction", monthly.path("function").asText());
        assertEquals("aws.scheduler", daily.path("source").asText());
    }

    @Test
    void schedule_whenEventHasConstantInputOrIsARule_deliversWhatEventBridgeWould() {
        JsonNode fixed = LocalHttp.json(http.send("POST", "/_local/schedules/InputFunction", null, null));
        JsonNode rule = LocalHttp.json(http.send("POST", "/_local/schedules/InputFunction?event=UsageRule", null,
                "{\"detail\":{\"sku\":\"vm.small\"}}"));

        assertEquals("fixed", fixed.path("received").path("kind").asText());
        assertEquals("platform.usage", rule.path("received").path("source").asText());
        assertEquals("UsageRecorded", rule.path("received").path("detail-type").asText());
        assertEquals("vm.small", rule.path("received").path("detail").path("sku").asText());
    }

    @Test
    void schedule_whenFunctionOrScheduleIsUnknownOrBroken_answersProblems() {
        assertEquals(404, http.send("POST", "/_local/schedules/NoSuchFunction", null, null).statusCode());
        assertEquals(404, http.send("POST", "/_local/schedules/EchoFunctionA", null, null).statusCode());
        assertEquals(404, http.send("POST", "/_local/schedules/ScheduledFunction?event=Nope", null, null)
                .statusCode());
        assertEquals(503, http.send("POST", "/_local/schedules/BrokenFunction", null, null).statusCode());
        HttpResponse<String> badTime = http.send("POST", "/_local/schedules/ScheduledFunction", null,
                "{\"time\":\"yesterday\"}");
        assertEquals(400, badTime.statusCode());
        assertEquals("urn:problem-type:billing:invalid-request", LocalHttp.json(badTime).path("type").asText());
        assertEquals(400, http.send("POST", "/_local/schedules/ScheduledFunction", null, "[1,2]").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "{}", "{\"sub\":42}", "{\"sub\":\"u1\",\"orgs\":\"org-1\"}",
            "{\"sub\":\"u1\",\"orgs\":[\"org 1\"]}", "{\"sub\":\"u1\",\"roles\":[\"[admin]\"]}",
            "{\"sub\":\"u1\",\"extra\":true}", "{\"sub\":\"\"}"})
    void tokens_whenInputIsBad_answer400Problem(String body) {
        HttpResponse<String> response = http.send("POST", "/_local/tokens", null, body);

        assertEquals(400, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("content-type").orElseThrow());
        assertTrue(LocalHttp.json(response).path("type").asText().startsWith("urn:problem-type:billing:"));
    }

    @Test
    void tokens_whenValid_returnATwelveHourBearerToken() {
        JsonNode body = LocalHttp.json(http.send("POST", "/_local/tokens", null,
                "{\"sub\":\"u1\",\"orgs\":[\"org-1\"],\"roles\":[\"admin\"]}"));

        assertEquals(3, body.path("token").asText().split("\\.").length);
        assertEquals(43200, body.path("expiresIn").asLong());
        assertEquals(405, http.send("GET", "/_local/tokens", null, null).statusCode());
    }

    @Test
    void staticFiles_whenWebDirHasThem_areServed_andNothingOutsideIs() {
        HttpResponse<String> index = http.send("GET", "/", null, null);
        HttpResponse<String> script = http.send("GET", "/js/app.js", null, null);

        assertEquals(200, index.statusCode());
        assertEquals("<h1>billing</h1>", index.body());
        assertTrue(index.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
        assertTrue(script.headers().firstValue("content-type").orElseThrow().startsWith("text/javascript"));
        assertEquals(404, http.send("GET", "/js/../../etc/passwd", null, null).statusCode());
        assertEquals(404, http.send("GET", "/%2e%2e/%2e%2e/etc/passwd", null, null).statusCode());
        assertEquals(404, http.send("GET", "/nothing-here.js", null, null).statusCode());
    }

    @Test
    void mount_whenAPrefixIsMounted_servesTheLocalHandler_andOverlapsAreRefused() {
        runtime.mount("/_fixture-pages/", request -> LocalHttpResponse.html(200, "<p>pay "
                + request.query().get("order") + " via " + request.rawPath() + "</p>"));

        HttpResponse<String> page = http.send("GET", "/_fixture-pages/checkout?order=o-1", null, null);

        assertEquals(200, page.statusCode());
        assertEquals("<p>pay o-1 via /_fixture-pages/checkout</p>", page.body());
        assertThrows(IllegalArgumentException.class, () -> runtime.mount("/_local", r -> null));
        assertThrows(IllegalArgumentException.class, () -> runtime.mount("/echo", r -> null));
        assertThrows(IllegalArgumentException.class, () -> runtime.mount("/_fixture-pages", r -> null));
    }

    @Test
    void health_answers200_andFunctionsListsWhatIsUnavailable() {
        assertEquals(200, http.send("GET", "/_local/health", null, null).statusCode());
        JsonNode functions = LocalHttp.json(http.send("GET", "/_local/functions", null, null)).path("functions");
        Map<String, Boolean> available = new java.util.HashMap<>();
        functions.forEach(f -> available.put(f.path("logicalId").asText(), f.path("available").asBoolean()));

        assertEquals(Boolean.TRUE, available.get("EchoFunctionA"));
        assertEquals(Boolean.FALSE, available.get("BrokenFunction"));
        assertEquals(Boolean.FALSE, available.get("MissingFunction"));
    }
}
