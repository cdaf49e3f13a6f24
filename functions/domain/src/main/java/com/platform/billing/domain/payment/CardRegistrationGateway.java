package com.platform.billing.domain.payment;

import java.util.Optional;

/**
 * A gateway that can save a card for later charges (postpaid), next to {@link PaymentGateway}. The card number and
 * CVV go from the customer's browser to the gateway only (its hosted page or its tokenization library): we receive
 * the reusable token and display data, through the same authenticated webhook as any payment.
 */
public interface CardRegistrationGateway {

    /**
     * Starts a card registration for an order we already stored as PENDING: a small verification payment by card
     * that also saves the card. Returns where the customer enters the card (the gateway's page, or the page that
     * loads its tokenization library).
     *
     * @throws GatewayException when the gateway cannot be reached or refuses
     */
    Checkout createCardRegistration(CheckoutRequest request);

    /**
     * The saved card an authenticated, paid notification carries, or empty when it carries none (the customer paid
     * without saving the card, or the gateway did not tokenize it).
     */
    Optional<RegisteredCard> registeredCard(GatewayNotification notification);

    /**
     * The gateway's own view of a registration's payment, for confirming its notification before anything is
     * applied (like {@link PaymentGateway#fetchStatus} for other orders; some gateways keep registrations apart, e.g.
     * Xendit's payment sessions, found by the reference {@link #createCardRegistration} returned). Empty when the
     * gateway has no status API.
     */
    Optional<GatewayStatus> fetchRegistrationStatus(String orderId, String gatewayReference);
}
