package com.platform.billing.bench.ddb;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.api.Json;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.functions.pgcallback.PgCallbackHandler;
import com.platform.billing.gateway.Signatures;
import com.platform.billing.gateway.sandbox.SandboxGateway;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * POST /pg/sandbox/notifications: a signed PAID notification for a pending top-up (created in set-up through the
 * top-up route), applied for the first time. Budget (issue 3): at most one read and one TransactWriteItems, nothing
 * else.
 */
final class PgCallbackBench implements DdbOperation {

    private String body;

    @Override
    public String name() {
        return "pg_callback";
    }

    @Override
    public Budget budget() {
        return Budget.of(Budget.atMostReads(1), Budget.atMost("TransactWriteItems", 1), Budget.atMostRequests(2));
    }

    @Override
    public void setUp(DdbContext bench) {
        String org = bench.newOrg("bench-pg");
        Fixtures.account(bench, org, "PREPAID", 0);
        String response = bench.http(TopUpInquiryBench.handler(bench),
                HttpEvents.route("POST", "/orgs/{orgId}/topups", Map.of("orgId", org))
                        .member("bench-user", org).body("{\"amount\": 100000}")).getBody();
        JsonNode order = Json.readObject(response);
        body = "{\"order_id\":\"" + order.path("orderId").asText() + "\",\"status\":\"PAID\",\"amount\":"
                + order.path("amount").asLong() + ",\"currency\":\"IDR\",\"transaction_id\":\"bench-tx\","
                + "\"reference_number\":\"BENCH1\",\"payment_method\":\"bank_transfer\"}";
    }

    @Override
    public void measure(DdbContext bench) {
        // "" = no PG_MERCHANT_ID configured (the sandbox's notifications carry none)
        PgCallbackHandler handler = bench.handler(PgCallbackHandler.class, TopUpInquiryBench.gateway(), "");
        var response = bench.http(handler, HttpEvents.route("POST", "/pg/{provider}/notifications",
                        Map.of("provider", SandboxGateway.PROVIDER))
                .withoutAuthorizer()
                .header(SandboxGateway.SIGNATURE_HEADER, Signatures.hmacSha256Hex(TopUpInquiryBench.SANDBOX_SECRET,
                        body.getBytes(StandardCharsets.UTF_8)))
                .body(body));
        String outcome = Json.readObject(response.getBody()).path("outcome").asText();
        if (!outcome.equals("APPLIED")) { // a duplicate costs less: that would be the wrong path
            throw new IllegalStateException("the notification was not applied: outcome " + outcome);
        }
    }
}
