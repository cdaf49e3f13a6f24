package com.platform.billing.functions.vouchers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.ApiHandler;
import com.platform.billing.api.ApiRequest;
import com.platform.billing.api.Authorization;
import com.platform.billing.api.Caller;
import com.platform.billing.api.Dependencies;
import com.platform.billing.api.HttpResponses;
import com.platform.billing.api.Json;
import com.platform.billing.api.JsonFields;
import com.platform.billing.api.Log;
import com.platform.billing.api.Metrics;
import com.platform.billing.api.Priming;
import com.platform.billing.api.Views;
import com.platform.billing.domain.InvalidRequestException;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.Page;
import com.platform.billing.domain.voucher.OrgUsage;
import com.platform.billing.domain.voucher.Voucher;
import com.platform.billing.domain.voucher.VoucherAdmin;
import com.platform.billing.domain.voucher.VoucherCode;
import com.platform.billing.domain.voucher.VoucherTerms;
import com.platform.billing.dynamodb.DynamoLedger;
import com.platform.billing.dynamodb.voucher.DynamoVoucherStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Set;

/**
 * VoucherAdminFunction: the dashboard creates vouchers (one chosen code, or a batch of random codes returned once),
 * reads one with its usage (by id, or by presenting its code), and disables one. Admin role only.
 */
public final class VoucherAdminHandler extends ApiHandler {

    private static final Set<String> CREATE_FIELDS = Set.of("code", "count", "amount", "validFrom", "validUntil",
            "totalLimit", "perOrgLimit", "allowedOrgs", "note");

    private final Dependencies dependencies;
    private final VoucherSettings settings;
    private final VoucherAdmin admin;

    /** Lambda's entry: dependencies and the code pepper read once per container, primed for SnapStart. */
    public VoucherAdminHandler() {
        this(Dependencies.fromEnvironment(), VoucherSettings.fromEnvironment());
        Priming.register(dependencies, () -> {
            settings.hasher().voucherId(VoucherCode.parse("PRIMING-CODE", "code"));
            Json.write(Json.readObject("{\"count\":1,\"amount\":50000,\"validUntil\":\"2026-12-01T00:00:00+07:00\"}"));
        });
    }

    VoucherAdminHandler(Dependencies deps, VoucherSettings settings) {
        this.dependencies = deps;
        this.settings = settings;
        DynamoLedger ledger = new DynamoLedger(deps.dynamo(), deps.table(), deps.clock());
        this.admin = new VoucherAdmin(new DynamoVoucherStore(deps.dynamo(), deps.table(), ledger),
                settings.hasher(), deps.clock(), settings.maxAmount(), new SecureRandom());
        route("POST /admin/vouchers", this::create);
        route("GET /admin/vouchers/{voucherId}", this::get);
        route("POST /admin/vouchers/{voucherId}/disable", this::disable);
        route("POST /admin/vouchers/lookup", this::lookup);
    }

    private APIGatewayV2HTTPResponse create(ApiRequest request) {
        Caller caller = Authorization.admin(request);
        ObjectNode body = Json.readObject(request.body());
        JsonFields.onlyKnown(body, CREATE_FIELDS);
        boolean hasCode = body.hasNonNull("code");
        boolean hasCount = body.hasNonNull("count");
        if (hasCode == hasCount) {
            throw new InvalidRequestException(hasCode ? "count" : "code",
                    "Give either code (one voucher with that code) or count (a batch of random codes), not both.");
        }
        Instant now = dependencies.clock().instant();
        VoucherTerms terms = new VoucherTerms(
                Money.of(JsonFields.requiredAmount(body, "amount"), dependencies.config().currency()),
                VoucherRequests.optionalInstant(body, "validFrom").orElse(now),
                VoucherRequests.requiredInstant(body, "validUntil"),
                VoucherRequests.optionalInteger(body, "totalLimit", 1, 1, VoucherTerms.MAX_TOTAL_LIMIT),
                Math.toIntExact(VoucherRequests.optionalInteger(body, "perOrgLimit", 1, 1,
                        VoucherTerms.MAX_PER_ORG_LIMIT)),
                VoucherRequests.optionalStrings(body, "allowedOrgs", VoucherTerms.MAX_ALLOWED_ORGS),
                JsonFields.optionalText(body, "note").orElse("").strip());
        VoucherAdmin.Created created = hasCode
                ? admin.create(JsonFields.requiredText(body, "code"), terms, caller.subject())
                : admin.createBatch(Math.toIntExact(VoucherRequests.optionalInteger(body, "count", 0, 1,
                        VoucherAdmin.MAX_BATCH)), terms, caller.subject());
        Metrics.count("VouchersCreated", created.vouchers().size());
        ObjectNode line = Log.line("INFO", "vouchers created");
        line.put("count", created.vouchers().size());
        line.put("batchId", created.batchId());
        line.put("amount", terms.amount().amount());
        line.put("totalLimit", terms.totalLimit());
        line.put("actor", caller.subject());
        Log.emit(line);
        return HttpResponses.json(201, VoucherViews.created(created));
    }

    private APIGatewayV2HTTPResponse get(ApiRequest request) {
        Authorization.admin(request);
        Voucher voucher = admin.get(request.pathParameter("voucherId"));
        return HttpResponses.json(200, withUsage(voucher, request));
    }

    private APIGatewayV2HTTPResponse lookup(ApiRequest request) {
        Authorization.admin(request);
        ObjectNode body = Json.readObject(request.body());
        JsonFields.onlyKnown(body, Set.of("code"));
        Voucher voucher = admin.lookup(JsonFields.requiredText(body, "code"));
        return HttpResponses.json(200, withUsage(voucher, request));
    }

    private APIGatewayV2HTTPResponse disable(ApiRequest request) {
        Caller caller = Authorization.admin(request);
        String reason = null;
        if (!request.body().isBlank()) {
            ObjectNode body = Json.readObject(request.body());
            JsonFields.onlyKnown(body, Set.of("reason"));
            reason = JsonFields.optionalText(body, "reason").orElse(null);
        }
        // The usage page (its limit and cursor) is read before the write, so a bad one is refused with nothing
        // disabled; disabling does not change who redeemed it.
        Page<OrgUsage> usage = usagePage(admin.get(request.pathParameter("voucherId")), request);
        Voucher voucher = admin.disable(request.pathParameter("voucherId"), reason, caller.subject());
        ObjectNode line = Log.line("INFO", "voucher disabled");
        line.put("voucherId", voucher.id());
        line.put("actor", caller.subject());
        Log.emit(line);
        return HttpResponses.json(200, VoucherViews.voucher(voucher, usage));
    }

    private ObjectNode withUsage(Voucher voucher, ApiRequest request) {
        return VoucherViews.voucher(voucher, usagePage(voucher, request));
    }

    private Page<OrgUsage> usagePage(Voucher voucher, ApiRequest request) {
        return admin.usage(voucher.id(), request.queryParameter("cursor").orElse(null), Views.limit(request));
    }
}
