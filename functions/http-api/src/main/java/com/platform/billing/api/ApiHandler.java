package com.platform.billing.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.domain.BillingException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The thin shell of every HTTP function: find the route's use case, run it, turn a domain refusal into a problem
 * response, and log one structured line per request. Anything unexpected is logged with its stack and answered with
 * a bare 500 problem; no exception text ever reaches the caller.
 */
public abstract class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** A route's use case. */
    @FunctionalInterface
    public interface Route {
        APIGatewayV2HTTPResponse handle(ApiRequest request);
    }

    private final Map<String, Route> routes = new LinkedHashMap<>();

    /** Registers the use case for an API Gateway route key, e.g. {@code "GET /orgs/{orgId}/billing"}. */
    protected final void route(String routeKey, Route route) {
        routes.put(routeKey, route);
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        ApiRequest request = new ApiRequest(event);
        String requestId = context != null && context.getAwsRequestId() != null ? context.getAwsRequestId()
                : request.requestId();
        Map<String, String> pathParameters = event.getPathParameters();
        Log.bind(requestId, pathParameters == null ? null : pathParameters.get("orgId"));
        APIGatewayV2HTTPResponse response;
        try {
            Route route = routes.get(request.routeKey());
            if (route == null) {
                throw new RouteNotFoundException();
            }
            response = route.handle(request);
        } catch (BillingException refused) {
            response = Problems.from(refused, request.event().getRawPath());
        } catch (RuntimeException unexpected) {
            Log.error("unhandled error", unexpected);
            response = Problems.of("internal", "Something went wrong on our side; nothing was applied twice."
                    + " Retry later, quoting request id " + requestId + ".", request.event().getRawPath());
        }
        Log.emit(requestLine(event, request, response, started));
        Log.clear();
        return response;
    }

    /**
     * The one line per request: route (the template's route key), method, status, latency, and the problem code of
     * a refusal. Headers, query strings and bodies are never copied into it: they carry tokens, card data and
     * voucher codes.
     */
    private static ObjectNode requestLine(APIGatewayV2HTTPEvent event, ApiRequest request,
                                          APIGatewayV2HTTPResponse response, long started) {
        ObjectNode line = Log.line(response.getStatusCode() >= 500 ? "ERROR" : "INFO", "request");
        line.put("route", request.routeKey());
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        if (http != null && http.getMethod() != null) {
            line.put("method", http.getMethod());
        }
        line.put("status", response.getStatusCode());
        line.put("latencyMs", (System.nanoTime() - started) / 1_000_000);
        problemCode(response).ifPresent(code -> line.put("problem", code));
        return line;
    }

    /** The code of a problem response's {@code type} (the body is ours: written by {@link Problems}). */
    private static Optional<String> problemCode(APIGatewayV2HTTPResponse response) {
        Map<String, String> headers = response.getHeaders();
        if (headers == null || !Problems.CONTENT_TYPE.equals(headers.get("content-type")) || response.getBody() == null
                || response.getIsBase64Encoded()) {
            return Optional.empty();
        }
        try {
            String type = Json.readObject(response.getBody()).path("type").asText("");
            return type.startsWith(Problems.TYPE_PREFIX) ? Optional.of(type.substring(Problems.TYPE_PREFIX.length()))
                    : Optional.empty();
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
