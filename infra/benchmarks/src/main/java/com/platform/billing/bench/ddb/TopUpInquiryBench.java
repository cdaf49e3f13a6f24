package com.platform.billing.bench.ddb;

import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.domain.topup.TopUpSettings;
import com.platform.billing.functions.topup.TopUpHandler;
import com.platform.billing.gateway.GatewayConfig;
import com.platform.billing.gateway.sandbox.SandboxGateway;
import java.time.Clock;
import java.util.Map;

/**
 * POST /orgs/{orgId}/topups with an Idempotency-Key, on the sandbox gateway (no network: its checkout is a signed
 * link). Budget (issue 3): at most one read and one TransactWriteItems against the table; the inquiry also makes one
 * UpdateItem after the gateway call to record the checkout (reference + URL) on the order, so the budget allows one
 * other write and the line shows it in {@code calls=} (3 requests in all).
 */
final class TopUpInquiryBench implements DdbOperation {

    /** The sandbox gateway's HMAC key in the DynamoDB benchmarks (the callback benchmark signs with it too). */
    static final String SANDBOX_SECRET = "bench-sandbox-secret";

    private String org;

    @Override
    public String name() {
        return "topup_inquiry";
    }

    @Override
    public Budget budget() {
        return Budget.of(Budget.atMostReads(1), Budget.atMost("TransactWriteItems", 1),
                Budget.atMostWritesBesides("TransactWriteItems", 1));
    }

    @Override
    public void setUp(DdbContext bench) {
        org = bench.newOrg("bench-topup");
        Fixtures.account(bench, org, "PREPAID", 0);
    }

    @Override
    public void measure(DdbContext bench) {
        var response = bench.http(handler(bench), HttpEvents.route("POST", "/orgs/{orgId}/topups",
                        Map.of("orgId", org))
                .member("bench-user", org).header("Idempotency-Key", "bench-" + org)
                .body("{\"amount\": 100000}"));
        if (response.getHeaders() != null && response.getHeaders().containsKey("idempotent-replayed")) {
            throw new IllegalStateException("the top-up was answered as a replay, not a first inquiry");
        }
    }

    /** The top-up handler on the sandbox gateway, with the documented default settings (11 % VAT added). */
    static TopUpHandler handler(DdbContext bench) {
        return bench.handler(TopUpHandler.class, gateway(), TopUpSettings.defaults());
    }

    static SandboxGateway gateway() {
        return new SandboxGateway(GatewayConfig.defaults(SandboxGateway.PROVIDER), SANDBOX_SECRET,
                Clock.systemUTC());
    }
}
