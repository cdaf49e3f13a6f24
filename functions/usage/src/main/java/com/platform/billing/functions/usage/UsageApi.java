package com.platform.billing.functions.usage;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.ApiHandler;
import com.platform.billing.api.ApiRequest;
import com.platform.billing.api.HttpResponses;
import com.platform.billing.api.InternalCaller;
import com.platform.billing.api.Json;
import com.platform.billing.api.JsonFields;
import com.platform.billing.api.MalformedRequestException;
import com.platform.billing.domain.InvalidRequestException;
import com.platform.billing.domain.usage.RecordResult;
import com.platform.billing.domain.usage.UsageRecorder;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /internal/usage {"records": [...]}} (IAM auth): a batch of 1-100 usage records. Answers 200 with one
 * result per record (accepted, duplicate, rejected with a reason, or failed: send again) whenever the batch itself
 * could be read; 4xx only for a batch that cannot (not JSON, no records array, more than 100 records).
 */
final class UsageApi extends ApiHandler {

    private final UsageRecorder recorder;
    private final UsageSettings settings;

    UsageApi(UsageRecorder recorder, UsageSettings settings) {
        this.recorder = recorder;
        this.settings = settings;
        route("POST /internal/usage", this::recordBatch);
    }

    private APIGatewayV2HTTPResponse recordBatch(ApiRequest request) {
        InternalCaller caller = InternalCaller.require(request, settings.internalCallerAccounts());
        ObjectNode body = Json.readObject(request.body());
        JsonFields.onlyKnown(body, Set.of("records"));
        JsonNode records = body.get("records");
        if (records == null || records.isNull()) {
            throw new InvalidRequestException("records", "records is required.");
        }
        if (!records.isArray()) {
            throw new MalformedRequestException("records must be a JSON array of usage records.");
        }
        List<RecordResult> results = recorder.recordAll(UsageJson.records(records), caller.actor());
        UsageJson.report(results, "http");
        return HttpResponses.json(200, UsageJson.results(results));
    }
}
