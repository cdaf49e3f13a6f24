package com.platform.billing.functions.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.ApiHandler;
import com.platform.billing.api.ApiRequest;
import com.platform.billing.api.Authorization;
import com.platform.billing.api.Dependencies;
import com.platform.billing.api.HttpResponses;
import com.platform.billing.api.Json;
import com.platform.billing.api.Priming;
import com.platform.billing.api.Views;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.LedgerEntry;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.Page;
import com.platform.billing.domain.account.AccountService;
import com.platform.billing.dynamodb.DynamoAccountStore;
import com.platform.billing.dynamodb.DynamoLedger;

/** BillingQueryFunction: the billing page's reads, each scoped to the caller's own org. */
public final class BillingQueryHandler extends ApiHandler {

    private final Dependencies dependencies;
    private final AccountService accounts;
    private final DynamoLedger ledger;

    /** Lambda's entry: dependencies from the environment, built once per container, primed for SnapStart. */
    public BillingQueryHandler() {
        this(Dependencies.fromEnvironment());
        Priming.register(dependencies, () -> Json.write(Json.object().put("credit", 0)));
    }

    BillingQueryHandler(Dependencies deps) {
        this.dependencies = deps;
        this.accounts = new AccountService(new DynamoAccountStore(deps.dynamo(), deps.table()), deps.clock(),
                deps.config().currency());
        this.ledger = new DynamoLedger(deps.dynamo(), deps.table(), deps.clock());
        route("GET /orgs/{orgId}/billing", this::billingSummary);
        route("GET /orgs/{orgId}/ledger-entries", this::ledgerEntries);
    }

    private APIGatewayV2HTTPResponse billingSummary(ApiRequest request) {
        String orgId = Authorization.orgForMember(request);
        BillingAccount account = accounts.get(orgId);
        // Usage recording is not built yet, so this month's ongoing usage is zero for every org.
        Money ongoingUsage = Money.zero(account.currency());
        ObjectNode view = Json.object();
        view.put("orgId", orgId);
        view.put("currency", account.currency());
        view.put("credit", account.balance().amount());
        view.put("ongoingUsage", ongoingUsage.amount());
        view.put("remainingCredit", account.balance().minus(ongoingUsage).amount());
        view.put("billingType", account.billingType().name());
        view.put("period", dependencies.config().calendar().currentPeriod(dependencies.clock()).toString());
        return HttpResponses.json(200, view);
    }

    private APIGatewayV2HTTPResponse ledgerEntries(ApiRequest request) {
        String orgId = Authorization.orgForMember(request);
        int limit = Views.limit(request);
        accounts.get(orgId);
        Page<LedgerEntry> page = ledger.entries(orgId, request.queryParameter("cursor").orElse(null), limit);
        ObjectNode view = Json.object();
        ArrayNode items = view.putArray("items");
        page.items().forEach(entry -> items.add(Views.entry(entry)));
        page.nextCursor().ifPresentOrElse(c -> view.put("nextCursor", c), () -> view.putNull("nextCursor"));
        return HttpResponses.json(200, view);
    }
}
