package com.platform.billing.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.api.Log;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * [issue 8] What the functions log for real requests over HTTP (local runtime, JWTs from its authorizer): one JSON
 * request line per request with route, method, status, latency, org id, request id and the problem code of a refusal;
 * EMF counts of refusals by reason; and never the bearer token, a voucher code, a card number or a card token, not
 * even in the lines of requests that were refused for carrying them. Functions behind a schedule log one
 * {@code invocation} line per invocation instead.
 */
@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLogIT {

    private static final String ORG = "org-logs";
    private static final String VOUCHER_CODE = "LOGS-7KQ2-XR9M-PLW4";
    private static final String WRONG_CODE = "ZZZZ-9QXT-4KMW-8RNV";
    private static final String CARD_NUMBER = "4111111111111111";
    private static final String CARD_TOKEN = "tok-7d1c0a9e-secret-card-token";

    private final LocalRuntime runtime;
    private final LocalHttp http;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private String admin;
    private String member;

    RequestLogIT(LedgerTable table) throws IOException {
        this.runtime = LocalRuntime.start(LocalOptions.forTests(table.endpoint(), table.name()));
        this.http = new LocalHttp(runtime.baseUrl());
    }

    @BeforeAll
    void sendRequestsCarryingSecrets() {
        admin = http.token("{\"sub\":\"admin-logs\",\"roles\":[\"admin\"]}");
        member = http.token("{\"sub\":\"user-logs\",\"orgs\":[\"" + ORG + "\"],\"roles\":[]}");
        Log.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            expect(201, http.send("PUT", "/admin/orgs/" + ORG + "/billing-account", admin,
                    "{\"billingType\":\"PREPAID\"}"));
            expect(201, http.send("POST", "/admin/vouchers", admin, "{\"code\":\"" + VOUCHER_CODE + "\","
                    + "\"amount\":25000,\"validFrom\":\"2020-01-01T00:00:00Z\",\"validUntil\":\"2099-01-01T00:00:00Z\","
                    + "\"totalLimit\":5,\"perOrgLimit\":1}"));
            expect(201, http.send("POST", "/orgs/" + ORG + "/voucher-redemptions", member,
                    "{\"code\":\"" + VOUCHER_CODE.toLowerCase(Locale.ROOT) + "\"}"));
            expect(422, http.send("POST", "/orgs/" + ORG + "/voucher-redemptions", member,
                    "{\"code\":\"" + WRONG_CODE + "\"}"));
            // a card number where it does not belong: refused before anything is read
            expect(400, http.send("POST", "/orgs/" + ORG + "/topups", member,
                    "{\"amount\":100000,\"cardNumber\":\"" + CARD_NUMBER + "\"}"));
            expect(422, http.send("PUT", "/admin/orgs/" + ORG + "/payment-method", admin,
                    "{\"provider\":\"sandbox\",\"cardToken\":\"" + CARD_NUMBER + "\",\"brand\":\"visa\","
                            + "\"maskedNumber\":\"411111******1111\",\"expiryMonth\":12,\"expiryYear\":2030}"));
            expect(200, http.send("PUT", "/admin/orgs/" + ORG + "/payment-method", admin,
                    "{\"provider\":\"sandbox\",\"cardToken\":\"" + CARD_TOKEN + "\",\"brand\":\"visa\","
                            + "\"maskedNumber\":\"\u2022\u2022\u2022\u2022 1111\",\"expiryMonth\":12,"
                            + "\"expiryYear\":2030}"));
            // a forged gateway notification carrying a card number
            HttpResponse<String> forged = http.send(http.request("POST", "/pg/sandbox/notifications",
                    "{\"order_id\":\"" + ORG + "~AZ3kQ9x2bT4mP\",\"status\":\"PAID\",\"amount\":111000,"
                            + "\"currency\":\"IDR\",\"card_number\":\"" + CARD_NUMBER + "\"}")
                    .header("content-type", "application/json").header("x-sandbox-signature", "00ff"));
            assertTrue(forged.statusCode() / 100 == 4, forged.statusCode() + " " + forged.body());
            expect(200, http.send("GET", "/orgs/" + ORG + "/billing", member, null));
            // another org's resource with a valid token: 404 like a missing one
            expect(404, http.send("GET", "/orgs/org-other/billing", member, null));
        } finally {
            Log.redirect(System.out);
        }
    }

    @AfterAll
    void stop() {
        http.close();
        runtime.close();
    }

    @Test
    void logs_neverCarryTokensVoucherCodesOrCardData() {
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("\"message\":\"request\""), "nothing captured: " + logs);
        List<String> forbidden = new ArrayList<>(List.of(admin, member, VOUCHER_CODE, WRONG_CODE, CARD_NUMBER,
                CARD_TOKEN, "Bearer", "authorization", "x-sandbox-signature"));
        // the parts of a JWT on their own (a header that leaks "payload.signature" still leaks the token)
        for (String token : List.of(admin, member)) {
            forbidden.addAll(List.of(token.split("\\.")));
        }
        // the code as normalised for hashing (no dashes, upper case)
        forbidden.add(VOUCHER_CODE.replace("-", ""));
        forbidden.add(WRONG_CODE.replace("-", ""));
        forbidden.add("4111 1111 1111 1111");
        for (String secret : forbidden) {
            assertFalse(logs.toLowerCase(Locale.ROOT).contains(secret.toLowerCase(Locale.ROOT)),
                    "the logs carry \"" + secret + "\":\n" + logs);
        }
    }

    @Test
    void everyRequest_logsOneStructuredLine() {
        List<JsonNode> requests = lines().stream().filter(l -> l.path("message").asText().equals("request")).toList();
        // one per request sent above (the /_local token requests were made before the capture)
        assertEquals(10, requests.size(), requests.toString());
        for (JsonNode line : requests) {
            assertFalse(line.path("requestId").asText().isEmpty(), line.toString());
            assertTrue(line.path("latencyMs").isIntegralNumber(), line.toString());
            assertTrue(line.path("timestamp").isTextual(), line.toString());
        }
        JsonNode redeemed = request("POST /orgs/{orgId}/voucher-redemptions", 201);
        assertEquals("POST", redeemed.path("method").asText());
        assertEquals(ORG, redeemed.path("orgId").asText());
        assertFalse(redeemed.has("problem"));
        assertEquals("voucher-invalid", request("POST /orgs/{orgId}/voucher-redemptions", 422).path("problem")
                .asText());
        assertEquals("GET", request("GET /orgs/{orgId}/billing", 200).path("method").asText());
        JsonNode foreign = request("GET /orgs/{orgId}/billing", 404);
        assertFalse(foreign.path("problem").asText().isEmpty(), foreign.toString());
        JsonNode forged = lines().stream().filter(l -> l.path("route").asText().equals(
                "POST /pg/{provider}/notifications")).findFirst().orElseThrow();
        assertTrue(forged.path("status").asInt() / 100 == 4 && !forged.path("problem").asText().isEmpty(),
                forged.toString());
    }

    @Test
    void refusals_areCountedByReason() {
        JsonNode voucher = metric("VoucherRefused");
        assertEquals("voucher-invalid", voucher.path("Reason").asText());
        // two dimension sets: the total (what alarms watch) and the breakdown by reason
        JsonNode dimensions = voucher.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions");
        assertEquals("[[\"Service\"],[\"Service\",\"Reason\"]]", dimensions.toString());
        JsonNode callback = metric("CallbackRejected");
        assertFalse(callback.path("Reason").asText().isEmpty(), callback.toString());
        assertEquals(1, callback.path("CallbackRejected").asLong());
        assertEquals("Billing", callback.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText());
    }

    @Test
    void scheduledInvocations_logOneLineEach_withTheirOutcome() {
        ByteArrayOutputStream scheduled = new ByteArrayOutputStream();
        Log.redirect(new PrintStream(scheduled, true, StandardCharsets.UTF_8));
        try {
            expect(200, http.send("POST", "/_local/schedules/CardChargeRetryFunction", null,
                    "{\"day\":\"2026-01-05\"}"));
            // a payload the function refuses: it throws, Lambda would count an error
            HttpResponse<String> refused = http.send("POST", "/_local/schedules/CardChargeRetryFunction", null,
                    "{\"day\":\"not-a-day\"}");
            assertTrue(refused.statusCode() >= 400, refused.statusCode() + " " + refused.body());
        } finally {
            Log.redirect(System.out);
        }
        List<JsonNode> invocations = parse(scheduled).stream()
                .filter(l -> l.path("message").asText().equals("invocation")).toList();
        assertEquals(2, invocations.size(), scheduled.toString(StandardCharsets.UTF_8));
        JsonNode ok = invocations.get(0);
        assertEquals("CardChargeRetryFunction", ok.path("function").asText());
        assertEquals("ok", ok.path("outcome").asText());
        assertEquals(0, ok.path("due").asInt(-1));
        assertFalse(ok.path("requestId").asText().isEmpty(), ok.toString());
        assertTrue(ok.path("latencyMs").isIntegralNumber(), ok.toString());
        JsonNode failed = invocations.get(1);
        assertEquals("error", failed.path("outcome").asText());
        assertEquals("ERROR", failed.path("level").asText());
        assertTrue(failed.path("errorType").asText().endsWith("InvalidRequestException"), failed.toString());
        assertFalse(failed.path("requestId").asText().equals(ok.path("requestId").asText()));
    }

    private JsonNode request(String route, int status) {
        return lines().stream().filter(l -> l.path("message").asText().equals("request")
                        && l.path("route").asText().equals(route) && l.path("status").asInt() == status)
                .findFirst().orElseThrow(() -> new AssertionError("no request line for " + route + " " + status));
    }

    private JsonNode metric(String name) {
        return lines().stream().filter(l -> l.path("message").asText().equals("metric") && l.has(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " metric line"));
    }

    private List<JsonNode> lines() {
        return parse(captured);
    }

    /** Every captured line must be one JSON object. */
    private static List<JsonNode> parse(ByteArrayOutputStream output) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode parsed = LocalHttp.JSON.readTree(line);
                assertTrue(parsed.isObject(), line);
                lines.add(parsed);
            } catch (IOException e) {
                throw new UncheckedIOException("a log line that is not JSON: " + line, e);
            }
        }
        return lines;
    }

    private static void expect(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.request().method() + " " + response.request().uri()
                + " -> " + response.body());
    }
}
