package com.platform.billing.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.domain.BillingException;
import com.platform.billing.domain.InvalidRequestException;
import java.util.Map;

/**
 * RFC 9457 problem responses. The {@code type} is {@code urn:problem-type:billing:<code>}, stable across releases;
 * every code and its status is listed here and in docs/problems.md. Details are written for the caller; nothing
 * internal (exception text of libraries, stack traces) ever reaches a response.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:problem-type:billing:";
    public static final String CONTENT_TYPE = "application/problem+json";

    /** Status and title of each problem code. Codes not listed answer 422 (a refusal of well-formed input). */
    private static final Map<String, Status> STATUSES = Map.ofEntries(
            Map.entry("malformed-request", new Status(400, "Malformed request")),
            Map.entry("invalid-request", new Status(400, "Invalid request")),
            Map.entry("unauthenticated", new Status(401, "Unauthenticated")),
            Map.entry("callback-unauthenticated", new Status(401, "Callback not authentic")),
            Map.entry("forbidden", new Status(403, "Forbidden")),
            Map.entry("not-found", new Status(404, "Not found")),
            Map.entry("concurrent-update", new Status(409, "Concurrent update")),
            Map.entry("negative-balance", new Status(409, "Balance is negative")),
            Map.entry("insufficient-credit", new Status(422, "Insufficient credit")),
            Map.entry("idempotency-key-reused", new Status(422, "Idempotency key reused")),
            Map.entry("currency-mismatch", new Status(422, "Currency mismatch")),
            Map.entry("gateway-unavailable", new Status(502, "Payment gateway unavailable")),
            Map.entry("unknown-order", new Status(404, "Unknown payment order")),
            Map.entry("payment-mismatch", new Status(422, "Payment does not match the order")),
            Map.entry("payment-not-confirmed", new Status(409, "Payment not confirmed by the gateway")),
            Map.entry("payment-not-settled", new Status(409, "Payment not settled yet")),
            Map.entry("invoice-not-payable", new Status(409, "Invoice not payable")),
            Map.entry("invoice-payment-pending", new Status(409, "Invoice payment pending")),
            Map.entry("invoice-changed", new Status(409, "Invoice changed")),
            Map.entry("request-in-progress", new Status(409, "Request in progress")),
            Map.entry("voucher-invalid", new Status(422, "Voucher code not valid")),
            Map.entry("voucher-expired", new Status(422, "Voucher expired")),
            Map.entry("voucher-not-yet-valid", new Status(422, "Voucher not yet valid")),
            Map.entry("voucher-fully-redeemed", new Status(409, "Voucher fully redeemed")),
            Map.entry("voucher-already-redeemed", new Status(409, "Voucher already redeemed")),
            Map.entry("voucher-rate-limited", new Status(429, "Too many failed voucher attempts")),
            Map.entry("voucher-code-exists", new Status(409, "Voucher code exists")),
            Map.entry("sku-definition-conflict", new Status(409, "SKU definition conflict")),
            Map.entry("price-change-too-soon", new Status(422, "Price change too soon")),
            Map.entry("card-number-refused", new Status(422, "Card number refused")),
            Map.entry("method-not-allowed", new Status(405, "Method not allowed")),
            Map.entry("function-error", new Status(502, "Function error")),
            Map.entry("function-unavailable", new Status(503, "Function unavailable")),
            Map.entry("internal", new Status(500, "Internal error")),
            // bare-metal charging (issue 6)
            Map.entry("baremetal-charge-mismatch", new Status(422, "Bare-metal term charged differently")),
            Map.entry("baremetal-subscription-exists", new Status(409, "Bare-metal subscription exists")),
            Map.entry("baremetal-subscription-cancelled", new Status(409, "Bare-metal subscription cancelled")));

    private record Status(int code, String title) {
    }

    private Problems() {
    }

    public static int statusOf(String code) {
        Status status = STATUSES.get(code);
        return status == null ? 422 : status.code();
    }

    public static APIGatewayV2HTTPResponse from(BillingException error, String instance) {
        ObjectNode body = problem(error.code(), error.getMessage(), instance);
        if (error instanceof InvalidRequestException invalid && !invalid.field().isEmpty()) {
            body.putArray("errors").addObject().put("field", invalid.field()).put("detail", invalid.getMessage());
        }
        return response(statusOf(error.code()), body);
    }

    public static APIGatewayV2HTTPResponse of(String code, String detail, String instance) {
        return response(statusOf(code), problem(code, detail, instance));
    }

    public static ObjectNode problem(String code, String detail, String instance) {
        Status status = STATUSES.getOrDefault(code, new Status(422, "Request refused"));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", TYPE_PREFIX + code);
        body.put("title", status.title());
        body.put("status", status.code());
        body.put("detail", detail);
        if (instance != null && !instance.isEmpty()) {
            body.put("instance", instance);
        }
        return body;
    }

    public static APIGatewayV2HTTPResponse response(int status, ObjectNode body) {
        return HttpResponses.withBody(status, CONTENT_TYPE, body);
    }
}
