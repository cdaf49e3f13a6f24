package com.platform.billing.domain.topup;

import com.platform.billing.domain.BillingException;
import com.platform.billing.domain.billingrun.SavedCard;
import com.platform.billing.domain.payment.CardRegistrationGateway;
import com.platform.billing.domain.payment.GatewayException;
import com.platform.billing.domain.payment.GatewayNotification;
import com.platform.billing.domain.payment.GatewayStatus;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.domain.payment.PaymentStatus;
import com.platform.billing.domain.payment.RegisteredCard;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A gateway's webhook delivery, in the order the gateway facts demand: authenticate (401/400) → find our order (404,
 * raw notification kept) → check provider, amount, currency and merchant against the order (422, kept, nothing
 * applied) → confirm with the gateway's status API where it has one (409 when it does not confirm, so the gateway
 * delivers again) → apply once. Anything already applied, and anything that would move a state backwards, answers
 * 200 and changes nothing, so the gateway stops retrying.
 */
public final class PaymentCallback {

    /** What a delivery did. */
    public enum Outcome {
        /** The order moved (paid, failed, expired, reversed) and everything that goes with it was written. */
        APPLIED,
        /** Already applied, or a state that cannot follow the current one (late expire after paid): no change. */
        UNCHANGED,
        /** A status we have nothing to do for (still pending). */
        IGNORED
    }

    /** {@code purpose}: what the order pays for (a top-up or an invoice), for the caller's metrics. */
    public record Result(String orderId, Outcome outcome, PaymentStatus orderStatus, boolean paidLate,
                         PaymentPurpose purpose) {
    }

    private final PaymentOrderStore store;
    private final Map<String, PaymentGateway> gateways;
    private final String expectedMerchantId;
    private final Clock clock;

    /** @param gateways the configured gateways by provider name (the webhook path's {@code {provider}}) */
    public PaymentCallback(PaymentOrderStore store, Map<String, PaymentGateway> gateways, String expectedMerchantId,
                           Clock clock) {
        this.store = store;
        this.gateways = Map.copyOf(gateways);
        this.expectedMerchantId = expectedMerchantId == null || expectedMerchantId.isBlank() ? null
                : expectedMerchantId;
        this.clock = clock;
    }

    public Result handle(String provider, Map<String, String> headers, String body) {
        PaymentGateway gateway = gateways.get(provider);
        if (gateway == null) {
            throw new UnknownProviderException();
        }
        GatewayNotification notification = gateway.authenticateNotification(headers, body);
        Instant now = clock.instant();
        String orderId = notification.orderId();
        Optional<PaymentOrderStore.CallbackRead> found = PaymentOrderId.isValid(orderId)
                ? store.findForCallback(orderId) : Optional.empty();
        if (found.isEmpty()) {
            store.keepUnapplied(provider, orderId, "unknown-order", body, now);
            throw new UnknownPaymentOrderException();
        }
        PaymentOrderStore.CallbackRead read = found.get();
        PaymentOrder order = read.order();
        try {
            checkMatches(order, provider, notification);
        } catch (PaymentMismatchException mismatch) {
            store.keepUnapplied(provider, orderId, "mismatch", body, now);
            throw mismatch;
        }
        PaymentStatus reported = notification.status();
        if (reported == PaymentStatus.PENDING) {
            return result(order, Outcome.IGNORED);
        }
        if (!PaymentOrder.canMove(order.status(), reported)) {
            if (reported.isReversal() && !order.wasPaid()) {
                // A refund of a payment we have not seen settle: let the gateway deliver it again after the payment.
                throw new PaymentNotConfirmedException("payment-not-settled", "The order is " + order.status()
                        + "; a " + reported + " can only follow its payment.");
            }
            return result(order, Outcome.UNCHANGED);
        }
        return switch (reported) {
            case PAID -> {
                confirm(gateway, order, reported);
                boolean late = order.wouldBeLate(now);
                boolean applied = order.purpose() == PaymentPurpose.CARD_REGISTRATION
                        ? store.settleCardRegistration(read, notification, savedCard(gateway, order, notification,
                                now), late, now)
                        : store.settlePaid(read, notification, late, now);
                yield new Result(order.id(), applied ? Outcome.APPLIED : Outcome.UNCHANGED, PaymentStatus.PAID,
                        applied ? late : order.paidLate(), order.purpose());
            }
            case FAILED, EXPIRED -> {
                boolean applied = store.settleEnded(order, reported, notification, now);
                yield applied ? new Result(order.id(), Outcome.APPLIED, reported, false, order.purpose())
                        : result(order, Outcome.UNCHANGED);
            }
            case REFUNDED, PARTIALLY_REFUNDED, CHARGED_BACK -> {
                confirm(gateway, order, reported);
                PaymentOrderStore.Reversal reversal = store.settleReversal(read, reported, notification, now);
                yield new Result(order.id(), reversal.applied() ? Outcome.APPLIED : Outcome.UNCHANGED, reported,
                        order.paidLate(), order.purpose());
            }
            case PENDING -> throw new IllegalStateException("unreachable");
        };
    }

