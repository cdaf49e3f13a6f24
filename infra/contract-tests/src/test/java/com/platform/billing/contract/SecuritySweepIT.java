package com.platform.billing.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.contract.RouteCatalog.RouteClass;
import com.platform.billing.contract.RouteCatalog.SweptRoute;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.TableSnapshot;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.dynamodb.LedgerAuditor;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The route-wide security sweep, generated from template.yaml: every route, by its class, through the local runtime
 * over real HTTP (the authorizers enforced as API Gateway does):
 * <ul>
 *   <li>every console (JWT) route: no token, and each kind of bad token (garbage, expired, not yet valid, another
 *       issuer or audience, another key, {@code alg: none}, a payload changed after signing) → 401;</li>
 *   <li>org-scoped routes with a token of another org (even with role billing-admin), or of no org → 404
 *       {@code not-found}, exactly like a missing org;</li>
 *   <li>admin routes with a member's token (any non-admin role) → 403 {@code forbidden};</li>
 *   <li>internal (IAM) routes without a SigV4 signature, or with a console token instead → 403;</li>
 *   <li>the webhook without, or with a wrong, signature → 401 {@code callback-unauthenticated}.</li>
 * </ul>
 * Each route's requests carry its spec example as the body, so only the credentials are wrong; the table is
 * compared before and after each route: nothing changed.
 */
