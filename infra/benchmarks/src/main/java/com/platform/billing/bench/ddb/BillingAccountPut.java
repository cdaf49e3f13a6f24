package com.platform.billing.bench.ddb;

import com.platform.billing.functions.admin.BillingAdminHandler;

/**
 * PUT /admin/orgs/{orgId}/billing-account for an org that has none yet (opening an account, the common case).
 * No budget in the issues; held to what the design needs: one conditional write, no read.
 */
final class BillingAccountPut implements DdbOperation {

    @Override
    public String name() {
        return "billing_account_put";
    }

    @Override
    public Budget budget() {
        return Budget.of(Budget.atMostRequests(1), Budget.atMostWrites(1));
    }

    @Override
    public void setUp(DdbContext bench) {
        // warm-up on another org: the measured call is a warm container's second request
        Fixtures.account(bench, bench.newOrg("bench-open-warmup"), "PREPAID", 0);
    }

    @Override
    public void measure(DdbContext bench) {
        bench.http(bench.handler(BillingAdminHandler.class),
                Fixtures.putBillingAccount(bench.newOrg("bench-open"), "PREPAID"));
    }
}
