package com.platform.billing.bench.cold;

import com.platform.billing.bench.ddb.DdbContext;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.functions.admin.BillingAdminHandler;
import java.util.Map;

/**
 * The data a function's sample event needs to take its normal (2xx) path rather than an error path, written into
 * each run's fresh table before the probe starts. Every run gets the same state, so every run takes the same path.
 * The samples act for org {@code org-1}: it always gets a prepaid account with credit, made by sending the admin
 * samples themselves through the admin handler. A function whose sample needs more (a pending order, a voucher with
 * the sample's code) adds one entry to {@link #BY_FUNCTION}.
 */
final class ColdStartFixtures {

    /** What one function's sample needs, written through handlers on {@code bench} (this run's table). */
    @FunctionalInterface
    interface Fixture {
        /** {@code secrets} gives the values of the local stand-ins for template secrets (e.g. a code pepper). */
        void prepare(DdbContext bench, FunctionEnvironment secrets);
    }

    /** Per function logical id: what its sample event needs beyond org-1's account. */
    static final Map<String, Fixture> BY_FUNCTION = Map.of();

    private ColdStartFixtures() {
    }

    static void prepare(String functionId, DdbContext bench, FunctionEnvironment secrets) {
        BillingAdminHandler admin = bench.handler(BillingAdminHandler.class);
        bench.http(admin, HttpEvents.fromFile("http-admin-put-billing-account.json"));
        bench.http(admin, HttpEvents.fromFile("http-admin-credit-adjustment.json"));
        BY_FUNCTION.getOrDefault(functionId, (b, s) -> { }).prepare(bench, secrets);
    }
}
