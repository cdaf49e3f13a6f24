package com.platform.billing.functions.usage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.platform.billing.api.Dependencies;
import com.platform.billing.api.HttpEventJson;
import com.platform.billing.api.Json;
import com.platform.billing.api.Log;
import com.platform.billing.api.Priming;
import com.platform.billing.domain.usage.CachedCatalogue;
import com.platform.billing.domain.usage.UsageRecorder;
import com.platform.billing.dynamodb.usage.DynamoCatalogueStore;
import com.platform.billing.dynamodb.usage.DynamoUsageStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * UsageRecorderFunction. One function, three event shapes, told apart by their JSON: the SQS batches of the
 * UsageEventsQueue (EventBridge {@code ResourceUsage} events, the normal path), a direct EventBridge event, and the
 * HTTP API event of {@code POST /internal/usage} (IAM auth). Hence a stream handler: it reads the event once, exactly
 * (numbers as decimals, never doubles), and hands each shape to its own code. All share one recorder and one cached
 * catalogue per container.
 */
public final class UsageRecorderHandler implements RequestStreamHandler {

    /** Envelopes may carry bodies larger than a console request; records inside are still read strictly. */
    static final ObjectMapper ENVELOPES = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32).maxNumberLength(40).maxStringLength(8 * 1024 * 1024).build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final Dependencies dependencies;
    private final CachedCatalogue catalogue;
    private final UsageApi api;
    private final UsageEvents events;

    /** Lambda's entry: dependencies from the environment, built once per container, primed for SnapStart. */
    public UsageRecorderHandler() {
        this(Dependencies.fromEnvironment(), UsageSettings.fromEnvironment());
        Priming.register(dependencies, this::prime);
    }

    UsageRecorderHandler(Dependencies deps, UsageSettings settings) {
        this.dependencies = deps;
        this.catalogue = new CachedCatalogue(new DynamoCatalogueStore(deps.dynamo(), deps.table(), deps.clock()),
                deps.clock(), settings.catalogueTtl());
        UsageRecorder recorder = new UsageRecorder(catalogue, new DynamoUsageStore(deps.dynamo(), deps.table()),
                deps.config().calendar(), deps.clock());
        this.api = new UsageApi(recorder, settings);
        this.events = new UsageEvents(recorder, ENVELOPES);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = ENVELOPES.readTree(input);
        if (HttpEventJson.isHttpEvent(event)) {
            APIGatewayV2HTTPResponse response = api.handleRequest(HttpEventJson.fromJson(event), context);
            ENVELOPES.writeValue(output, HttpEventJson.toJson(response));
            return;
        }
        Log.bind(context == null ? "" : context.getAwsRequestId(), null);
        try {
            if (UsageEvents.isSqsEvent(event)) {
                ENVELOPES.writeValue(output, events.onSqs(event));
            } else if (UsageEvents.isEventBridgeEvent(event)) {
                ENVELOPES.writeValue(output, events.onEventBridge(event));
            } else {
                throw new IllegalArgumentException("UsageRecorderFunction got an event it does not handle");
            }
        } finally {
            Log.clear();
        }
    }

    /** SnapStart priming: the record mapping and the catalogue Query (read-only). */
    private void prime() {
        UsageJson.results(List.of());
        UsageJson.records(Json.readObject("{\"records\":[{\"id\":\"priming\",\"orgId\":\"priming\","
                + "\"resourceId\":\"r\",\"sku\":\"priming\",\"quantity\":\"1.5\",\"start\":\"2026-01-01T00:00:00Z\","
                + "\"end\":\"2026-01-01T01:00:00Z\"}]}").get("records"));
        catalogue.current();
    }
}
