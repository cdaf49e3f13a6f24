package com.platform.billing.bench.ddb;

import com.platform.billing.functions.admin.BillingAdminHandler;

/**
 * PUT /admin/orgs/{orgId}/billing-account switching an existing prepaid account (with a saved card) to postpaid. No
 * budget in the issues; held to its design cost: the create attempt whose failed condition hands back the stored
 * account, then the transaction that updates it and checks the saved card is still usable.
 */
final class BillingAccountChange implements DdbOperation {

    private String org;

    @Override
    public String name() {
        return "billing_account_change";
    }

    @Override
    public Budget budget() {
        return Budget.of(Budget.atMostRequests(2), Budget.atMostWrites(2));
    }

    @Override
    public void setUp(DdbContext bench) {
        org = bench.newOrg("bench-change");
        Fixtures.account(bench, org, "PREPAID", 100_000);
        Fixtures.savedCard(bench, org);
    }

    @Override
    public void measure(DdbContext bench) {
        bench.http(bench.handler(BillingAdminHandler.class), Fixtures.putBillingAccount(org, "POSTPAID"));
    }
}
