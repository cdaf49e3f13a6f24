package com.platform.billing.gateway;

import com.platform.billing.domain.payment.CardChargeRequest;
import com.platform.billing.domain.payment.CheckoutRequest;
import com.platform.billing.domain.payment.PaymentMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks every adapter applies to what the use cases ask of a gateway. A failure here is a bug in the caller (it
 * validates user input first), so it is an {@link IllegalArgumentException}, thrown before any HTTP call.
 */
public final class GatewayRequests {

    /** Midtrans' order id rule, which Xendit's external_id and the sandbox also accept. */
    public static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9\\-_~.]{1,50}");

    private GatewayRequests() {
    }

    public static String orderId(String id) {
        if (id == null || !ORDER_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a gateway order id is 1-50 characters of A-Z a-z 0-9 - _ ~ .");
        }
        return id;
    }

    /** Validates a checkout request against the deployment's configuration. */
    public static void validate(CheckoutRequest request, GatewayConfig config, boolean idrOnly) {
        Objects.requireNonNull(request, "request");
        orderId(request.orderId());
        Objects.requireNonNull(request.amount(), "amount");
        if (!request.amount().isPositive()) {
            throw new IllegalArgumentException("a checkout amount must be positive");
        }
        if (idrOnly && !"IDR".equals(request.amount().currency())) {
            throw new IllegalArgumentException(config.provider() + " checkouts are in IDR");
        }
        if (request.paymentMethod() != null && !config.offers(request.paymentMethod())) {
            throw new IllegalArgumentException("payment method " + request.paymentMethod() + " is not enabled");
        }
    }

    /** When the payment page stops taking payments: the caller's expiry, or now + the configured default. */
    public static Instant expiry(CheckoutRequest request, Instant now, GatewayConfig config) {
        Instant expiresAt = request.expiresAt() != null ? request.expiresAt() : now.plus(config.orderExpiry());
        if (Duration.between(now, expiresAt).compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("a checkout must stay open for at least a minute");
        }
        return expiresAt;
    }

    /** The method codes to offer on the payment page: the one asked for, or every enabled one. */
    public static List<String> methodCodes(CheckoutRequest request, GatewayConfig config) {
        if (request.paymentMethod() != null) {
            return List.of(request.paymentMethod());
        }
        return config.paymentMethods().stream().map(PaymentMethod::code).toList();
    }

    public static void validate(CardChargeRequest request, boolean idrOnly) {
        Objects.requireNonNull(request, "request");
        orderId(request.attemptId());
        if (request.cardToken() == null || request.cardToken().isBlank()) {
            throw new IllegalArgumentException("a card token is required");
        }
        Objects.requireNonNull(request.amount(), "amount");
        if (!request.amount().isPositive()) {
            throw new IllegalArgumentException("a charge amount must be positive");
        }
        if (idrOnly && !"IDR".equals(request.amount().currency())) {
            throw new IllegalArgumentException("card charges are in IDR");
        }
    }
}
