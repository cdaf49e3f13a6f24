package com.platform.billing.domain.topup;

import com.platform.billing.domain.StateConflictException;
import com.platform.billing.domain.payment.Checkout;
import com.platform.billing.domain.payment.CheckoutRequest;
import com.platform.billing.domain.payment.GatewayException;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.domain.payment.PaymentStatus;
import java.time.Clock;
import java.util.function.Function;

/**
 * The part top-up and invoice payment share once the order is stored: ask the gateway for a checkout, record it on
 * the order; on a gateway error or timeout, fail the order (nothing was charged) and answer 502.
 */
final class CheckoutStep {

    private final PaymentOrderStore store;
    private final PaymentGateway gateway;
    private final TopUpSettings settings;
    private final Clock clock;

    CheckoutStep(PaymentOrderStore store, PaymentGateway gateway, TopUpSettings settings, Clock clock) {
        this.store = store;
        this.gateway = gateway;
        this.settings = settings;
        this.clock = clock;
    }

    PaymentOrder checkout(PaymentOrder order, String description) {
        return checkout(order, description, gateway::createCheckout);
    }

    /** The same step with another gateway call for the checkout (a card registration's page). */
    PaymentOrder checkout(PaymentOrder order, String description, Function<CheckoutRequest, Checkout> call) {
        Checkout checkout;
        try {
            checkout = call.apply(new CheckoutRequest(order.id(), order.orgId(), order.total(),
                    order.requestedMethod(), order.expiresAt(), description, settings.finishUrl()));
        } catch (GatewayException failed) {
            store.failCheckout(order, clock.instant());
            throw new GatewayUnavailableException(failed.isTimeout()
                    ? "The payment gateway did not answer in time; nothing was charged. Try again."
                    : "The payment gateway refused or failed the request; nothing was charged. Try again.");
        }
        return store.recordCheckout(order, checkout);
    }

    /** The answer to a replayed request: the same order, or the same refusal. */
    static PaymentOrder replay(PaymentOrder order) {
        if (order.paymentUrl() != null) {
            return order;
        }
        if (order.status() == PaymentStatus.PENDING) {
            throw new StateConflictException("request-in-progress", "A request with this Idempotency-Key is still"
                    + " being processed; retry in a few seconds.");
        }
        throw new GatewayUnavailableException("The payment gateway failed this request earlier; nothing was charged."
                + " Send a new Idempotency-Key to try again.");
    }
}
