package com.platform.billing.bench.ddb;

import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.functions.admin.BillingAdminHandler;
import com.platform.billing.functions.query.BillingQueryHandler;
import java.util.Map;

/**
 * GET /orgs/{orgId}/ledger-entries?limit=20, the first page of an org with more entries than a page holds. No budget
 * in the issues; held to the access pattern (account read + one Query for the page), no writes.
 */
final class LedgerEntries implements DdbOperation {

    static final int ENTRIES = 25;
    static final int PAGE = 20;

    private String org;

    @Override
    public String name() {
        return "ledger_entries";
    }

    @Override
    public Budget budget() {
        return Budget.of(Budget.atMostReads(2), Budget.noWrites());
    }

    @Override
    public void setUp(DdbContext bench) {
        org = bench.newOrg("bench-entries");
        Fixtures.account(bench, org, "PREPAID", 0);
        BillingAdminHandler admin = bench.handler(BillingAdminHandler.class);
        for (int i = 0; i < ENTRIES; i++) {
            bench.http(admin, Fixtures.creditAdjustment(org, 10_000 + i));
        }
        measure(bench); // warm-up
    }

    @Override
    public void measure(DdbContext bench) {
        bench.http(bench.handler(BillingQueryHandler.class),
                HttpEvents.route("GET", "/orgs/{orgId}/ledger-entries", Map.of("orgId", org))
                        .query("limit=" + PAGE, Map.of("limit", Integer.toString(PAGE)))
                        .member("bench-user", org));
    }
}
