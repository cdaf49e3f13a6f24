package com.platform.billing.bench.ddb;

import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.functions.query.BillingQueryHandler;
import java.util.Map;

/** GET /orgs/{orgId}/billing by a member. Budget (issue 5): at most 2 reads, whatever usage exists; no writes. */
final class BillingSummary implements DdbOperation {

    private String org;

    @Override
    public String name() {
        return "billing_summary";
    }

    @Override
    public Budget budget() {
        return Budget.of(Budget.atMostReads(2), Budget.noWrites());
    }

    @Override
    public void setUp(DdbContext bench) {
        org = bench.newOrg("bench-summary");
        Fixtures.account(bench, org, "PREPAID", 250_000);
        measure(bench); // warm-up
    }

    @Override
    public void measure(DdbContext bench) {
        bench.http(bench.handler(BillingQueryHandler.class),
                HttpEvents.route("GET", "/orgs/{orgId}/billing", Map.of("orgId", org)).member("bench-user", org));
    }
}
