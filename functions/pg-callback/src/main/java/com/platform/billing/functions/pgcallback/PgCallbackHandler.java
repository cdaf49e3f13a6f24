package com.platform.billing.functions.pgcallback;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.ApiHandler;
import com.platform.billing.api.ApiRequest;
import com.platform.billing.api.Dependencies;
import com.platform.billing.api.Env;
import com.platform.billing.api.HttpResponses;
import com.platform.billing.api.Json;
import com.platform.billing.api.Log;
import com.platform.billing.api.Metrics;
import com.platform.billing.api.Priming;
import com.platform.billing.domain.BillingException;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.domain.payment.PaymentStatus;
import com.platform.billing.domain.topup.PaymentCallback;
import com.platform.billing.domain.topup.PaymentOrderId;
import com.platform.billing.domain.topup.PaymentPurpose;
import com.platform.billing.dynamodb.topup.DynamoPaymentOrderStore;
import com.platform.billing.gateway.PaymentGateways;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * PgCallbackFunction: the payment gateway's webhook, {@code POST /pg/{provider}/notifications}. No JWT: the gateway's
 * signature or callback token is the authentication, checked before anything is read. A 2xx tells the gateway to stop
 * delivering, so it is given exactly when the notification is applied or was already applied; anything that must
 * never be applied gets a 4xx, and a dependency failure a 5xx so the gateway delivers again.
 */
public final class PgCallbackHandler extends ApiHandler {

    private final Dependencies dependencies;
    private final PaymentGateway gateway;
    private final PaymentCallback callbacks;

    /** Lambda's entry: dependencies and the configured gateway (its keys read once), primed for SnapStart. */
    public PgCallbackHandler() {
        this(Dependencies.fromEnvironment(), PaymentGateways.fromEnvironment(),
                Env.get("PG_MERCHANT_ID").map(String::strip).orElse(null));
        Priming.register(dependencies, () -> {
            Json.write(Json.object().put("received", true));
            PaymentGateways.prime(gateway);
        });
    }

    PgCallbackHandler(Dependencies deps, PaymentGateway gateway, String expectedMerchantId) {
        this.dependencies = deps;
        this.gateway = gateway;
        DynamoPaymentOrderStore store = new DynamoPaymentOrderStore(deps.dynamo(), deps.table(), deps.clock(),
                deps.config().calendar());
        this.callbacks = new PaymentCallback(store, Map.of(gateway.provider(), gateway), expectedMerchantId,
                deps.clock());
        route("POST /pg/{provider}/notifications", this::notification);
    }

    private APIGatewayV2HTTPResponse notification(ApiRequest request) {
        String provider = request.pathParameter("provider");
        Map<String, String> headers = new HashMap<>();
        if (request.event().getHeaders() != null) {
            request.event().getHeaders().forEach((name, value) -> {
                if (name != null) {
                    headers.put(name.toLowerCase(Locale.ROOT), value);
                }
            });
        }
        PaymentCallback.Result result;
        try {
            result = callbacks.handle(provider, headers, request.body());
        } catch (BillingException rejected) {
            // alarmed on (a spike means forged or tampered deliveries, or a gateway misconfiguration)
            Metrics.count("CallbackRejected", "Reason", rejected.code());
            throw rejected;
        }
        Log.bindOrg(orgOf(result.orderId()));
        ObjectNode line = Log.line("INFO", "payment notification");
        line.put("provider", provider);
        line.put("orderId", result.orderId());
        line.put("outcome", result.outcome().name());
        line.put("orderStatus", result.orderStatus().name());
        line.put("paidLate", result.paidLate());
        Log.emit(line);
        if (result.outcome() == PaymentCallback.Outcome.APPLIED) {
            Metrics.count("PaymentNotificationApplied", "Status", result.orderStatus().name());
            if (result.orderStatus() == PaymentStatus.PAID) {
                Metrics.count(result.purpose() == PaymentPurpose.TOPUP ? "TopUpPaid" : "InvoicePaidByGateway");
            }
        }
        ObjectNode view = Json.object();
        view.put("received", true);
        view.put("orderId", result.orderId());
        view.put("outcome", result.outcome().name());
        view.put("status", result.orderStatus().name());
        return HttpResponses.json(200, view);
    }

    private static String orgOf(String orderId) {
        return PaymentOrderId.orgHint(orderId).orElse("");
    }
}
