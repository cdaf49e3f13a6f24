package com.platform.billing.domain.payment;

import com.platform.billing.domain.Money;
import java.time.Instant;

/**
 * @param orderId       our order id, also the gateway's order id / external id (≤ 50 chars of [A-Za-z0-9-_~.])
 * @param paymentMethod one of {@link PaymentGateway#paymentMethods()} codes, or null to offer all configured ones
 * @param finishUrl     where the gateway sends the browser afterwards (not the webhook)
 */
public record CheckoutRequest(String orderId, String orgId, Money amount, String paymentMethod, Instant expiresAt,
                              String description, String finishUrl) {
}