    /**
     * The card a registration's payment saved, as the org's saved card; empty when the gateway saved none, or what it
     * sent is not a usable token and display data (the money is still credited; no card is stored).
     */
    private static Optional<SavedCard> savedCard(PaymentGateway gateway, PaymentOrder order,
                                                 GatewayNotification notification, Instant now) {
        if (!(gateway instanceof CardRegistrationGateway registrations)) {
            return Optional.empty();
        }
        Optional<RegisteredCard> registered;
        try {
            registered = registrations.registeredCard(notification);
        } catch (GatewayException unavailable) {
            throw new GatewayUnavailableException("The gateway could not confirm the saved card; nothing was applied."
                    + " Deliver again later.");
        }
        return registered.flatMap(card -> {
            try {
                return Optional.of(SavedCard.validate(order.orgId(), order.provider(), card.cardToken(),
                        card.brand(), card.maskedNumber(), card.expiryMonth(), card.expiryYear(),
                        order.requestedBy(), now));
            } catch (BillingException unusable) {
                return Optional.empty();
            }
        });
    }

    private static Result result(PaymentOrder order, Outcome outcome) {
        return new Result(order.id(), outcome, order.status(), order.paidLate(), order.purpose());
    }

    private void checkMatches(PaymentOrder order, String provider, GatewayNotification notification) {
        if (!order.provider().equals(provider)) {
            throw new PaymentMismatchException("The notification comes from another gateway than the order's.");
        }
        // A partial refund reports the refunded amount, not the order's; every other status must carry the order's.
        if (notification.amount() != null && notification.status() != PaymentStatus.PARTIALLY_REFUNDED
                && !notification.amount().equals(order.total())) {
            throw new PaymentMismatchException("The notification's amount or currency does not match the order.");
        }
        if (expectedMerchantId != null && notification.merchantId() != null
                && !expectedMerchantId.equals(notification.merchantId())) {
            throw new PaymentMismatchException("The notification is for another merchant account.");
        }
    }

    /**
     * Where the gateway has a status API, its answer must agree before anything is applied: a payment must show as
     * paid (or already reversed, which proves it was paid), a reversal as that reversal, with the order's amount.
     */
    private static void confirm(PaymentGateway gateway, PaymentOrder order, PaymentStatus reported) {
        Optional<GatewayStatus> status;
        try {
            status = order.purpose() == PaymentPurpose.CARD_REGISTRATION
                    && gateway instanceof CardRegistrationGateway registrations
                    ? registrations.fetchRegistrationStatus(order.id(), order.gatewayReference())
                    : gateway.fetchStatus(order.id());
        } catch (GatewayException unavailable) {
            throw new GatewayUnavailableException("The gateway's status API could not confirm the payment; nothing"
                    + " was applied. Deliver again later.");
        }
        if (status.isEmpty()) {
            return;
        }
        GatewayStatus confirmed = status.get();
        if (confirmed.amount() != null && reported == PaymentStatus.PAID
                && !confirmed.amount().equals(order.total())) {
            throw new PaymentMismatchException("The gateway's status API reports another amount for this order.");
        }
        boolean agrees = reported == PaymentStatus.PAID
                ? confirmed.status() == PaymentStatus.PAID || confirmed.status().isReversal()
                : Objects.equals(confirmed.status(), reported)
                        || reported == PaymentStatus.PARTIALLY_REFUNDED && confirmed.status().isReversal();
        if (!agrees) {
            throw new PaymentNotConfirmedException("payment-not-confirmed", "The gateway's status API does not"
                    + " confirm this notification yet; nothing was applied.");
        }
    }

    /** A webhook path for a gateway this deployment does not use (404). */
    public static final class UnknownProviderException extends BillingException {
        public UnknownProviderException() {
            super("not-found", "No such payment gateway.");
        }
    }
}
