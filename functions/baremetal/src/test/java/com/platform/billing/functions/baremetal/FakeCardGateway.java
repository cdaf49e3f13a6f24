package com.platform.billing.functions.baremetal;

import com.platform.billing.domain.payment.CardChargeRequest;
import com.platform.billing.domain.payment.CardChargeResult;
import com.platform.billing.domain.payment.Checkout;
import com.platform.billing.domain.payment.CheckoutRequest;
import com.platform.billing.domain.payment.GatewayNotification;
import com.platform.billing.domain.payment.GatewayStatus;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.domain.payment.PaymentMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A saved-card gateway whose answer the test sets; it keeps every charge request it got. */
final class FakeCardGateway implements PaymentGateway {

    volatile CardChargeResult.Outcome next = CardChargeResult.Outcome.SUCCEEDED;
    final List<CardChargeRequest> sent = new ArrayList<>();

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
        throw new UnsupportedOperationException("no charge of these tests has an unknown outcome");
    }

    @Override
    public synchronized CardChargeResult chargeSavedCard(CardChargeRequest request) {
        sent.add(request);
        return new CardChargeResult(next, next == CardChargeResult.Outcome.SUCCEEDED ? "tx-" + request.attemptId()
                : null, next == CardChargeResult.Outcome.SUCCEEDED ? "ok" : "do not honor");
    }
}
