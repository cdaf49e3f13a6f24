package com.platform.billing.functions.topup;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.domain.payment.PaymentMethod;
import com.platform.billing.domain.topup.InvoicePayment;
import com.platform.billing.domain.topup.PaymentOrder;
import com.platform.billing.domain.topup.TopUpInquiry;
import com.platform.billing.domain.topup.TopUpSettings;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.topup.DynamoPaymentOrderStore;
import com.platform.billing.gateway.PaymentGateways;
import java.util.Set;

/**
 * TopUpInquiryFunction: the console starts a gateway payment, either to buy credit or to pay an invoice, and lists
 * the payment methods it may choose from. Members of the org may pay; another org answers 404.
 */
public final class TopUpHandler extends ApiHandler {

    private final Dependencies dependencies;
    private final PaymentGateway gateway;
    private final TopUpInquiry topUps;
    private final InvoicePayment invoicePayments;

    /** Lambda's entry: dependencies and the configured gateway (its keys read once), primed for SnapStart. */
    public TopUpHandler() {
        this(Dependencies.fromEnvironment(), PaymentGateways.fromEnvironment());
        Priming.register(dependencies, () -> {
            Json.write(methods());
            PaymentGateways.prime(gateway);
        });
    }

    private TopUpHandler(Dependencies deps, PaymentGateway gateway) {
        this(deps, gateway, TopUpConfig.fromEnvironment(deps.config()));
    }

    TopUpHandler(Dependencies deps, PaymentGateway gateway, TopUpSettings settings) {
        this.dependencies = deps;
        this.gateway = gateway;
        DynamoPaymentOrderStore store = new DynamoPaymentOrderStore(deps.dynamo(), deps.table(), deps.clock(),
                deps.config().calendar());
        this.topUps = new TopUpInquiry(store, gateway, settings, deps.clock());
        this.invoicePayments = new InvoicePayment(store, gateway, settings, deps.clock());
        route("POST /orgs/{orgId}/topups", this::topUp);
        route("POST /orgs/{orgId}/invoices/{invoiceId}/payments", this::payInvoice);
        route("GET /orgs/{orgId}/payment-methods", this::paymentMethods);
    }

    private APIGatewayV2HTTPResponse topUp(ApiRequest request) {
        String orgId = Authorization.orgForMember(request);
        String actor = request.caller().subject();
        ObjectNode body = Json.readObject(request.body());
        JsonFields.onlyKnown(body, Set.of("amount", "paymentMethod"));
        long amount = JsonFields.requiredAmount(body, "amount");
        String method = JsonFields.optionalText(body, "paymentMethod").orElse(null);
        TopUpInquiry.Result result = topUps.inquire(orgId, amount, method,
                request.header("Idempotency-Key").orElse(null), actor);
        if (!result.replayed()) {
            Metrics.count("TopUpInquired");
            logCreated(result.order());
        }
        ObjectNode view = orderView(result.order());
        ObjectNode invoice = view.putObject("invoice");
        invoice.put("id", result.order().invoiceId());
        invoice.put("number", result.order().invoiceNumber());
        invoice.put("subtotal", result.order().subtotal().amount());
        invoice.put("tax", result.order().tax().amount());
        invoice.put("total", result.order().total().amount());
        return created(view, result.replayed());
    }

    private APIGatewayV2HTTPResponse payInvoice(ApiRequest request) {
        String orgId = Authorization.orgForMember(request);
        String actor = request.caller().subject();
        String invoiceId = request.pathParameter("invoiceId");
        ObjectNode body = request.body().isBlank() ? Json.object() : Json.readObject(request.body());
        JsonFields.onlyKnown(body, Set.of("paymentMethod"));
        String method = JsonFields.optionalText(body, "paymentMethod").orElse(null);
        TopUpInquiry.Result result = invoicePayments.pay(orgId, invoiceId, method,
                request.header("Idempotency-Key").orElse(null), actor);
        if (!result.replayed()) {
            Metrics.count("InvoicePaymentInquired");
            logCreated(result.order());
        }
        PaymentOrder order = result.order();
        ObjectNode view = orderView(order);
        ObjectNode invoice = view.putObject("invoice");
        invoice.put("id", order.invoiceId());
        invoice.put("number", order.invoiceNumber());
        invoice.put("amountDue", order.invoiceAmountDue().amount());
        view.put("surplusToCredit", order.total().minus(order.invoiceAmountDue()).amount());
        return created(view, result.replayed());
    }

    private APIGatewayV2HTTPResponse paymentMethods(ApiRequest request) {
        Authorization.orgForMember(request);
        return HttpResponses.json(200, methods());
    }

    private ObjectNode methods() {
        ObjectNode view = Json.object();
        view.put("provider", gateway.provider());
        ArrayNode items = view.putArray("items");
        for (PaymentMethod method : gateway.paymentMethods()) {
            items.addObject().put("code", method.code()).put("displayName", method.displayName());
        }
        return view;
    }

    private static void logCreated(PaymentOrder order) {
        ObjectNode line = Log.line("INFO", "payment order created");
        line.put("orderId", order.id());
        line.put("purpose", order.purpose().name());
        line.put("invoiceId", order.invoiceId());
        line.put("amount", order.total().amount());
        line.put("provider", order.provider());
        Log.emit(line);
    }

    private static ObjectNode orderView(PaymentOrder order) {
        ObjectNode view = Json.object();
        view.put("orderId", order.id());
        view.put("purpose", order.purpose().name());
        view.put("status", order.status().name());
        view.put("paymentUrl", order.paymentUrl());
        view.put("expiresAt", Items.formatTime(order.gatewayExpiresAt() != null ? order.gatewayExpiresAt()
                : order.expiresAt()));
        view.put("currency", order.currency());
        view.put("amount", order.total().amount());
        if (order.requestedMethod() == null) {
            view.putNull("paymentMethod");
        } else {
            view.put("paymentMethod", order.requestedMethod());
        }
        return view;
    }

    private static APIGatewayV2HTTPResponse created(ObjectNode view, boolean replayed) {
        APIGatewayV2HTTPResponse response = HttpResponses.json(201, view);
        return replayed ? HttpResponses.withHeader(response, "idempotent-replayed", "true") : response;
    }
}
