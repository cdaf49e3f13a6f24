package com.platform.billing.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private static Routes.Route route(String method, String path) {
        return new Routes.Route(method, path, "Fn" + path.hashCode(), "JWT");
    }

    private final Routes routes = new Routes(List.of(
            route("GET", "/orgs/{orgId}/billing"),
            route("GET", "/admin/vouchers/{voucherId}"),
            route("POST", "/admin/vouchers/lookup"),
            route("ANY", "/files/{proxy+}"),
            route("GET", "/files/readme"),
            route("POST", "/orgs/{orgId}/invoices/{invoiceId}/payments")));

    private Routes.Matched matched(String method, String path) {
        return assertInstanceOf(Routes.Matched.class, routes.match(method, path), method + " " + path);
    }

    @Test
    void match_whenParametersMatch_bindsDecodedValues() {
        Routes.Matched m = matched("POST", "/orgs/org%201/invoices/INV-7/payments");

        assertEquals("POST /orgs/{orgId}/invoices/{invoiceId}/payments", m.route().routeKey());
        assertEquals(Map.of("orgId", "org 1", "invoiceId", "INV-7"), m.pathParameters());
    }

    @Test
    void match_whenLiteralAndParameterBothFit_prefersTheLiteral_forItsMethodOnly() {
        assertEquals("POST /admin/vouchers/lookup", matched("POST", "/admin/vouchers/lookup").route().routeKey());
        assertEquals("GET /admin/vouchers/{voucherId}", matched("GET", "/admin/vouchers/lookup").route().routeKey());
    }

    @Test
    void match_whenGreedy_takesOneOrMoreSegments_andLosesToALiteral() {
        assertEquals("GET /files/readme", matched("GET", "/files/readme").route().routeKey());
        assertEquals(Map.of("proxy", "a/b/c.txt"), matched("PUT", "/files/a/b/c.txt").pathParameters());
        assertInstanceOf(Routes.NoRoute.class, routes.match("GET", "/files"));
        assertInstanceOf(Routes.NoRoute.class, routes.match("GET", "/files/"));
    }

    @Test
    void match_whenPathFitsAnotherMethod_isMethodNotAllowed() {
        assertEquals(List.of("GET"), assertInstanceOf(Routes.MethodNotAllowed.class,
                routes.match("DELETE", "/orgs/org-1/billing")).allowed());
    }

    @Test
    void match_whenNothingFits_isNoRoute() {
        assertInstanceOf(Routes.NoRoute.class, routes.match("GET", "/orgs/org-1/billing/extra"));
        assertInstanceOf(Routes.NoRoute.class, routes.match("GET", "/orgs//billing"));
        assertInstanceOf(Routes.NoRoute.class, routes.match("GET", "/"));
    }

    @Test
    void match_whenDefaultRouteExists_catchesTheRest() {
        Routes withDefault = new Routes(List.of(route("GET", "/a"), new Routes.Route("ANY", "$default", "Fn",
                "NONE")));

        assertEquals("$default", assertInstanceOf(Routes.Matched.class, withDefault.match("POST", "/zzz")).route()
                .routeKey());
    }

    @Test
    void constructor_whenGreedyIsNotLast_refuses() {
        assertThrows(IllegalArgumentException.class, () -> new Routes(List.of(route("GET", "/a/{proxy+}/b"))));
    }
}
