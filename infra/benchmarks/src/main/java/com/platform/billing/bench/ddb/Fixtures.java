package com.platform.billing.bench.ddb;

import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.functions.admin.BillingAdminHandler;
import com.platform.billing.functions.invoicing.PaymentMethodAdminHandler;
import java.util.Map;
import java.util.UUID;

/** Set-up steps several operations share, done the way users do them: through the admin function's routes. */
final class Fixtures {

    static final String ADMIN = "bench-admin";

    private Fixtures() {
    }

    static HttpEvents putBillingAccount(String orgId, String billingType) {
        return HttpEvents.route("PUT", "/admin/orgs/{orgId}/billing-account", Map.of("orgId", orgId))
                .admin(ADMIN)
                .body("{\"billingType\":\"" + billingType + "\"}");
    }

    static HttpEvents creditAdjustment(String orgId, long amount) {
        return HttpEvents.route("POST", "/admin/orgs/{orgId}/credit-adjustments", Map.of("orgId", orgId))
                .admin(ADMIN)
                .header("Idempotency-Key", "bench-" + UUID.randomUUID())
                .body("{\"amount\":" + amount + ",\"reason\":\"benchmark\"}");
    }

    /** An org with a billing account of {@code billingType} and {@code credit} on it. */
    static void account(DdbContext bench, String orgId, String billingType, long credit) {
        BillingAdminHandler admin = bench.handler(BillingAdminHandler.class);
        bench.http(admin, putBillingAccount(orgId, billingType));
        if (credit != 0) {
            bench.http(admin, creditAdjustment(orgId, credit));
        }
    }

    /** A saved card on the org (what a confirmed card registration leaves), so it may be switched to postpaid. */
    static void savedCard(DdbContext bench, String orgId) {
        bench.http(bench.handler(PaymentMethodAdminHandler.class),
                HttpEvents.route("PUT", "/admin/orgs/{orgId}/payment-method", Map.of("orgId", orgId))
                        .admin(ADMIN)
                        .body("{\"provider\":\"sandbox\",\"cardToken\":\"tok_ok_" + orgId + "\",\"brand\":\"visa\","
                                + "\"maskedNumber\":\"•••• 4242\",\"expiryMonth\":12,\"expiryYear\":2030}"));
    }
}
