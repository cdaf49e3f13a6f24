package com.platform.billing.gateway;

import com.platform.billing.domain.payment.CallbackRejectedException;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.gateway.midtrans.MidtransGateway;
import com.platform.billing.gateway.sandbox.SandboxGateway;
import com.platform.billing.gateway.xendit.XenditGateway;
import java.time.Clock;
import java.util.Map;

/**
 * Builds the configured {@link PaymentGateway}. Call once per container, in the handler's init phase (its public
 * no-arg constructor): the keys are read there, and a bad setting fails the init, so Lambda never serves a request
 * with a half-configured gateway.
 */
public final class PaymentGateways {

    private PaymentGateways() {
    }

    public static PaymentGateway fromEnvironment() {
        return fromEnvironment(Clock.systemUTC());
    }

    public static PaymentGateway fromEnvironment(Clock clock) {
        GatewayConfig config = GatewayConfig.fromEnvironment();
        return create(config, GatewaySecrets.fromEnvironment(), clock);
    }

    public static PaymentGateway create(GatewayConfig config, GatewaySecrets secrets, Clock clock) {
        secrets.requireFor(config.provider());
        return switch (config.provider()) {
            case MidtransGateway.PROVIDER -> new MidtransGateway(config, secrets.serverKey(), clock);
            case XenditGateway.PROVIDER -> new XenditGateway(config, secrets.secretKey(), secrets.callbackToken(),
                    clock);
            case SandboxGateway.PROVIDER -> new SandboxGateway(config, secrets.sandboxSecret(), clock);
            default -> throw new IllegalStateException("unknown payment gateway " + config.provider());
        };
    }

    /**
     * SnapStart priming for a function that holds a gateway: runs the notification path (JSON parsing, SHA-512 /
     * HMAC) on a synthetic delivery that is always refused. Touches no network and changes nothing.
     */
    public static void prime(PaymentGateway gateway) {
        String body = "{\"order_id\":\"priming\",\"status_code\":\"200\",\"gross_amount\":\"50000.00\","
                + "\"signature_key\":\"00\",\"status\":\"PAID\",\"amount\":50000,\"currency\":\"IDR\"}";
        try {
            gateway.authenticateNotification(Map.of("x-sandbox-signature", "00", "x-callback-token",
                    "priming"), body);
        } catch (CallbackRejectedException expected) {
            // always: the synthetic delivery is not authentic
        }
    }
}
