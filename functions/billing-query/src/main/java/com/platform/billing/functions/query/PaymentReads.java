package com.platform.billing.functions.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.ApiRequest;
import com.platform.billing.api.Authorization;
import com.platform.billing.api.Dependencies;
import com.platform.billing.api.HttpResponses;
import com.platform.billing.api.Json;
import com.platform.billing.api.JsonFields;
import com.platform.billing.api.Views;
import com.platform.billing.domain.Page;
import com.platform.billing.domain.baremetal.BareMetalInvoice;
import com.platform.billing.domain.baremetal.BareMetalTermRef;
import com.platform.billing.domain.invoice.AppliedPayment;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceLine;
import com.platform.billing.domain.invoice.InvoiceNotFoundException;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.domain.invoice.InvoiceType;
import com.platform.billing.domain.topup.PaymentOrder;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.invoice.DynamoInvoiceStore;
import com.platform.billing.dynamodb.topup.DynamoPaymentOrderStore;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The billing page's top-up history and invoices (issue 3): {@code GET /orgs/{orgId}/topups},
 * {@code GET /orgs/{orgId}/invoices?type=&status=} and {@code GET /orgs/{orgId}/invoices/{invoiceId}}. Each is one
 * request in the caller's own org (a Query on GSI1, or a GetItem in the org's partition), so another org's data can
 * not be reached; lists do not read the account (an org without one simply has an empty list).
 */
final class PaymentReads {

    private final DynamoPaymentOrderStore orders;
    private final DynamoInvoiceStore invoices;

    PaymentReads(Dependencies deps) {
        this.orders = new DynamoPaymentOrderStore(deps.dynamo(), deps.table(), deps.clock(),
                deps.config().calendar());
        this.invoices = new DynamoInvoiceStore(deps.dynamo(), deps.table());
    }

    APIGatewayV2HTTPResponse topUps(ApiRequest request) {
        String orgId = Authorization.orgForMember(request);
        Page<PaymentOrder> page = orders.topUps(orgId, request.queryParameter("cursor").orElse(null),
                Views.limit(request));
        return HttpResponses.json(200, Views.page(page, PaymentReads::topUp));
    }

    APIGatewayV2HTTPResponse invoices(ApiRequest request) {
        String orgId = Authorization.orgForMember(request);
        InvoiceType type = optionalEnum(request, "type", InvoiceType.class);
        InvoiceStatus status = optionalEnum(request, "status", InvoiceStatus.class);
        Page<Invoice> page = invoices.list(orgId, type, status, request.queryParameter("cursor").orElse(null),
                Views.limit(request));
        return HttpResponses.json(200, Views.page(page, PaymentReads::summary));
    }

    APIGatewayV2HTTPResponse invoice(ApiRequest request) {
        String orgId = Authorization.orgForMember(request);
        Invoice invoice = invoices.find(orgId, request.pathParameter("invoiceId"))
                .orElseThrow(InvoiceNotFoundException::new);
        return HttpResponses.json(200, detail(invoice));
    }

    static ObjectNode topUp(PaymentOrder order) {
        ObjectNode view = Json.object();
        view.put("orderId", order.id());
        view.put("status", order.status().name());
        view.put("currency", order.currency());
        view.put("amount", order.subtotal().amount());
        view.put("tax", order.tax().amount());
        view.put("total", order.total().amount());
        text(view, "paymentMethod", order.paidMethod() != null ? order.paidMethod() : order.requestedMethod());
        text(view, "referenceNumber", order.referenceNumber());
        view.put("invoiceId", order.invoiceId());
        view.put("invoiceNumber", order.invoiceNumber());
        view.put("paidLate", order.paidLate());
        if (order.reversedAmount().isPositive() || order.reversalShortfall().isPositive()) {
            view.put("reversedAmount", order.reversedAmount().amount());
        }
        time(view, "createdAt", order.createdAt());
        time(view, "expiresAt", order.gatewayExpiresAt() != null ? order.gatewayExpiresAt() : order.expiresAt());
        time(view, "paidAt", order.paidAt());
        return view;
    }

