package com.platform.billing.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API Gateway HTTP API (payload 2.0) event read from its JSON by hand, and the response written back, for the
 * stream entry point of a function that also takes other event kinds. Only the fields the handlers read are mapped;
 * the rest of the event is ignored.
 */
public final class HttpEventJson {

    private HttpEventJson() {
    }

    public static boolean isHttpEvent(JsonNode event) {
        return event.has("routeKey") && event.path("requestContext").isObject();
    }

    public static APIGatewayV2HTTPEvent fromJson(JsonNode event) {
        JsonNode context = event.path("requestContext");
        JsonNode http = context.path("http");
        JsonNode authorizer = context.path("authorizer");
        RequestContext.Authorizer.AuthorizerBuilder auth = RequestContext.Authorizer.builder();
        if (authorizer.path("jwt").isObject()) {
            JsonNode jwt = authorizer.path("jwt");
            List<String> scopes = new ArrayList<>();
            jwt.path("scopes").forEach(s -> scopes.add(s.asText()));
            auth.withJwt(RequestContext.Authorizer.JWT.builder().withClaims(strings(jwt.path("claims")))
                    .withScopes(scopes).build());
        }
        if (authorizer.path("iam").isObject()) {
            JsonNode iam = authorizer.path("iam");
            auth.withIam(RequestContext.IAM.builder().withAccessKey(text(iam, "accessKey"))
                    .withAccountId(text(iam, "accountId")).withCallerId(text(iam, "callerId"))
                    .withPrincipalOrgId(text(iam, "principalOrgId")).withUserArn(text(iam, "userArn"))
                    .withUserId(text(iam, "userId")).build());
        }
        RequestContext requestContext = RequestContext.builder()
                .withRouteKey(text(context, "routeKey")).withAccountId(text(context, "accountId"))
                .withApiId(text(context, "apiId")).withStage(text(context, "stage"))
                .withDomainName(text(context, "domainName")).withRequestId(text(context, "requestId"))
                .withTime(text(context, "time")).withTimeEpoch(context.path("timeEpoch").asLong())
                .withHttp(RequestContext.Http.builder().withMethod(text(http, "method")).withPath(text(http, "path"))
                        .withProtocol(text(http, "protocol")).withSourceIp(text(http, "sourceIp"))
                        .withUserAgent(text(http, "userAgent")).build())
                .withAuthorizer(authorizer.isObject() ? auth.build() : null)
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion(text(event, "version")).withRouteKey(text(event, "routeKey"))
                .withRawPath(text(event, "rawPath")).withRawQueryString(text(event, "rawQueryString"))
                .withHeaders(strings(event.path("headers")))
                .withQueryStringParameters(strings(event.path("queryStringParameters")))
                .withPathParameters(strings(event.path("pathParameters")))
                .withBody(text(event, "body")).withIsBase64Encoded(event.path("isBase64Encoded").asBoolean(false))
                .withRequestContext(requestContext)
                .build();
    }

    public static ObjectNode toJson(APIGatewayV2HTTPResponse response) {
        ObjectNode json = Json.object();
        json.put("statusCode", response.getStatusCode());
        ObjectNode headers = json.putObject("headers");
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(headers::put);
        }
        json.put("body", response.getBody());
        json.put("isBase64Encoded", response.getIsBase64Encoded());
        return json;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, String> strings(JsonNode object) {
        if (!object.isObject()) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().isNull() ? null
                : e.getValue().asText()));
        return map;
    }
}
