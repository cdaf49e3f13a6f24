package com.platform.billing.gateway;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.payment.CardChargeRequest;
import com.platform.billing.domain.payment.CardChargeResult;
import com.platform.billing.domain.payment.Checkout;
import com.platform.billing.domain.payment.CheckoutRequest;
import com.platform.billing.domain.payment.GatewayException;
import com.platform.billing.domain.payment.GatewayNotification;
import com.platform.billing.domain.payment.GatewayStatus;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.domain.payment.PaymentMethod;
import com.platform.billing.domain.payment.PaymentStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A card gateway that behaves like the real one from the outside: every charge request is kept (so a test can see
 * that no attempt id was ever sent twice), outcomes are scripted per call, and {@code TIMEOUT_BUT_CHARGED} collects
 * the money and then times out — the case where only {@code fetchStatus} tells the truth.
 */
public final class FakeCardGateway implements PaymentGateway {

    public enum Script { SUCCEED, DECLINE, TOKEN_INVALID, TIMEOUT_BUT_CHARGED, TIMEOUT_NOT_CHARGED }

    private final Deque<Script> script = new ArrayDeque<>();
    public final List<CardChargeRequest> sent = new ArrayList<>();
    public final Map<String, Money> collected = new HashMap<>();

    /** The outcomes of the next charges, in order; once they are used up every charge succeeds. */
    public FakeCardGateway then(Script... next) {
        script.addAll(List.of(next));
        return this;
    }

    @Override
    public String provider() {
        return "sandbox";
    }

    @Override
    public List<PaymentMethod> paymentMethods() {
        return List.of();
    }

    @Override
    public Checkout createCheckout(CheckoutRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public GatewayNotification authenticateNotification(Map<String, String> headers, String body) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<GatewayStatus> fetchStatus(String orderId) {
        Money paid = collected.get(orderId);
        if (paid == null) {
            return Optional.of(new GatewayStatus(orderId, PaymentStatus.PENDING, "not_found", null, null));
        }
        return Optional.of(new GatewayStatus(orderId, PaymentStatus.PAID, "settlement", paid, "tx-" + orderId));
    }

    @Override
    public synchronized CardChargeResult chargeSavedCard(CardChargeRequest request) {
        sent.add(request);
        Script next = script.isEmpty() ? Script.SUCCEED : script.poll();
        return switch (next) {
            case SUCCEED -> {
                collected.put(request.attemptId(), request.amount());
                yield new CardChargeResult(CardChargeResult.Outcome.SUCCEEDED, "tx-" + request.attemptId(), "ok");
            }
            case DECLINE -> new CardChargeResult(CardChargeResult.Outcome.DECLINED, null, "do not honor");
            case TOKEN_INVALID -> new CardChargeResult(CardChargeResult.Outcome.TOKEN_INVALID, null, "expired");
            case TIMEOUT_BUT_CHARGED -> {
                collected.put(request.attemptId(), request.amount());
                throw new GatewayException("timeout", true, null);
            }
            case TIMEOUT_NOT_CHARGED -> throw new GatewayException("timeout", true, null);
        };
    }

    public long chargesCollected() {
        return collected.size();
    }
}
