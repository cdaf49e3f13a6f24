package com.platform.billing.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.devkit.LambdaJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");
    private static final Routes.Route ROUTE = new Routes.Route("POST", "/orgs/{orgId}/topups", "TopUpFn", "JWT");

    private static APIGatewayV2HTTPEvent event(Map<String, List<String>> headers, String rawQuery, byte[] body,
                                               ObjectNode authorizer) {
        LocalHttpRequest request = new LocalHttpRequest("POST", "/orgs/org-1/topups", rawQuery, headers, body,
                "127.0.0.1");
        Routes.Matched match = new Routes.Matched(ROUTE, Map.of("orgId", "org-1"));
        String json = HttpApiEvents.build(request, match, authorizer, "req-1", NOW, 3000).toString();
        return LambdaJson.fromJson(json, APIGatewayV2HTTPEvent.class);
    }

    @Test
    void build_whenJsonRequest_isWhatTheLambdaRuntimeDeserialises() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of("application/json"));
        headers.put("x-many", List.of("a", "b"));
        headers.put("cookie", List.of("s=1; t=2"));
        ObjectNode authorizer = JsonNodeFactory.instance.objectNode();
        authorizer.putObject("jwt").putObject("claims").put("sub", "u1").put("orgs", "[org-1]");

        APIGatewayV2HTTPEvent event = event(headers, "a=1&a=2&b=x%20y", "{\"amount\":50000}".getBytes(
                StandardCharsets.UTF_8), authorizer);

        assertEquals("2.0", event.getVersion());
        assertEquals("POST /orgs/{orgId}/topups", event.getRouteKey());
        assertEquals("/orgs/org-1/topups", event.getRawPath());
        assertEquals("a=1&a=2&b=x%20y", event.getRawQueryString());
        assertEquals(Map.of("a", "1,2", "b", "x y"), event.getQueryStringParameters());
        assertEquals("a,b", event.getHeaders().get("x-many"));
        assertFalse(event.getHeaders().containsKey("cookie"));
        assertEquals(List.of("s=1", "t=2"), event.getCookies());
        assertEquals("127.0.0.1", event.getHeaders().get("x-forwarded-for"));
        assertEquals("3000", event.getHeaders().get("x-forwarded-port"));
        assertEquals(Map.of("orgId", "org-1"), event.getPathParameters());
        assertEquals("{\"amount\":50000}", event.getBody());
        assertFalse(event.getIsBase64Encoded());
        assertEquals("req-1", event.getRequestContext().getRequestId());
        assertEquals("$default", event.getRequestContext().getStage());
        assertEquals("POST", event.getRequestContext().getHttp().getMethod());
        assertEquals("27/Nov/2026:04:00:00 +0000", event.getRequestContext().getTime());
        assertEquals(NOW.toEpochMilli(), event.getRequestContext().getTimeEpoch());
        assertEquals("[org-1]", event.getRequestContext().getAuthorizer().getJwt().getClaims().get("orgs"));
    }

    @Test
    void build_whenBodyIsBinaryFormOrUntyped_encodesItBase64() {
        byte[] form = "a=1&b=2".getBytes(StandardCharsets.UTF_8);

        APIGatewayV2HTTPEvent formEvent = event(Map.of("content-type", List.of(
                "application/x-www-form-urlencoded")), "", form, null);
        APIGatewayV2HTTPEvent untyped = event(Map.of(), "", form, null);

        assertTrue(formEvent.getIsBase64Encoded());
        assertEquals("a=1&b=2", new String(Base64.getDecoder().decode(formEvent.getBody()), StandardCharsets.UTF_8));
        assertTrue(untyped.getIsBase64Encoded());
    }

    @Test
    void build_whenNoBodyQueryOrAuthorizer_leavesThemOut() {
        APIGatewayV2HTTPEvent event = event(Map.of(), "", new byte[0], null);

        assertNull(event.getBody());
        assertNull(event.getQueryStringParameters());
        assertNull(event.getCookies());
        assertNull(event.getRequestContext().getAuthorizer());
        assertEquals("", event.getRawQueryString());
    }

    @Test
    void isText_knowsJsonXmlAndTextTypes() {
        assertTrue(HttpApiEvents.isText("application/json; charset=utf-8"));
        assertTrue(HttpApiEvents.isText("application/problem+json"));
        assertTrue(HttpApiEvents.isText("text/plain"));
        assertFalse(HttpApiEvents.isText("application/x-www-form-urlencoded"));
        assertFalse(HttpApiEvents.isText("application/octet-stream"));
        assertFalse(HttpApiEvents.isText(null));
    }
}
