package com.platform.billing.domain.topup;

import com.platform.billing.domain.StateConflictException;
import com.platform.billing.domain.payment.Checkout;
import com.platform.billing.domain.payment.CheckoutRequest;
import com.platform.billing.domain.payment.GatewayException;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.domain.payment.PaymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    /**
     * How long a PENDING order may be without its payment page before a replay gives up on it. Longer than the
     * inquiry function's timeout (15 s, the gateway call included), so the invocation that stored the order has
     * certainly ended by then without recording a checkout.
     */
    static final Duration CHECKOUT_STALLED_AFTER = Duration.ofMinutes(2);

    /**
     * The answer to a replayed request: the same order, or the same refusal. An order stored by an invocation that
     * ended before recording its checkout (its last write failed after the SDK's retries, or it timed out) would
     * otherwise answer "in progress" until it expires and, for an invoice payment, keep the invoice locked: once it
     * has stalled, it is failed like a checkout the gateway refused (nobody received its payment page; a payment that
     * still arrives for it is credited like any late payment) and the caller is told to use a new key.
     */
    PaymentOrder replay(PaymentOrder order) {
        if (order.paymentUrl() != null) {
            return order;
        }
        if (order.status() == PaymentStatus.PENDING) {
            Instant now = clock.instant();
            if (now.isBefore(order.createdAt().plus(CHECKOUT_STALLED_AFTER))) {
                throw new StateConflictException("request-in-progress", "A request with this Idempotency-Key is"
                        + " still being processed; retry in a few seconds.");
            }
            store.failCheckout(order, now);
        }
        throw new GatewayUnavailableException("The payment gateway failed this request earlier; nothing was charged."
                + " Send a new Idempotency-Key to try again.");
    }
}
