package com.platform.billing.functions.vouchers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.ApiHandler;
import com.platform.billing.api.ApiRequest;
import com.platform.billing.api.Authorization;
import com.platform.billing.api.Dependencies;
import com.platform.billing.api.HttpResponses;
import com.platform.billing.api.Json;
import com.platform.billing.api.JsonFields;
import com.platform.billing.api.Log;
import com.platform.billing.api.Metrics;
import com.platform.billing.api.Priming;
import com.platform.billing.api.Problems;
import com.platform.billing.api.Views;
import com.platform.billing.domain.Page;
import com.platform.billing.domain.voucher.Redemption;
import com.platform.billing.domain.voucher.VoucherCode;
import com.platform.billing.domain.voucher.VoucherRateLimitedException;
import com.platform.billing.domain.voucher.VoucherRedemptions;
import com.platform.billing.domain.voucher.VoucherRefusedException;
import com.platform.billing.dynamodb.DynamoLedger;
import com.platform.billing.dynamodb.voucher.DynamoVoucherStore;
import java.util.Set;

/**
 * VoucherRedeemFunction: a member redeems a voucher code for their org, and reads the org's redemption history.
 * A redemption costs one BatchGetItem and one TransactWriteItems; a failed one adds the two attempt-counter writes.
 */
public final class VoucherRedeemHandler extends ApiHandler {

    private final Dependencies dependencies;
    private final VoucherSettings settings;
    private final VoucherRedemptions redemptions;

    /** Lambda's entry: dependencies and the code pepper read once per container, primed for SnapStart. */
    public VoucherRedeemHandler() {
        this(Dependencies.fromEnvironment(), VoucherSettings.fromEnvironment());
        Priming.register(dependencies, () -> {
            settings.hasher().voucherId(VoucherCode.parse("PRIMING-CODE", "code"));
            Json.write(Json.readObject("{\"code\":\"ABCD-EFGH-JKMN-PQRS\"}"));
        });
    }

    VoucherRedeemHandler(Dependencies deps, VoucherSettings settings) {
        this.dependencies = deps;
        this.settings = settings;
        DynamoLedger ledger = new DynamoLedger(deps.dynamo(), deps.table(), deps.clock());
        this.redemptions = new VoucherRedemptions(new DynamoVoucherStore(deps.dynamo(), deps.table(), ledger),
                settings.hasher(), deps.clock(), settings.policy());
        route("POST /orgs/{orgId}/voucher-redemptions", this::redeem);
        route("GET /orgs/{orgId}/voucher-redemptions", this::history);
    }

    private APIGatewayV2HTTPResponse redeem(ApiRequest request) {
        String orgId = Authorization.orgForMember(request);
        String subject = request.caller().subject();
        ObjectNode body = Json.readObject(request.body());
        JsonFields.onlyKnown(body, Set.of("code"));
        String code = JsonFields.requiredText(body, "code");
        VoucherRedemptions.Redeemed redeemed;
        try {
            redeemed = redemptions.redeem(orgId, subject, code);
        } catch (VoucherRateLimitedException limited) {
            Metrics.count("VoucherRefused", "Reason", limited.code());
            return HttpResponses.withHeader(Problems.from(limited, request.event().getRawPath()), "retry-after",
                    Long.toString(limited.retryAfterSeconds()));
        } catch (VoucherRefusedException refused) {
            Metrics.count("VoucherRefused", "Reason", refused.code());
            ObjectNode line = Log.line("INFO", "voucher refused");
            line.put("problem", refused.code());
            Log.emit(line);
            throw refused;
        }
        Metrics.count("VoucherRedeemed");
        ObjectNode line = Log.line("INFO", "voucher redeemed");
        line.put("voucherId", redeemed.redemption().voucherId());
        line.put("transferId", redeemed.redemption().transferId().value());
        line.put("amount", redeemed.redemption().amount().amount());
        Log.emit(line);
        return HttpResponses.json(201, VoucherViews.redeemed(redeemed));
    }

    private APIGatewayV2HTTPResponse history(ApiRequest request) {
        String orgId = Authorization.orgForMember(request);
        int limit = Views.limit(request);
        Page<Redemption> page = redemptions.history(orgId, request.queryParameter("cursor").orElse(null), limit);
        return HttpResponses.json(200, VoucherViews.history(page));
    }
}