@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuritySweepIT {

    private final LocalService service;
    private final OpenApiSpec spec = OpenApiSpec.load();
    private final Verdicts verdicts = new Verdicts(spec);
    private int checks;

    SecuritySweepIT(LedgerTable table) throws IOException {
        this.service = new LocalService(table);
    }

    @AfterAll
    void stop() {
        service.close();
    }

    /** One named request and the verdict it must get. */
    private record Check(String name, Map<String, String> headers, String body, Verdict verdict) {
    }

    @FunctionalInterface
    private interface Verdict {
        Optional<String> judge(String routeKey, LocalService.Reply reply);
    }

    @TestFactory
    Stream<DynamicTest> everyRoute_refusesWrongCredentials_andChangesNothing() {
        return RouteCatalog.all().stream().map(route -> DynamicTest.dynamicTest(route.toString(), () -> sweep(route)));
    }

    @Test
    void everyTemplateRoute_isInThisSweep() {
        assertEquals(RouteCatalog.templateRoutes().size(), RouteCatalog.all().size(),
                "every template route must have a sweep class");
    }

    private void sweep(SweptRoute route) {
        String key = route.key();
        String path = service.path(route.route().path(), Map.of());
        String body = spec.requestExample(key).map(Object::toString).orElse(null);
        List<Check> list = checks(route, body);
        assertTrue(list.size() >= 3, "too few checks for " + route);
        TableSnapshot before = service.snapshot();
        List<String> failures = new ArrayList<>();
        for (Check check : list) {
            LocalService.Reply reply = service.send(route.route().method(), path, check.headers(), check.body());
            check.verdict().judge(key, reply).ifPresent(f -> failures.add(check.name() + ": " + f));
            checks++;
        }
        assertTrue(failures.isEmpty(), route + ":\n  " + String.join("\n  ", failures));
        TableSnapshot after = service.snapshot();
        assertTrue(before.equals(after), route + ": a refused request changed the table:\n  "
                + TableDiff.describe(before, after));
        LedgerAuditor.Report audit = new LedgerAuditor(service.table().dynamo(), service.table().name()).audit();
        assertTrue(audit.clean(), audit.toString());
    }

    private List<Check> checks(SweptRoute route, String body) {
        List<Check> checks = new ArrayList<>();
        switch (route.routeClass()) {
            case ORG_SCOPED, ADMIN -> {
                checks.addAll(badTokens(body));
                if (route.routeClass() == RouteClass.ORG_SCOPED) {
                    Verdict notFound = (key, reply) -> verdicts.problem(key, reply, 404, "not-found");
                    checks.add(new Check("another org's member (role billing-admin)", bearer(service.otherMember),
                            body, notFound));
                    checks.add(new Check("a member of no org", bearer(token(Map.of("sub", "nobody",
                            "orgs", List.of(), "roles", List.of()))), body, notFound));
                    checks.add(new Check("an org id differing only in case", bearer(token(Map.of("sub", "case",
                            "orgs", List.of(LocalService.ORG.toUpperCase()), "roles", List.of()))), body, notFound));
                    if (spec.needsBillingAdmin(route.key())) {
                        Verdict forbidden = (key, reply) -> verdicts.problem(key, reply, 403, "forbidden");
                        checks.add(new Check("a member without billing-admin", bearer(service.member), body,
                                forbidden));
                        checks.add(new Check("a member with another org's billing-admin", bearer(token(Map.of(
                                "sub", "scoped", "orgs", List.of(LocalService.ORG, LocalService.OTHER_ORG),
                                "roles", List.of("billing-admin:" + LocalService.OTHER_ORG)))), body, forbidden));
                        checks.add(new Check("role Billing-Admin (wrong case)", bearer(token(Map.of("sub", "case",
                                "orgs", List.of(LocalService.ORG), "roles", List.of("Billing-Admin")))), body,
                                forbidden));
                    }
                } else {
                    Verdict forbidden = (key, reply) -> verdicts.problem(key, reply, 403, "forbidden");
                    checks.add(new Check("a member of the org", bearer(service.member), body, forbidden));
                    checks.add(new Check("an org's billing-admin", bearer(service.otherMember), body, forbidden));
                    checks.add(new Check("role Admin (wrong case)", bearer(token(Map.of("sub", "case",
                            "orgs", List.of(LocalService.ORG), "roles", List.of("Admin")))), body, forbidden));
                }
            }
            case INTERNAL -> {
                Verdict forbidden = (key, reply) -> verdicts.gatewayRefusal(key, reply, 403);
                checks.add(new Check("no signature", json(), body, forbidden));
                checks.add(new Check("a console admin token", bearer(service.admin), body, forbidden));
                checks.add(new Check("a malformed SigV4 header", with("authorization",
                        "AWS4-HMAC-SHA256 Signature=deadbeef"), body, forbidden));
                checks.add(new Check("a bad role name", with("x-local-iam-role", "role with spaces"), body,
                        forbidden));
            }
            case WEBHOOK -> {
                String notification = service.notification("PAID");
                Verdict unauthenticated = (key, reply) -> verdicts.problem(key, reply, 401,
                        "callback-unauthenticated");
                checks.add(new Check("no signature", json(), notification, unauthenticated));
                checks.add(new Check("the signature of another body", with("x-sandbox-signature",
                        LocalService.sandboxSignature(service.notification("FAILED"))), notification,
                        unauthenticated));
                checks.add(new Check("a signature that is not hex", with("x-sandbox-signature", "not-hex!"),
                        notification, unauthenticated));
                checks.add(new Check("an empty signature", with("x-sandbox-signature", "0"), notification,
                        unauthenticated));
                checks.add(new Check("a console admin token instead", bearer(service.admin), notification,
                        unauthenticated));
                checks.add(new Check("the right signature with the body changed after signing",
                        with("x-sandbox-signature", LocalService.sandboxSignature(notification)),
                        notification.replace("\"amount\":" + service.orderTotal(), "\"amount\":"
                                + (service.orderTotal() * 10)), unauthenticated));
            }
        }
        return checks;
    }

    private List<Check> badTokens(String body) {
        Verdict unauthorized = (key, reply) -> verdicts.gatewayRefusal(key, reply, 401);
        long now = Instant.now().getEpochSecond();
        Map<String, Object> admin = new LinkedHashMap<>(Map.of("sub", "forged", "orgs", List.of(LocalService.ORG),
                "roles", List.of("admin")));
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("no token", json(), body, unauthorized));
        checks.add(new Check("an empty bearer", with("authorization", "Bearer "), body, unauthorized));
        checks.add(new Check("garbage", bearer("not-a-jwt"), body, unauthorized));
        checks.add(new Check("expired", bearer(token(with(admin, "exp", now - 60))), body, unauthorized));
        checks.add(new Check("not yet valid", bearer(token(with(admin, "nbf", now + 3600))), body, unauthorized));
        checks.add(new Check("no expiry", bearer(tokenWithout(admin, "exp")), body, unauthorized));
        checks.add(new Check("another issuer", bearer(token(with(admin, "iss", "https://evil.example/"))), body,
                unauthorized));
        checks.add(new Check("another audience", bearer(token(with(admin, "aud", "someone-else"))), body,
                unauthorized));
        checks.add(new Check("signed with another key", bearer(service.token(admin, true)), body, unauthorized));
        String payload = service.token(admin, false).split("\\.")[1];
        checks.add(new Check("alg none", bearer(base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + "."),
                body, unauthorized));
        String memberToken = service.member;
        String[] parts = memberToken.split("\\.");
        checks.add(new Check("a member token with admin claims pasted in", bearer(parts[0] + "." + payload + "."
                + parts[2]), body, unauthorized));
        return checks;
    }

    private String token(Map<String, Object> claims) {
        return service.token(claims, false);
    }

    /** A validly signed token without one of the standard claims. */
    private String tokenWithout(Map<String, Object> claims, String name) {
        String token = service.token(claims, false);
        var payload = (com.fasterxml.jackson.databind.node.ObjectNode) decode(token.split("\\.")[1]);
        payload.remove(name);
        return LocalService.sign("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload.toString(), LocalService.JWT_SECRET);
    }

    private static com.fasterxml.jackson.databind.JsonNode decode(String part) {
        try {
            return LocalService.JSON.readTree(java.util.Base64.getUrlDecoder().decode(part));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String base64(String text) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(claims);
        copy.put(name, value);
        return copy;
    }

    private static Map<String, String> json() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        return headers;
    }

    private static Map<String, String> with(String header, String value) {
        Map<String, String> headers = json();
        headers.put(header, value);
        return headers;
    }

    private static Map<String, String> bearer(String token) {
        return with("authorization", "Bearer " + token);
    }
}
