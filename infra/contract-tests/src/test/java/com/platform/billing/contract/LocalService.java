package com.platform.billing.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.TableSnapshot;
import com.platform.billing.local.LocalOptions;
import com.platform.billing.local.LocalRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The whole service on a test's own table, driven over real HTTP on loopback: the local runtime (every function of
 * template.yaml, API Gateway-shaped events, the JWT and IAM authorizers enforced exactly as it documents), a fixed
 * token key so the sweeps can forge expired or foreign tokens, and seed data so bad inputs reach real code paths:
 * org {@link #ORG} (prepaid, with credit, a saved card, an open top-up invoice, a pending order and a bare-metal
 * server {@link #SERVER}), org {@link #OTHER_ORG}, a voucher, a catalogue SKU.
 */
final class LocalService implements AutoCloseable {

    static final String ORG = "org-sweep-a";
    static final String OTHER_ORG = "org-sweep-b";
    static final String SKU = "vm.sweep";
    static final String SERVER = "bm-sweep-1";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String JWT_SECRET = "contract-tests-local-jwt-secret-0123456789";
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([A-Za-z0-9_]+)\\+?}");

    /** A response as the client saw it. */
    record Reply(int status, String contentType, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + " " + contentType + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 600 ? body.substring(0, 600) + "…" : body);
        }
    }

    private final LedgerTable table;
    private final LocalRuntime runtime;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String issuer;
    private final String audience;
    final String admin;
    final String member;
    /** A member of {@link #ORG} with its {@code billing-admin:{orgId}} role (routes marked x-contract-caller). */
    final String billingAdmin;
    final String otherMember;
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private String voucherCode;
    private String orderId;
    private long orderTotal;

    LocalService(LedgerTable table) throws IOException {
        this(table, List.of());
    }

    /** With extra command-line options of the runtime (e.g. {@code --env-vars FILE}). */
    LocalService(LedgerTable table, List<String> options) throws IOException {
        this(table, options, true);
    }

    /** {@code seed} false: no seed data (for a runtime whose routes cannot be called as an admin). */
    LocalService(LedgerTable table, List<String> options, boolean seed) throws IOException {
        this.table = table;
        List<String> args = new java.util.ArrayList<>(List.of("--port", "0", "--endpoint",
                table.endpoint().toString(), "--table", table.name()));
        args.addAll(options);
        this.runtime = LocalRuntime.start(LocalOptions.parse(args.toArray(String[]::new),
                Map.of("LOCAL_JWT_SECRET", JWT_SECRET)));
        this.admin = runtime.mintToken("admin-sweep", List.of(), List.of("admin"));
        this.member = runtime.mintToken("member-sweep", List.of(ORG), List.of());
        this.billingAdmin = runtime.mintToken("billing-admin-sweep", List.of(ORG), List.of("billing-admin:" + ORG));
        this.otherMember = runtime.mintToken("member-other", List.of(OTHER_ORG), List.of("billing-admin"));
        JsonNode claims = decodeClaims(admin);
        this.issuer = claims.path("iss").asText();
        this.audience = claims.path("aud").asText();
        if (seed) {
            seed();
        }
    }

    /** Seed data through the public API itself, checked as it goes. */
    private void seed() {
        expect(201, send("PUT", "/admin/orgs/" + ORG + "/billing-account", admin, "{\"billingType\":\"PREPAID\"}"));
        expect(201, send("POST", "/admin/orgs/" + ORG + "/credit-adjustments", admin,
                "{\"amount\":1000000,\"reason\":\"sweep seed\"}"));
        // A saved card, so a refused DELETE /orgs/{orgId}/payment-method has a card it must leave in place.
        expect(200, send("PUT", "/admin/orgs/" + ORG + "/payment-method", admin, "{\"provider\":\"sandbox\","
                + "\"cardToken\":\"tok_sandbox_sweep\",\"brand\":\"VISA\",\"maskedNumber\":\"**** 4242\","
                + "\"expiryMonth\":12,\"expiryYear\":2030}"));
        expect(201, send("PUT", "/admin/orgs/" + OTHER_ORG + "/billing-account", admin,
                "{\"billingType\":\"PREPAID\"}"));
        JsonNode topUp = expect(201, send("POST", "/orgs/" + ORG + "/topups", member, "{\"amount\":100000}")).json();
        orderId = topUp.path("orderId").asText();
        orderTotal = topUp.path("amount").asLong();
        JsonNode vouchers = expect(201, send("POST", "/admin/vouchers", admin, "{\"count\":1,\"amount\":50000,"
                + "\"validUntil\":\"2099-12-01T00:00:00+07:00\",\"totalLimit\":100,\"perOrgLimit\":100}")).json();
        voucherCode = vouchers.path("vouchers").get(0).path("code").asText();
        LocalDate effective = LocalDate.now(ZoneId.of("Asia/Jakarta")).plusDays(3);
        expect(201, send("PUT", "/admin/catalogue/skus/" + SKU + "/prices", admin, "{\"unitPriceMicros\":1500000000,"
                + "\"effectiveFrom\":\"" + effective + "\",\"category\":\"compute\",\"unit\":\"hour\"}"));
        // A bare-metal server of ORG (one month, small price: the org keeps most of its credit), so the cancel
        // route's sweeps run against a real subscription that a refused request must leave ACTIVE. A runtime that
        // refuses every platform caller (InternalCallerIT's INTERNAL_CALLER_ACCOUNTS) cannot seed one: 403, and
        // serverId keeps the placeholder.
        Reply server = send("POST", "/internal/baremetal-charges", Map.of("content-type", "application/json",
                "x-local-iam-role", "platform-usage-reporter"), bareMetalCharge(SERVER, Instant.now()));
        if (server.status() != 403) {
            expect(201, server);
            pathValues.put("serverId", SERVER);
        }
        pathValues.put("orgId", ORG);
        pathValues.put("invoiceId", topUp.path("invoice").path("id").asText());
        pathValues.put("voucherId", vouchers.path("vouchers").get(0).path("voucherId").asText());
        pathValues.put("sku", SKU);
        pathValues.put("provider", "sandbox");
    }

    /** A first-term charge of a bare-metal server of {@link #ORG} created at {@code start}. */
    static String bareMetalCharge(String serverId, Instant start) {
        return "{\"orgId\":\"" + ORG + "\",\"serverId\":\"" + serverId + "\",\"sku\":\"bare-metal.sweep\","
                + "\"monthlyPrice\":100000,\"termMonths\":1,\"start\":\"" + start + "\"}";
    }

    /** The console token the tests call a route with: the org's billing-admin where the spec says so. */
    String consoleToken(OpenApiSpec spec, RouteCatalog.SweptRoute route) {
        return switch (route.routeClass()) {
            case ADMIN -> admin;
            case ORG_SCOPED -> spec.needsBillingAdmin(route.key()) ? billingAdmin : member;
            default -> throw new IllegalArgumentException(route + " takes no console token");
        };
    }

    /** The seeded value for a path parameter; a parameter a new route adds gets a plain placeholder. */
    String pathValue(String name) {
        return pathValues.getOrDefault(name, "seed-1");
    }

    /** The route's path with the seeded values, and {@code overrides} (already URL-encoded as wanted) on top. */
    String path(String routePath, Map<String, String> overrides) {
        Matcher matcher = PATH_PARAM.matcher(routePath);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = overrides.containsKey(name) ? overrides.get(name) : encode(pathValue(name));
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    String voucherCode() {
        return voucherCode;
    }

    String orderId() {
        return orderId;
    }

    long orderTotal() {
        return orderTotal;
    }

    /** A sandbox gateway notification for the seeded order, and its signature. */
    String notification(String status) {
        return "{\"order_id\":\"" + orderId + "\",\"status\":\"" + status + "\",\"amount\":" + orderTotal
                + ",\"currency\":\"IDR\",\"transaction_id\":\"sbx-sweep\",\"reference_number\":\"SBXSWEEP\","
                + "\"payment_method\":\"bank_transfer\",\"occurred_at\":\"" + Instant.now() + "\"}";
    }

    /** hex(HMAC-SHA256(sandbox secret, body)): what the sandbox gateway sends in x-sandbox-signature. */
    static String sandboxSignature(String body) {
        String secret = System.getProperty("PG_SANDBOX_SECRET");
        if (secret == null) {
            throw new IllegalStateException("the local runtime did not share PG_SANDBOX_SECRET");
        }
        return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------------ tokens

    /** A console token with any claims, signed with the runtime's key (or another key when {@code foreignKey}). */
    String token(Map<String, Object> claims, boolean foreignKey) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("iss", issuer);
        payload.put("aud", audience);
        long now = Instant.now().getEpochSecond();
        payload.put("iat", now);
        payload.put("nbf", now);
        payload.put("exp", now + 3600);
        claims.forEach((name, value) -> payload.set(name, JSON.valueToTree(value)));
        return sign("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload.toString(),
                foreignKey ? "another-key-that-is-not-the-runtimes-000000" : JWT_SECRET);
    }

    static String sign(String header, String payload, String key) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return input + "." + b64.encodeToString(hmac(key.getBytes(StandardCharsets.UTF_8),
                input.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode decodeClaims(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ HTTP

    Reply send(String method, String path, String token, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        return send(method, path, headers, body);
    }

    Reply send(String method, String pathAndQuery, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                    response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Reply expect(int status, Reply reply) {
        if (reply.status() != status) {
            throw new AssertionError("expected " + status + ", got " + reply);
        }
        return reply;
    }

    TableSnapshot snapshot() {
        return TableSnapshot.of(table);
    }

    LedgerTable table() {
        return table;
    }

    @Override
    public void close() {
        client.close();
        runtime.close();
    }
}
