package com.platform.billing.bench.ddb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Json;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.RepoRoot;
import com.platform.billing.functions.baremetal.BareMetalChargeHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * BareMetalChargeFunction: POST /internal/baremetal-charges — the sample {@code http-baremetal-post-charge.json}
 * (IAM context; 3 months at IDR 9,000,000 a month, monthlyPrice given) with this run's org, a new server id and
 * start = now — for a PREPAID org whose credit covers the term. The invoice is issued and paid from credit.
 * Budget (issue 6): at most 3 requests, exactly one TransactWriteItems (a retried call costs 2 reads and no write).
 */
final class BareMetalChargeBench implements DdbOperation {

    private String org;
    private BareMetalChargeHandler handler;

    @Override
    public String name() {
        return "baremetal_charge";
    }

    @Override
    public Budget budget() {
        return Budget.of(Budget.atMostRequests(3), Budget.exactly("TransactWriteItems", 1));
    }

    @Override
    public void setUp(DdbContext bench) {
        org = bench.newOrg("bench-baremetal");
        Fixtures.account(bench, org, "PREPAID", 50_000_000);
        handler = bench.handler(BareMetalChargeHandler.class);
    }

    @Override
    public void measure(DdbContext bench) {
        ObjectNode body;
        try {
            JsonNode sample = Json.MAPPER.readTree(Files.readString(RepoRoot.get()
                    .resolve("infra/events/http-baremetal-post-charge.json")));
            body = Json.readObject(sample.path("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        body.put("orgId", org);
        body.put("serverId", org + "-server");
        body.put("start", OffsetDateTime.now(ZoneOffset.ofHours(7)).withNano(0).toString());
        JsonNode answer = bench.http(handler, HttpEvents.fromFile("http-baremetal-post-charge.json")
                .body(body.toString()));
        if (!"PAID".equals(answer.path("payment").asText())) {
            throw new IllegalStateException("the term was not paid from credit: " + answer);
        }
    }
}
