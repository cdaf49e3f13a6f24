package com.platform.billing.functions.paymentmethods;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.ApiHandler;
import com.platform.billing.api.ApiRequest;
import com.platform.billing.api.Authorization;
import com.platform.billing.api.Dependencies;
import com.platform.billing.api.Env;
import com.platform.billing.api.HttpResponses;
import com.platform.billing.api.Json;
import com.platform.billing.api.JsonFields;
import com.platform.billing.api.Log;
import com.platform.billing.api.Metrics;
import com.platform.billing.api.Priming;
import com.platform.billing.domain.billingrun.SavedCard;
import com.platform.billing.domain.payment.CardRegistrationGateway;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.domain.paymentmethod.PaymentMethodSettings;
import com.platform.billing.domain.paymentmethod.StoredCard;
import com.platform.billing.domain.topup.CardRegistration;
import com.platform.billing.domain.topup.PaymentOrder;
import com.platform.billing.domain.topup.TopUpInquiry;
import com.platform.billing.domain.topup.TopUpSettings;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.paymentmethod.DynamoPaymentMethodStore;
import com.platform.billing.dynamodb.topup.DynamoPaymentOrderStore;
import com.platform.billing.functions.topup.TopUpConfig;
import com.platform.billing.gateway.PaymentGateways;
import java.util.Set;

/**
 * PaymentMethodFunction: an org's card for postpaid billing, from the console's billing settings.
 * <ul>
 *   <li>{@code POST /orgs/{orgId}/payment-method/registrations} (billing-admin): starts a card registration and
 *       answers where the customer enters the card — the gateway's page. Our servers never see the number.</li>
 *   <li>{@code GET /orgs/{orgId}/payment-method} (any member): the saved card, masked, and whether it is usable.</li>
 *   <li>{@code DELETE /orgs/{orgId}/payment-method} (billing-admin): removes it; refused while the org is POSTPAID.</li>
 * </ul>
 * The registration completes through the gateway's webhook (PgCallbackFunction), like a top-up.
 */
public final class PaymentMethodHandler extends ApiHandler {

    /** Default verification amount (IDR, before tax): small, and credited to the org's balance once paid. */
    public static final long DEFAULT_VERIFICATION_AMOUNT = 10_000;

    private final Dependencies dependencies;
    private final CardRegistration registrations;
    private final PaymentMethodSettings settings;

    /** Lambda's entry: dependencies and the configured gateway (its keys read once), primed for SnapStart. */
    public PaymentMethodHandler() {
        this(Dependencies.fromEnvironment(), PaymentGateways.fromEnvironment());
        Priming.register(dependencies, () -> Json.write(Json.object().put("card", (String) null)));
    }

    private PaymentMethodHandler(Dependencies deps, PaymentGateway gateway) {
        this(deps, gateway, TopUpConfig.fromEnvironment(deps.config()),
                Env.getLong("CARD_VERIFICATION_AMOUNT", DEFAULT_VERIFICATION_AMOUNT));
    }

    PaymentMethodHandler(Dependencies deps, PaymentGateway gateway, TopUpSettings topUps, long verificationAmount) {
        if (!(gateway instanceof CardRegistrationGateway registrationGateway)) {
            throw new IllegalStateException("gateway " + gateway.provider() + " cannot register cards");
        }
        this.dependencies = deps;
        DynamoPaymentOrderStore orders = new DynamoPaymentOrderStore(deps.dynamo(), deps.table(), deps.clock(),
                deps.config().calendar());
        this.registrations = new CardRegistration(orders, gateway, registrationGateway, topUps, verificationAmount,
                deps.clock());
        this.settings = new PaymentMethodSettings(new DynamoPaymentMethodStore(deps.dynamo(), deps.table()),
                deps.clock());
        route("POST /orgs/{orgId}/payment-method/registrations", this::register);
        route("GET /orgs/{orgId}/payment-method", this::view);
        route("DELETE /orgs/{orgId}/payment-method", this::remove);
    }

    private APIGatewayV2HTTPResponse register(ApiRequest request) {
        String orgId = Authorization.orgForBillingAdmin(request);
        ObjectNode body = request.body().isBlank() ? Json.object() : Json.readObject(request.body());
        JsonFields.onlyKnown(body, Set.of());
        TopUpInquiry.Result result = registrations.start(orgId, request.header("Idempotency-Key").orElse(null),
                request.caller().subject());
        PaymentOrder order = result.order();
        if (!result.replayed()) {
            Metrics.count("CardRegistrationStarted");
            ObjectNode line = Log.line("INFO", "card registration started");
            line.put("orderId", order.id());
            line.put("provider", order.provider());
            line.put("amount", order.total().amount());
            Log.emit(line);
        }
        ObjectNode view = Json.object();
        view.put("orderId", order.id());
        view.put("status", order.status().name());
        view.put("provider", order.provider());
        view.put("cardEntryUrl", order.paymentUrl());
        view.put("expiresAt", Items.formatTime(order.gatewayExpiresAt() != null ? order.gatewayExpiresAt()
                : order.expiresAt()));
        view.put("currency", order.currency());
        view.put("amount", order.total().amount());
        view.put("credited", order.subtotal().amount());
        view.put("tax", order.tax().amount());
        ObjectNode invoice = view.putObject("invoice");
        invoice.put("id", order.invoiceId());
        invoice.put("number", order.invoiceNumber());
        APIGatewayV2HTTPResponse response = HttpResponses.json(201, view);
        return result.replayed() ? HttpResponses.withHeader(response, "idempotent-replayed", "true") : response;
    }

    private APIGatewayV2HTTPResponse view(ApiRequest request) {
        String orgId = Authorization.orgForMember(request);
        PaymentMethodSettings.View current = settings.view(orgId);
        ObjectNode view = Json.object();
        view.put("orgId", orgId);
        view.put("billingType", current.account().billingType().name());
        if (current.card().isEmpty()) {
            view.putNull("card");
        } else {
            view.set("card", cardView(current.card().get()));
        }
        // What the billing page must ask for: a postpaid org without a usable card cannot be charged.
        view.put("actionRequired", current.card().isEmpty() ? current.account().billingType().mayGoNegative()
                ? "REGISTER_CARD" : null : current.card().get().usable() ? null : "REPLACE_CARD");
        return HttpResponses.json(200, view);
    }

    private APIGatewayV2HTTPResponse remove(ApiRequest request) {
        String orgId = Authorization.orgForBillingAdmin(request);
        StoredCard removed = settings.remove(orgId, request.caller().subject());
        Metrics.count("PaymentMethodRemoved");
        ObjectNode line = Log.line("INFO", "payment method removed");
        line.put("provider", removed.card().provider());
        line.put("actor", request.caller().subject());
        Log.emit(line);
        return HttpResponses.json(200, Json.object().put("orgId", orgId).put("removed", true));
    }

    static ObjectNode cardView(StoredCard stored) {
        SavedCard card = stored.card();
        ObjectNode view = Json.object();
        view.put("provider", card.provider());
        view.put("brand", card.brand());
        view.put("maskedNumber", card.maskedNumber());
        view.put("expiryMonth", card.expiryMonth());
        view.put("expiryYear", card.expiryYear());
        view.put("status", stored.usable() ? "ACTIVE" : "INVALID");
        if (!stored.usable()) {
            view.put("invalidAt", Items.formatTime(stored.invalidAt()));
            view.put("invalidReason", stored.invalidReason());
        }
        view.put("registeredBy", card.setBy());
        view.put("registeredAt", Items.formatTime(card.setAt()));
        return view;
    }
}
