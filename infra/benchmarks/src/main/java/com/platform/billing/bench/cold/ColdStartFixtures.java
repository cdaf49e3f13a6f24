package com.platform.billing.bench.cold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Json;
import com.platform.billing.bench.ddb.DdbContext;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.domain.topup.TopUpSettings;
import com.platform.billing.functions.admin.BillingAdminHandler;
import com.platform.billing.functions.topup.TopUpHandler;
import com.platform.billing.functions.usage.CatalogueAdminHandler;
import com.platform.billing.functions.vouchers.VoucherAdminHandler;
import com.platform.billing.functions.vouchers.VoucherSettings;
import com.platform.billing.gateway.GatewayConfig;
import com.platform.billing.gateway.Signatures;
import com.platform.billing.gateway.sandbox.SandboxGateway;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The data a function's sample event needs to take its normal (2xx) path rather than an error path, written into
 * each run's fresh table before the probe starts. Every run gets the same state, so every run takes the same path.
 * The samples act for org {@code org-1}: it always gets a prepaid account with credit, made by sending the admin
 * samples themselves through the admin handler. A function whose sample needs more (a pending order, a voucher with
 * the sample's code) adds one entry to {@link #BY_FUNCTION}; when the sample itself must carry what the fixture made
 * (an order id, a signature), the fixture returns a {@link SampleEdit} applied to the run's fresh copy of the sample.
 */
final class ColdStartFixtures {

    /** A change to a run's fresh copy of the sample event (applied after its request id and time are renewed). */
    @FunctionalInterface
    interface SampleEdit {
        SampleEdit NONE = event -> { };

        void apply(ObjectNode event);
    }

    /** What one function's sample needs, written through handlers on {@code bench} (this run's table). */
    @FunctionalInterface
    interface Fixture {
        /** {@code secrets} gives the values of the local stand-ins for template secrets (e.g. a code pepper). */
        SampleEdit prepare(DdbContext bench, FunctionEnvironment secrets);
    }

    /** The SKUs of the usage samples (http-usage-post-internal.json): {sku, category, unit, unitPriceMicros}. */
    private static final String[][] SAMPLE_SKUS = {
            {"compute.standard-2", "compute", "hour", "1250000000"},
            {"object-storage.standard", "object_storage", "GB-month", "450000000"}};

    /** Per function logical id: what its sample event needs beyond org-1's account. */
    static final Map<String, Fixture> BY_FUNCTION = Map.of(
            "PgCallbackFunction", ColdStartFixtures::pendingTopUp,
            "VoucherRedeemFunction", ColdStartFixtures::voucherWithTheSampleCode,
            // priced SKUs, so the sample's records are accepted (rated and written), not refused as unknown-sku
            "UsageRecorderFunction", ColdStartFixtures::sampleCatalogue,
            "CatalogueAdminFunction", ColdStartFixtures::sampleCatalogue,
            // the charge's start must be near now (it is the server's creation time)
            "BareMetalChargeFunction", ColdStartFixtures::bareMetalStartNow);

    private ColdStartFixtures() {
    }

    static SampleEdit prepare(String functionId, DdbContext bench, FunctionEnvironment secrets) {
        BillingAdminHandler admin = bench.handler(BillingAdminHandler.class);
        bench.http(admin, HttpEvents.fromFile("http-admin-put-billing-account.json"));
        bench.http(admin, HttpEvents.fromFile("http-admin-credit-adjustment.json"));
        return BY_FUNCTION.getOrDefault(functionId, (b, s) -> SampleEdit.NONE).prepare(bench, secrets);
    }

    /**
     * PgCallbackFunction: a pending top-up of org-1, made by sending the top-up sample (http-topup-create.json)
     * through the top-up handler on the sandbox gateway with the probe's sandbox secret. The notification sample
     * (pg-sandbox-notification.json, a PAID delivery) then names that order and its amount, and is signed as the
     * sandbox signs: {@code x-sandbox-signature = hex(HMAC-SHA256(secret, rawBody))}. The probe applies the payment.
     */
    private static SampleEdit pendingTopUp(DdbContext bench, FunctionEnvironment secrets) {
        String secret = secrets.localOverride("PgCallbackFunction", "PG_SANDBOX_SECRET");
        SandboxGateway gateway = new SandboxGateway(GatewayConfig.defaults(SandboxGateway.PROVIDER), secret,
                Clock.systemUTC());
        TopUpHandler topUps = bench.handler(TopUpHandler.class, gateway, TopUpSettings.defaults());
        JsonNode order = Json.readObject(bench.http(topUps, HttpEvents.fromFile("http-topup-create.json")).getBody());
        String orderId = order.path("orderId").asText();
        long amount = order.path("amount").asLong();
        return event -> {
            ObjectNode body = Json.readObject(event.path("body").asText());
            body.put("order_id", orderId);
            body.put("amount", amount);
            String raw = Json.write(body);
            event.put("body", raw);
            ((ObjectNode) event.path("headers")).put(SandboxGateway.SIGNATURE_HEADER,
                    Signatures.hmacSha256Hex(secret, raw.getBytes(StandardCharsets.UTF_8)));
        };
    }

    /**
     * VoucherRedeemFunction: an active voucher with the code of the redeem sample (http-voucher-redeem.json), created
     * through the admin handler with the pepper the probe reads from its local secret (template:
     * VoucherPepperSecret), so the probe's keyed hash of the code finds it.
     */
    private static SampleEdit voucherWithTheSampleCode(DdbContext bench, FunctionEnvironment secrets) {
        String code = Json.readObject(HttpEvents.fromFile("http-voucher-redeem.json").build().getBody())
                .path("code").asText();
        String validUntil = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
                .atOffset(ZoneOffset.ofHours(7)).toString();
        ObjectNode create = Json.object()
                .put("code", code)
                .put("amount", 100_000)
                .put("validUntil", validUntil)
                .put("totalLimit", 1000)
                .put("perOrgLimit", 1)
                .put("note", "cold-start benchmark");
        VoucherAdminHandler admin = bench.handler(VoucherAdminHandler.class,
                VoucherSettings.of(secrets.secretValue("VoucherPepperSecret")));
        bench.http(admin, HttpEvents.route("POST", "/admin/vouchers", Map.of()).admin("bench-admin")
                .body(Json.write(create)));
        return SampleEdit.NONE;
    }

    /** The usage samples' SKUs with a price in effect (the first price of an SKU may carry any date). */
    private static SampleEdit sampleCatalogue(DdbContext bench, FunctionEnvironment secrets) {
        CatalogueAdminHandler catalogue = bench.handler(CatalogueAdminHandler.class);
        for (String[] sku : SAMPLE_SKUS) {
            bench.http(catalogue, HttpEvents.route("PUT", "/admin/catalogue/skus/{sku}/prices", Map.of("sku", sku[0]))
                    .admin("bench-admin")
                    .body("{\"unitPriceMicros\":" + sku[3] + ",\"effectiveFrom\":\"2020-01-01\",\"category\":\""
                            + sku[1] + "\",\"unit\":\"" + sku[2] + "\"}"));
        }
        return SampleEdit.NONE;
    }

    /**
     * BareMetalChargeFunction: the charge sample (http-baremetal-post-charge.json) with {@code start} = now, since a
     * first term may start at most 31 days back; org-1's account (made above) is charged.
     */
    private static SampleEdit bareMetalStartNow(DdbContext bench, FunctionEnvironment secrets) {
        String start = Instant.now().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.ofHours(7)).toString();
        return event -> {
            ObjectNode body = Json.readObject(event.path("body").asText());
            body.put("start", start);
            event.put("body", Json.write(body));
        };
    }
}
