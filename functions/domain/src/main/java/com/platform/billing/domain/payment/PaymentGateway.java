package com.platform.billing.domain.payment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A payment gateway partner (Midtrans, Xendit, the local sandbox). Adapters live outside the domain; this interface
 * is all the use cases know. Every method either returns or throws {@link GatewayException}: a timeout or an error
 * from the gateway is never mistaken for a decline.
 */
public interface PaymentGateway {

    /** The provider name used in routes and stored on orders: {@code midtrans}, {@code xendit}, {@code sandbox}. */
    String provider();

    /** The payment methods this deployment offers through this gateway (configuration, in display order). */
    List<PaymentMethod> paymentMethods();

    /** Asks the gateway for a hosted payment page for an order we already stored as PENDING. */
    Checkout createCheckout(CheckoutRequest request);

    /**
     * Authenticates a webhook delivery (signature or callback token, compared in constant time) and parses it.
     * {@code headers} have lower-case names.
     *
     * @throws CallbackRejectedException when it is not authentic (401) or cannot be read (400)
     */
    GatewayNotification authenticateNotification(Map<String, String> headers, String body);

    /**
     * The gateway's own view of an order, for confirming a notification before crediting. Empty when the gateway
     * has no status API (then the authenticated notification is the confirmation).
     */
    Optional<GatewayStatus> fetchStatus(String orderId);

    /** Charges a saved card token (postpaid). Never retried by the adapter: {@code attemptId} is the caller's. */
    CardChargeResult chargeSavedCard(CardChargeRequest request);
}
