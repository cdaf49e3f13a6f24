package com.platform.billing.bench.ddb;

import com.platform.billing.functions.admin.BillingAdminHandler;

/** POST /admin/orgs/{orgId}/credit-adjustments on an existing account. Budget (issue 2): one transaction, ≤ 1 read. */
final class CreditAdjustment implements DdbOperation {

    private String org;

    @Override
    public String name() {
        return "credit_adjustment";
    }

    @Override
    public Budget budget() {
        return Budget.of(Budget.exactly("TransactWriteItems", 1), Budget.atMostReads(1), Budget.atMostRequests(2));
    }

    @Override
    public void setUp(DdbContext bench) {
        org = bench.newOrg("bench-adjust");
        Fixtures.account(bench, org, "PREPAID", 1_000_000);
    }

    @Override
    public void measure(DdbContext bench) {
        bench.http(bench.handler(BillingAdminHandler.class), Fixtures.creditAdjustment(org, 500_000));
    }
}
