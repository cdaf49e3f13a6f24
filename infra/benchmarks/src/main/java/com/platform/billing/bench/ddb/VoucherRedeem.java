package com.platform.billing.bench.ddb;

import com.platform.billing.api.Json;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.functions.vouchers.VoucherAdminHandler;
import com.platform.billing.functions.vouchers.VoucherRedeemHandler;
import com.platform.billing.functions.vouchers.VoucherSettings;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * POST /orgs/{orgId}/voucher-redemptions by a member, redeeming a voucher an admin created in set-up through
 * POST /admin/vouchers ({@code count: 1}: one random code, returned once). Budget (issue 4): at most one read and one
 * TransactWriteItems, nothing else.
 */
final class VoucherRedeem implements DdbOperation {

    /** The code pepper of the DynamoDB benchmarks (≥ 32 bytes; admin and redeem handlers must share it). */
    static final String PEPPER = "bench-voucher-pepper-0123456789abcdef0123456789abcdef";

    private String org;
    private String code;

    @Override
    public String name() {
        return "voucher_redeem";
    }

    @Override
    public Budget budget() {
        return Budget.of(Budget.atMostReads(1), Budget.atMost("TransactWriteItems", 1), Budget.atMostRequests(2));
    }

    @Override
    public void setUp(DdbContext bench) {
        org = bench.newOrg("bench-voucher");
        Fixtures.account(bench, org, "PREPAID", 0);
        String validUntil = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
                .atOffset(ZoneOffset.ofHours(7)).toString();
        String created = bench.http(bench.handler(VoucherAdminHandler.class, settings()),
                HttpEvents.route("POST", "/admin/vouchers", Map.of()).admin(Fixtures.ADMIN)
                        .body("{\"count\":1,\"amount\":100000,\"validUntil\":\"" + validUntil
                                + "\",\"totalLimit\":1,\"perOrgLimit\":1,\"note\":\"benchmark\"}")).getBody();
        code = Json.readObject(created).path("vouchers").path(0).path("code").asText();
        if (code.isEmpty()) {
            throw new IllegalStateException("POST /admin/vouchers returned no code: " + created);
        }
    }

    @Override
    public void measure(DdbContext bench) {
        bench.http(bench.handler(VoucherRedeemHandler.class, settings()),
                HttpEvents.route("POST", "/orgs/{orgId}/voucher-redemptions", Map.of("orgId", org))
                        .member("bench-user", org)
                        .body("{\"code\":\"" + code + "\"}"));
    }

    private static VoucherSettings settings() {
        return VoucherSettings.of(PEPPER);
    }
}