    static ObjectNode summary(Invoice invoice) {
        ObjectNode view = Json.object();
        view.put("id", invoice.id());
        view.put("number", invoice.number().value());
        view.put("type", invoice.type().name());
        view.put("status", invoice.status().name());
        view.put("currency", invoice.currency());
        view.put("subtotal", invoice.subtotal().amount());
        view.put("tax", invoice.taxAmount().amount());
        view.put("total", invoice.total().amount());
        view.put("amountPaid", invoice.amountPaid().amount());
        view.put("creditsApplied", invoice.creditsApplied().amount());
        view.put("amountDue", invoice.amountDue().amount());
        text(view, "period", invoice.period() == null ? null : invoice.period().toString());
        view.put("reference", invoice.reference());
        if (invoice.type() == InvoiceType.BAREMETAL) {
            // The server and term the invoice bills (issue 6).
            BareMetalTermRef.parse(invoice.reference()).ifPresent(term -> {
                view.put("serverId", term.serverId());
                time(view, "termStart", term.termStart());
                time(view, "termEnd", term.termEnd());
                view.put("termMonths", BareMetalInvoice.termMonths(invoice));
            });
        }
        time(view, "issuedAt", invoice.issuedAt());
        time(view, "dueAt", invoice.dueAt());
        time(view, "paidAt", invoice.paidAt());
        time(view, "voidedAt", invoice.voidedAt());
        return view;
    }

    static ObjectNode detail(Invoice invoice) {
        ObjectNode view = summary(invoice);
        ArrayNode lines = view.putArray("lines");
        for (InvoiceLine line : invoice.lines()) {
            ObjectNode node = lines.addObject();
            node.put("description", line.description());
            text(node, "sku", line.sku().isEmpty() ? null : line.sku());
            node.put("quantity", line.quantity().toPlainString());
            node.put("unit", line.unit());
            if (line.unitPriceMicros() != 0) {
                node.put("unitPrice", BigDecimal.valueOf(line.unitPriceMicros(), 6).stripTrailingZeros()
                        .toPlainString());
            }
            node.put("amount", line.amount().amount());
        }
        ObjectNode tax = view.putArray("taxLines").addObject();
        long rate = invoice.tax().rateBasisPoints();
        tax.put("description", "VAT " + BigDecimal.valueOf(rate, 2).stripTrailingZeros().toPlainString() + "%");
        tax.put("rateBasisPoints", rate);
        tax.put("mode", invoice.tax().mode().name());
        tax.put("base", invoice.subtotal().amount());
        tax.put("amount", invoice.taxAmount().amount());
        ArrayNode payments = view.putArray("payments");
        ArrayNode credits = view.putArray("creditApplications");
        for (AppliedPayment payment : invoice.payments()) {
            ObjectNode node = payment.source() == AppliedPayment.Source.CREDIT ? credits.addObject()
                    : payments.addObject();
            node.put("source", payment.source().name());
            node.put("reference", payment.reference());
            node.put("amount", payment.amount().amount());
            text(node, "method", payment.method().isEmpty() ? null : payment.method());
            text(node, "referenceNumber", payment.referenceNumber().isEmpty() ? null : payment.referenceNumber());
            time(node, "appliedAt", payment.appliedAt());
        }
        if (invoice.pendingOrderId() != null) {
            view.putObject("pendingPayment").put("orderId", invoice.pendingOrderId())
                    .put("until", Items.formatTime(invoice.pendingUntil()));
        }
        if (!invoice.voidReason().isEmpty()) {
            view.put("voidReason", invoice.voidReason());
        }
        return view;
    }

    private static <E extends Enum<E>> E optionalEnum(ApiRequest request, String name, Class<E> type) {
        return request.queryParameter(name).map(value -> JsonFields.enumValue(name, value, type)).orElse(null);
    }

    private static void text(ObjectNode view, String name, String value) {
        if (value == null) {
            view.putNull(name);
        } else {
            view.put(name, value);
        }
    }

    private static void time(ObjectNode view, String name, Instant at) {
        if (at == null) {
            view.putNull(name);
        } else {
            view.put(name, Items.formatTime(at));
        }
    }
}
