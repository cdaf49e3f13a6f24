package com.platform.billing.functions.baremetal;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.ApiHandler;
import com.platform.billing.api.ApiRequest;
import com.platform.billing.api.Authorization;
import com.platform.billing.api.HttpResponses;
import com.platform.billing.api.InternalCaller;
import com.platform.billing.api.Json;
import com.platform.billing.api.Log;
import com.platform.billing.api.Metrics;
import com.platform.billing.domain.AccountNotFoundException;
import com.platform.billing.domain.InvalidRequestException;
import com.platform.billing.domain.baremetal.BareMetalSubscription;
import com.platform.billing.domain.baremetal.ChargeOutcome;
import com.platform.billing.domain.baremetal.PaymentState;
import com.platform.billing.domain.baremetal.ServerId;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;

/**
 * The HTTP routes: {@code POST /internal/baremetal-charges} and {@code POST /internal/baremetal-charges/{serverId}/cancel}
 * (platform services, IAM auth), {@code GET /orgs/{orgId}/baremetal-subscriptions} (console, JWT, org members).
 */
final class BareMetalApi extends ApiHandler {

    private final BareMetalWiring wiring;
    private final BareMetalSettings settings;
    private final Clock clock;

    BareMetalApi(BareMetalWiring wiring, BareMetalSettings settings, Clock clock) {
        this.wiring = wiring;
        this.settings = settings;
        this.clock = clock;
        route("POST /internal/baremetal-charges", this::charge);
        route("POST /internal/baremetal-charges/{serverId}/cancel", this::cancel);
        route("GET /orgs/{orgId}/baremetal-subscriptions", this::subscriptions);
    }

    /** 201 with the new term's invoice and whether it is paid; 200 with the same answer for a retried call. */
    private APIGatewayV2HTTPResponse charge(ApiRequest request) {
        InternalCaller caller = InternalCaller.require(request, settings.internalCallerAccounts());
        ChargeOutcome outcome = wiring.charging.chargeNew(BareMetalRequests.newServer(Json.readObject(request.body()),
                caller.actor()));
        report(outcome, "http");
        return HttpResponses.json(outcome.replayed() ? 200 : 201, BareMetalViews.outcome(outcome));
    }

    /** Stops renewals; the running term is not refunded. Cancelling again answers the same. */
    private APIGatewayV2HTTPResponse cancel(ApiRequest request) {
        InternalCaller caller = InternalCaller.require(request, settings.internalCallerAccounts());
        String serverId = request.pathParameter("serverId");
        try {
            ServerId.requireValid(serverId);
        } catch (InvalidRequestException notAServerId) {
            throw new AccountNotFoundException();
        }
        BareMetalSubscription cancelled = wiring.store.cancel(serverId, caller.actor(), clock.instant())
                .orElseThrow(AccountNotFoundException::new);
        ObjectNode line = Log.line("INFO", "bare-metal subscription cancelled");
        line.put("orgId", cancelled.orgId());
        line.put("serverId", serverId);
        Log.emit(line);
        ObjectNode view = BareMetalViews.subscription(cancelled);
        view.put("refunded", 0);
        return HttpResponses.json(200, view);
    }

    private APIGatewayV2HTTPResponse subscriptions(ApiRequest request) {
        String orgId = Authorization.orgForMember(request);
        List<BareMetalSubscription> found = wiring.store.subscriptions(orgId).stream()
                .sorted(Comparator.comparing(BareMetalSubscription::serverId)).toList();
        ObjectNode view = Json.object();
        ArrayNode items = view.putArray("items");
        found.forEach(s -> items.add(BareMetalViews.subscription(s)));
        return HttpResponses.json(200, view);
    }

    /** One log line and one metric per charge, whatever path it came by. */
    static void report(ChargeOutcome outcome, String via) {
        ObjectNode line = Log.line("INFO", "bare-metal term charged");
        line.put("via", via);
        line.put("orgId", outcome.invoice().orgId());
        line.put("serverId", outcome.term().serverId());
        line.put("invoiceId", outcome.invoice().id());
        line.put("payment", outcome.payment().name());
        line.put("amountDue", outcome.invoice().amountDue().amount());
        line.put("replayed", outcome.replayed());
        if (outcome.cardCharge() != null) {
            line.put("cardCharge", outcome.cardCharge());
        }
        Log.emit(line);
        if (!outcome.replayed()) {
            Metrics.count("BareMetalTermsCharged");
            if (outcome.payment() != PaymentState.PAID) {
                Metrics.count("BareMetalTermsUnpaid");
            }
        }
    }
}
