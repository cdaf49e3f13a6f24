package com.platform.billing.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.domain.BillingException;
import java.util.LinkedHashMap;
import java.util.Map;

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
        ObjectNode line = Log.line(response.getStatusCode() >= 500 ? "ERROR" : "INFO", "request");
        line.put("route", request.routeKey());
        line.put("status", response.getStatusCode());
        line.put("latencyMs", (System.nanoTime() - started) / 1_000_000);
        Log.emit(line);
        Log.clear();
        return response;
    }
}
