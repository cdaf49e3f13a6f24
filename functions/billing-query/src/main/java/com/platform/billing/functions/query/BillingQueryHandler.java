package com.platform.billing.functions.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
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
import com.platform.billing.domain.usage.UsageReports;
import com.platform.billing.dynamodb.DynamoAccountStore;
import com.platform.billing.dynamodb.DynamoLedger;
import com.platform.billing.dynamodb.usage.DynamoUsageStore;
import java.time.YearMonth;

/** BillingQueryFunction: the billing page's reads, each scoped to the caller's own org. */
public final class BillingQueryHandler extends ApiHandler {

    private final Dependencies dependencies;
    private final AccountService accounts;
    private final DynamoLedger ledger;
    private final UsageReports usage;
    private final PaymentReads payments;

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
        this.usage = new UsageReports(new DynamoUsageStore(deps.dynamo(), deps.table()), deps.config().calendar(),
                deps.clock());
        route("GET /orgs/{orgId}/billing", this::billingSummary);
        route("GET /orgs/{orgId}/ledger-entries", this::ledgerEntries);
        route("GET /orgs/{orgId}/usage", this::usageBreakdown);
        // Top-up history and invoices (issue 3): see PaymentReads.
        this.payments = new PaymentReads(deps);
        route("GET /orgs/{orgId}/topups", payments::topUps);
        route("GET /orgs/{orgId}/invoices", payments::invoices);
        route("GET /orgs/{orgId}/invoices/{invoiceId}", payments::invoice);
    }

    private APIGatewayV2HTTPResponse billingSummary(ApiRequest request) {
        String orgId = Authorization.orgForMember(request);
        BillingAccount account = accounts.get(orgId);
        // Month-to-date usage without bare metal and object storage: one read of the period's totals item.
        YearMonth period = usage.currentPeriod();
        Money ongoingUsage = usage.ongoingUsage(orgId, period, account.currency());
        ObjectNode view = Json.object();
        view.put("orgId", orgId);
        view.put("currency", account.currency());
        view.put("credit", account.balance().amount());
        view.put("ongoingUsage", ongoingUsage.amount());
        view.put("remainingCredit", account.balance().minus(ongoingUsage).amount());
        view.put("billingType", account.billingType().name());
        view.put("period", period.toString());
        return HttpResponses.json(200, view);
    }

    /** {@code GET /orgs/{orgId}/usage?period=YYYY-MM}: the period's per-SKU lines and totals (one Query). */
    private APIGatewayV2HTTPResponse usageBreakdown(ApiRequest request) {
        String orgId = Authorization.orgForMember(request);
        YearMonth period = UsageViews.period(request, usage.currentPeriod());
        BillingAccount account = accounts.get(orgId);
        return HttpResponses.json(200, UsageViews.breakdown(usage.breakdown(orgId, period), account.currency()));
    }

    private APIGatewayV2HTTPResponse ledgerEntries(ApiRequest request) {
        String orgId = Authorization.orgForMember(request);
        int limit = Views.limit(request);
        accounts.get(orgId);
        Page<LedgerEntry> page = ledger.entries(orgId, request.queryParameter("cursor").orElse(null), limit);
        return HttpResponses.json(200, Views.page(page, Views::entry));
    }
}
