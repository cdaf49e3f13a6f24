package com.platform.billing.functions.baremetal;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.api.Dependencies;
import com.platform.billing.api.HttpEventJson;
import com.platform.billing.api.Json;
import com.platform.billing.api.Log;
import com.platform.billing.api.Priming;
import com.platform.billing.domain.payment.PaymentGateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * BareMetalChargeFunction. One function, three event shapes told apart by their JSON: the HTTP API event of the
 * internal routes ({@code POST /internal/baremetal-charges}, {@code …/{serverId}/cancel}, IAM auth) and of the console
 * route {@code GET /orgs/{orgId}/baremetal-subscriptions} (JWT); the SQS batches of the BareMetalChargeQueue
 * (the platform's {@code BareMetalServerCreated} events); and a direct EventBridge event. All share one charging use
 * case per container.
 */
public final class BareMetalChargeHandler implements RequestStreamHandler {

    private final Dependencies dependencies;
    private final BareMetalApi api;
    private final BareMetalEvents events;

    /** Lambda's entry: dependencies from the environment, built once per container, primed for SnapStart. */
    public BareMetalChargeHandler() {
        this(Dependencies.fromEnvironment(), BareMetalSettings.fromEnvironment(), null);
        Priming.register(dependencies, () -> BareMetalRequests.newServer(Json.readObject("{\"orgId\":\"priming\","
                + "\"serverId\":\"priming\",\"sku\":\"priming\",\"monthlyPrice\":1,\"termMonths\":1,"
                + "\"start\":\"2026-01-01T00:00:00+07:00\"}"), "priming"));
    }

    /** With the default settings and the configured gateway (tests, the simulation, benchmarks). */
    BareMetalChargeHandler(Dependencies deps) {
        this(deps, BareMetalSettings.defaults(), null);
    }

    /** {@code gateway} null: the configured one, created when a postpaid term is first charged. */
    BareMetalChargeHandler(Dependencies deps, BareMetalSettings settings, PaymentGateway gateway) {
        this.dependencies = deps;
        BareMetalWiring wiring = new BareMetalWiring(deps, settings, gateway);
        this.api = new BareMetalApi(wiring, settings, deps.clock());
        this.events = new BareMetalEvents(wiring.charging);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        if (HttpEventJson.isHttpEvent(event)) {
            APIGatewayV2HTTPResponse response = api.handleRequest(HttpEventJson.fromJson(event), context);
            Json.MAPPER.writeValue(output, HttpEventJson.toJson(response));
            return;
        }
        Log.bind(context == null ? "" : context.getAwsRequestId(), null);
        try {
            if (BareMetalEvents.isSqsEvent(event)) {
                Json.MAPPER.writeValue(output, events.onSqs(event));
            } else if (BareMetalEvents.isEventBridgeEvent(event)) {
                Json.MAPPER.writeValue(output, events.onEventBridge(event));
            } else {
                throw new IllegalArgumentException("BareMetalChargeFunction got an event it does not handle");
            }
        } finally {
            Log.clear();
        }
    }
}
