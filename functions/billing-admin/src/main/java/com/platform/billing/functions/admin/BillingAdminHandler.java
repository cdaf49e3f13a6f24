package com.platform.billing.functions.admin;

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
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.TransferOutcome;
import com.platform.billing.domain.account.AccountService;
import com.platform.billing.domain.ledger.CreditAdjustments;
import com.platform.billing.dynamodb.DynamoAccountStore;
import com.platform.billing.dynamodb.DynamoLedger;
import java.util.Set;

/** BillingAdminFunction: the dashboard's admin operations on an org's billing account. */
public final class BillingAdminHandler extends ApiHandler {

    private final Dependencies dependencies;
    private final AccountService accounts;
    private final CreditAdjustments adjustments;
    private final String currency;

    /** Lambda's entry: dependencies from the environment, built once per container, primed for SnapStart. */
    public BillingAdminHandler() {
        this(Dependencies.fromEnvironment());
        Priming.register(dependencies, () -> Views.account(com.platform.billing.domain.BillingAccount.open(
                "priming", BillingType.PREPAID, currency, dependencies.clock().instant())));
    }

    BillingAdminHandler(Dependencies deps) {
        this.dependencies = deps;
        this.currency = deps.config().currency();
        this.accounts = new AccountService(new DynamoAccountStore(deps.dynamo(), deps.table()), deps.clock(),
                currency);
        this.adjustments = new CreditAdjustments(new DynamoLedger(deps.dynamo(), deps.table(), deps.clock()),
                deps.clock(), deps.config().maxAdjustment());
        route("PUT /admin/orgs/{orgId}/billing-account", this::putBillingAccount);
        route("POST /admin/orgs/{orgId}/credit-adjustments", this::adjustCredit);
    }

    private APIGatewayV2HTTPResponse putBillingAccount(ApiRequest request) {
        String orgId = Authorization.orgForAdmin(request);
        Caller admin = request.caller();
        ObjectNode body = Json.readObject(request.body());
        JsonFields.onlyKnown(body, Set.of("billingType"));
        BillingType type = JsonFields.requiredEnum(body, "billingType", BillingType.class);
        AccountService.Result result = accounts.openOrChange(orgId, type, admin.subject());
        if (result.change() != AccountService.Change.UNCHANGED) {
            Log.info("billing account " + result.change().name().toLowerCase() + " to " + type);
        }
        return HttpResponses.json(result.change() == AccountService.Change.CREATED ? 201 : 200,
                Views.account(result.account()));
    }

    private APIGatewayV2HTTPResponse adjustCredit(ApiRequest request) {
        String orgId = Authorization.orgForAdmin(request);
        Caller admin = request.caller();
        ObjectNode body = Json.readObject(request.body());
        JsonFields.onlyKnown(body, Set.of("amount", "reason"));
        long amount = JsonFields.requiredAmount(body, "amount");
        String reason = JsonFields.requiredText(body, "reason");
        TransferOutcome outcome = adjustments.adjust(orgId, Money.of(amount, currency), reason, admin.subject(),
                request.header("Idempotency-Key").orElse(null));
        if (!outcome.replayed()) {
            Metrics.count("CreditAdjusted");
        }
        ObjectNode view = Views.entry(outcome.entry());
        view.put("orgId", orgId);
        view.put("balance", outcome.entry().balanceAfter().amount());
        APIGatewayV2HTTPResponse response = HttpResponses.json(201, view);
        return outcome.replayed() ? HttpResponses.withHeader(response, "idempotent-replayed", "true") : response;
    }
}
