package com.platform.billing.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.domain.payment.PaymentMethod;
import com.platform.billing.gateway.midtrans.MidtransGateway;
import com.platform.billing.gateway.sandbox.SandboxGateway;
import com.platform.billing.gateway.xendit.XenditGateway;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Configuration from system properties (which {@code Env} reads before the environment, as the local runtime does). */
class GatewayConfigTest {

    private static final List<String> KEYS = List.of("PAYMENT_GATEWAY", "PAYMENT_METHODS", "PG_ORDER_EXPIRY_MINUTES",
            "PG_CONNECT_TIMEOUT_MS", "PG_REQUEST_TIMEOUT_MS", "PG_SNAP_BASE_URL", "PG_API_BASE_URL", "LOCAL_BASE_URL",
            "PG_MERCHANT_ID", "PG_SERVER_KEY", "PG_SECRET_KEY", "PG_CALLBACK_TOKEN", "PG_SANDBOX_SECRET",
            "PG_SECRET_ARN", "PG_SECRET_PARAMETER");

    @AfterEach
    void clear() {
        KEYS.forEach(System::clearProperty);
    }

    @Test
    void fromEnvironment_whenOnlyTheGatewayIsNamed_usesTheDocumentedDefaults() {
        System.setProperty("PAYMENT_GATEWAY", "midtrans");
        GatewayConfig config = GatewayConfig.fromEnvironment();
        assertEquals("midtrans", config.provider());
        assertEquals(URI.create("https://app.sandbox.midtrans.com"), config.snapBaseUrl());
        assertEquals(URI.create("https://api.sandbox.midtrans.com"), config.apiBaseUrl());
        assertEquals(Duration.ofHours(24), config.orderExpiry());
        assertEquals(Duration.ofSeconds(2), config.connectTimeout());
        assertEquals(Duration.ofSeconds(10), config.requestTimeout());
        assertEquals(12, config.paymentMethods().size(), "every Midtrans method but the bank_transfer alias");
        assertNull(config.merchantId());

        System.setProperty("PAYMENT_GATEWAY", "Xendit");
        assertEquals(URI.create("https://api.xendit.co"), GatewayConfig.fromEnvironment().apiBaseUrl());
    }

    @Test
    void fromEnvironment_readsEverySetting() {
        System.setProperty("PAYMENT_GATEWAY", "midtrans");
        System.setProperty("PAYMENT_METHODS", " bca_va, GOPAY ,credit_card");
        System.setProperty("PG_ORDER_EXPIRY_MINUTES", "60");
        System.setProperty("PG_CONNECT_TIMEOUT_MS", "500");
        System.setProperty("PG_REQUEST_TIMEOUT_MS", "8000");
        System.setProperty("PG_SNAP_BASE_URL", "https://app.midtrans.com");
        System.setProperty("PG_API_BASE_URL", "https://api.midtrans.com");
        System.setProperty("PG_MERCHANT_ID", "G123456789");
        GatewayConfig config = GatewayConfig.fromEnvironment();
        assertEquals(List.of(new PaymentMethod("bca_va", "BCA Virtual Account"), new PaymentMethod("gopay", "GoPay"),
                new PaymentMethod("credit_card", "Credit or debit card")), config.paymentMethods());
        assertEquals(Duration.ofHours(1), config.orderExpiry());
        assertEquals(Duration.ofMillis(500), config.connectTimeout());
        assertEquals(Duration.ofSeconds(8), config.requestTimeout());
        assertEquals(URI.create("https://app.midtrans.com"), config.snapBaseUrl());
        assertEquals(URI.create("https://api.midtrans.com"), config.apiBaseUrl());
        assertEquals("G123456789", config.merchantId());
    }

    @Test
    void fromEnvironment_whenAMethodIsUnknown_failsAtStartupNamingIt() {
        System.setProperty("PAYMENT_GATEWAY", "xendit");
        System.setProperty("PAYMENT_METHODS", "BCA,PAYPAL");
        IllegalStateException error = assertThrows(IllegalStateException.class, GatewayConfig::fromEnvironment);
        assertTrue(error.getMessage().contains("PAYMENT_METHODS: PAYPAL"), error.getMessage());
        System.setProperty("PAYMENT_METHODS", "BCA,bca");
        assertTrue(assertThrows(IllegalStateException.class, GatewayConfig::fromEnvironment).getMessage()
                .contains("twice"));
    }

