package com.platform.billing.functions.pgcallback;

import com.platform.billing.domain.payment.CardChargeRequest;
import com.platform.billing.domain.payment.CardChargeResult;
import com.platform.billing.domain.payment.Checkout;
import com.platform.billing.domain.payment.CheckoutRequest;
import com.platform.billing.domain.payment.GatewayNotification;
import com.platform.billing.domain.payment.GatewayStatus;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.domain.payment.PaymentMethod;
import com.platform.billing.gateway.GatewayConfig;
import com.platform.billing.gateway.sandbox.SandboxGateway;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The real sandbox gateway (a collaborator of the code under test) with test seams: a checkout can be made to fail,
 * checkout requests are recorded, and a status API can be given (the sandbox has none) to exercise confirmation.
 */
final class TestGateway implements PaymentGateway {

    static final String SECRET = "test-sandbox-secret";

    private final SandboxGateway sandbox;
    final List<CheckoutRequest> checkouts = new CopyOnWriteArrayList<>();
    volatile RuntimeException checkoutFailure;
    volatile Consumer<CheckoutRequest> onCheckout = r -> { };
    /** The status API's answer; the sandbox has none (empty), tests give it one to exercise confirmation. */
    volatile Function<String, Optional<GatewayStatus>> statusApi = id -> Optional.empty();

    TestGateway(Clock clock) {
        this.sandbox = new SandboxGateway(GatewayConfig.defaults("sandbox"), SECRET, clock);
    }

    @Override
    public String provider() {
        return sandbox.provider();
    }

    @Override
    public List<PaymentMethod> paymentMethods() {
        return sandbox.paymentMethods();
    }

    @Override
    public Checkout createCheckout(CheckoutRequest request) {
        checkouts.add(request);
        onCheckout.accept(request);
        if (checkoutFailure != null) {
            throw checkoutFailure;
        }
        return sandbox.createCheckout(request);
    }

    @Override
    public GatewayNotification authenticateNotification(Map<String, String> headers, String body) {
        return sandbox.authenticateNotification(headers, body);
    }

    @Override
    public Optional<GatewayStatus> fetchStatus(String orderId) {
        sandbox.fetchStatus(orderId);
        return statusApi.apply(orderId);
    }

    @Override
    public CardChargeResult chargeSavedCard(CardChargeRequest request) {
        return sandbox.chargeSavedCard(request);
    }
}
