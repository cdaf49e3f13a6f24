package com.platform.billing.simulation;

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
import com.platform.billing.gateway.GatewayConfig;
import com.platform.billing.gateway.Signatures;
import com.platform.billing.gateway.sandbox.SandboxGateway;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The payment gateway as the simulation plays it: the sandbox gateway's signing and parsing (so forged and tampered
 * notifications are refused by the real check), plus what a real gateway has and the sandbox lacks — a status API
 * that tells the truth about orders and card charges — and faults: checkout and card-charge calls that time out or
 * fail, and a card charge that succeeds at the gateway while its answer is lost (a timeout after the money moved).
 * It keeps the truth: which orders were paid, which attempt ids were sent (each must be sent once), what each card
 * charge collected.
 */
final class SimGateway implements PaymentGateway {

    static final String SECRET = "simulation-sandbox-secret";

    /** One card charge the gateway received. */
    record Charge(String attemptId, String orgId, long amount, boolean collected) {
    }

    private final SandboxGateway sandbox;
    private final SplittableRandom random;
    private final Map<String, PaymentStatus> orderTruth = new LinkedHashMap<>();
    private final Map<String, Long> orderAmounts = new LinkedHashMap<>();
    private final Map<String, Charge> charges = new LinkedHashMap<>();
    private final List<String> duplicateAttempts = new ArrayList<>();
    private double faultRate;
    private long faults;

    SimGateway(Clock clock, SplittableRandom random) {
        this.sandbox = new SandboxGateway(GatewayConfig.defaults(SandboxGateway.PROVIDER), SECRET, clock);
        this.random = random;
    }

    void faultRate(double rate) {
        this.faultRate = rate;
    }

    long faults() {
        return faults;
    }

    /** The customer finished (or abandoned) the payment page: what the status API reports from now on. */
    void settleOrder(String orderId, PaymentStatus status, long amount) {
        orderTruth.put(orderId, status);
        orderAmounts.put(orderId, amount);
    }

    Map<String, Charge> charges() {
        return charges;
    }

    List<String> duplicateAttempts() {
        return duplicateAttempts;
    }

    /** A notification body signed the way the sandbox signs it. */
    static String sign(String body) {
        return Signatures.hmacSha256Hex(SECRET, body.getBytes(StandardCharsets.UTF_8));
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
        if (faulted()) {
            throw new GatewayException("simulated gateway timeout on checkout", random.nextBoolean(), null);
        }
        return sandbox.createCheckout(request);
    }

    @Override
    public GatewayNotification authenticateNotification(Map<String, String> headers, String body) {
        return sandbox.authenticateNotification(headers, body);
    }

    @Override
    public Optional<GatewayStatus> fetchStatus(String id) {
        if (faulted()) {
            throw new GatewayException("simulated gateway timeout on the status API", true, null);
        }
        Charge charge = charges.get(id);
        if (charge != null) {
            return Optional.of(charge.collected()
                    ? new GatewayStatus(id, PaymentStatus.PAID, "settlement", Money.of(charge.amount(), "IDR"),
                    "sim-" + id)
                    : new GatewayStatus(id, PaymentStatus.FAILED, "deny", Money.of(charge.amount(), "IDR"),
                    "sim-" + id));
        }
        PaymentStatus truth = orderTruth.get(id);
        if (truth == null) {
            return Optional.of(new GatewayStatus(id, PaymentStatus.PENDING, "not_found", null, null));
        }
        return Optional.of(new GatewayStatus(id, truth, truth.name().toLowerCase(),
                Money.of(orderAmounts.get(id), "IDR"), "sim-" + id));
    }

    @Override
    public CardChargeResult chargeSavedCard(CardChargeRequest request) {
        if (charges.containsKey(request.attemptId())) {
            duplicateAttempts.add(request.attemptId());
        }
        if (faulted()) {
            // a timeout before the gateway acted: nothing collected, the attempt is unknown to the gateway
            throw new GatewayException("simulated gateway timeout before the charge", true, null);
        }
        CardChargeResult result = sandbox.chargeSavedCard(request);
        boolean collected = result.outcome() == CardChargeResult.Outcome.SUCCEEDED;
        charges.put(request.attemptId(), new Charge(request.attemptId(), request.orgId(),
                request.amount().amount(), collected));
        if (collected && faulted()) {
            // the money moved, the answer did not arrive
            throw new GatewayException("simulated gateway timeout after the charge was collected", true, null);
        }
        return result;
    }

    private boolean faulted() {
        if (faultRate > 0 && random.nextDouble() < faultRate) {
            faults++;
            return true;
        }
        return false;
    }
}
