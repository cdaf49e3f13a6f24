package com.platform.billing.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The parts of an HTTP API event a use case needs, read once. Header names are case-insensitive. */
public final class ApiRequest {

    /** Bodies larger than this are refused before parsing. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final APIGatewayV2HTTPEvent event;

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    public String routeKey() {
        return event.getRouteKey() == null ? "" : event.getRouteKey();
    }

    public String requestId() {
        var context = event.getRequestContext();
        return context == null || context.getRequestId() == null ? "" : context.getRequestId();
    }

    public String pathParameter(String name) {
        Map<String, String> params = event.getPathParameters();
        String value = params == null ? null : params.get(name);
        if (value == null) {
            throw new RouteNotFoundException();
        }
        return value;
    }

    public Optional<String> queryParameter(String name) {
        Map<String, String> params = event.getQueryStringParameters();
        return Optional.ofNullable(params == null ? null : params.get(name));
    }

    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.ofNullable(header.getValue());
            }
        }
        return Optional.empty();
    }

    /** The raw body as text ("" when absent), decoding base64 when API Gateway encoded it. */
    public String body() {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        if (event.getIsBase64Encoded()) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new MalformedRequestException("The request body is not valid base64.");
            }
        }
        if (body.length() > MAX_BODY_BYTES) {
            throw new MalformedRequestException("The request body is larger than " + MAX_BODY_BYTES + " bytes.");
        }
        return body;
    }

    /** The verified caller; throws 401 when no JWT claims reached the function. */
    public Caller caller() {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null) {
            throw new UnauthenticatedException();
        }
        return Caller.fromClaims(context.getAuthorizer().getJwt().getClaims());
    }

    public String sourceIp() {
        var context = event.getRequestContext();
        return context == null || context.getHttp() == null || context.getHttp().getSourceIp() == null ? ""
                : context.getHttp().getSourceIp();
    }

    public APIGatewayV2HTTPEvent event() {
        return event;
    }
}