    @Test
    void fromEnvironment_whenSettingsAreMissingOrWrong_failsNamingTheSetting() {
        assertTrue(assertThrows(IllegalStateException.class, GatewayConfig::fromEnvironment).getMessage()
                .contains("PAYMENT_GATEWAY"));
        System.setProperty("PAYMENT_GATEWAY", "paypal");
        assertTrue(assertThrows(IllegalStateException.class, GatewayConfig::fromEnvironment).getMessage()
                .contains("PAYMENT_GATEWAY"));
        System.setProperty("PAYMENT_GATEWAY", "sandbox");
        System.setProperty("PG_ORDER_EXPIRY_MINUTES", "a day");
        assertTrue(assertThrows(IllegalStateException.class, GatewayConfig::fromEnvironment).getMessage()
                .contains("PG_ORDER_EXPIRY_MINUTES"));
        System.setProperty("PG_ORDER_EXPIRY_MINUTES", "0");
        assertTrue(assertThrows(IllegalStateException.class, GatewayConfig::fromEnvironment).getMessage()
                .contains("PG_ORDER_EXPIRY_MINUTES"));
        System.clearProperty("PG_ORDER_EXPIRY_MINUTES");
        System.setProperty("LOCAL_BASE_URL", "ftp://files");
        assertTrue(assertThrows(IllegalStateException.class, GatewayConfig::fromEnvironment).getMessage()
                .contains("LOCAL_BASE_URL"));
    }

    @Test
    void paymentGateways_buildsTheConfiguredAdapterFromLocalKeys() {
        System.setProperty("PAYMENT_GATEWAY", "midtrans");
        System.setProperty("PG_SERVER_KEY", "SB-Mid-server-local");
        assertInstanceOf(MidtransGateway.class, PaymentGateways.fromEnvironment());

        System.setProperty("PAYMENT_GATEWAY", "xendit");
        System.setProperty("PG_SECRET_KEY", "xnd_development_local");
        System.setProperty("PG_CALLBACK_TOKEN", "token-local");
        PaymentGateway xendit = PaymentGateways.fromEnvironment(Clock.systemUTC());
        assertInstanceOf(XenditGateway.class, xendit);
        assertEquals("xendit", xendit.provider());

        System.setProperty("PAYMENT_GATEWAY", "sandbox");
        System.setProperty("PG_SANDBOX_SECRET", "local-sandbox-secret");
        PaymentGateway sandbox = PaymentGateways.fromEnvironment();
        assertInstanceOf(SandboxGateway.class, sandbox);
        assertEquals(PaymentMethods.catalogue("sandbox"), sandbox.paymentMethods());
    }

    @Test
    void prime_runsTheNotificationPathOfEveryAdapterWithoutFailing() {
        GatewaySecrets secrets = new GatewaySecrets("server", "secret", "token", "sandbox");
        for (String provider : GatewayConfig.PROVIDERS) {
            PaymentGateways.prime(PaymentGateways.create(GatewayConfig.defaults(provider), secrets,
                    Clock.systemUTC()));
        }
    }

    @Test
    void paymentGateways_whenAKeyIsMissing_failsNamingTheKeyButNoValue() {
        System.setProperty("PAYMENT_GATEWAY", "xendit");
        System.setProperty("PG_SECRET_KEY", "xnd_development_do-not-print");
        IllegalStateException error = assertThrows(IllegalStateException.class, PaymentGateways::fromEnvironment);
        assertTrue(error.getMessage().contains("callbackToken"), error.getMessage());
        assertFalse(error.getMessage().contains("do-not-print"));
    }

    @Test
    void secrets_neverShowTheirValues() {
        GatewaySecrets secrets = GatewaySecrets.fromJson("{\"serverKey\":\"SB-Mid-server-hidden\","
                + "\"callbackToken\":\"hidden-token\",\"unrelated\":1}", "PG_SECRET_ARN");
        assertEquals("SB-Mid-server-hidden", secrets.serverKey());
        assertFalse(secrets.toString().contains("hidden"), secrets.toString());
        assertTrue(secrets.toString().contains("secretKey=absent"));
        IllegalStateException notJson = assertThrows(IllegalStateException.class,
                () -> GatewaySecrets.fromJson("serverKey=SB-Mid-server-hidden", "PG_SECRET_ARN"));
        assertFalse(notJson.getMessage().contains("hidden"));
        assertThrows(IllegalStateException.class, () -> GatewaySecrets.fromJson("{\"serverKey\":42}", "X"));
    }
}
