package com.platform.billing.gateway;

import com.platform.billing.api.Env;
import com.platform.billing.domain.payment.PaymentMethod;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which gateway a deployment uses and how it talks to it: everything except the keys ({@link GatewaySecrets}).
 * Read from the function's environment (Lambda) or system properties (local runtime) through {@link Env}; every
 * problem is an {@link IllegalStateException} at start-up that names the setting.
 *
 * @param provider       {@code midtrans}, {@code xendit} or {@code sandbox} ({@code PAYMENT_GATEWAY})
 * @param paymentMethods the enabled methods, in display order ({@code PAYMENT_METHODS})
 * @param orderExpiry    how long a payment page stays payable, when the caller does not say
 *                       ({@code PG_ORDER_EXPIRY_MINUTES}, default 1440 = 24 h)
 * @param snapBaseUrl    Midtrans Snap ({@code PG_SNAP_BASE_URL}, default {@value #MIDTRANS_SNAP_SANDBOX})
 * @param apiBaseUrl     Midtrans Core API or Xendit API ({@code PG_API_BASE_URL}, default the sandbox URL)
 * @param localBaseUrl   where the local runtime serves the sandbox pages and our webhook ({@code LOCAL_BASE_URL})
 * @param merchantId     the merchant id the gateway puts in notifications, checked when both sides have one
 *                       ({@code PG_MERCHANT_ID}; Midtrans {@code merchant_id}, Xendit {@code user_id}); may be null
 */
public record GatewayConfig(String provider, List<PaymentMethod> paymentMethods, Duration orderExpiry,
                            Duration connectTimeout, Duration requestTimeout, URI snapBaseUrl, URI apiBaseUrl,
                            URI localBaseUrl, String merchantId) {

    public static final Set<String> PROVIDERS = Set.of("midtrans", "xendit", "sandbox");
    public static final String MIDTRANS_SNAP_SANDBOX = "https://app.sandbox.midtrans.com";
    public static final String MIDTRANS_API_SANDBOX = "https://api.sandbox.midtrans.com";
    public static final String XENDIT_API = "https://api.xendit.co";
    public static final String LOCAL_DEFAULT = "http://localhost:3000";
    public static final Duration DEFAULT_ORDER_EXPIRY = Duration.ofHours(24);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public GatewayConfig {
        if (!PROVIDERS.contains(provider)) {
            throw new IllegalStateException("PAYMENT_GATEWAY must be one of " + PROVIDERS + ", got " + provider);
        }
        paymentMethods = List.copyOf(paymentMethods);
        if (paymentMethods.isEmpty()) {
            throw new IllegalStateException("PAYMENT_METHODS lists no method");
        }
        requirePositive("PG_ORDER_EXPIRY_MINUTES", orderExpiry);
        if (orderExpiry.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalStateException("PG_ORDER_EXPIRY_MINUTES must be at least 1");
        }
        requirePositive("PG_CONNECT_TIMEOUT_MS", connectTimeout);
        requirePositive("PG_REQUEST_TIMEOUT_MS", requestTimeout);
        requireHttp("PG_SNAP_BASE_URL", snapBaseUrl);
        requireHttp("PG_API_BASE_URL", apiBaseUrl);
        requireHttp("LOCAL_BASE_URL", localBaseUrl);
        if (merchantId != null && merchantId.isBlank()) {
            merchantId = null;
        }
    }

    /** The defaults of a provider: its sandbox URLs, every method of its table, 24 h expiry, 2 s / 10 s timeouts. */
    public static GatewayConfig defaults(String provider) {
        return new GatewayConfig(provider, PaymentMethods.resolve(provider, null), DEFAULT_ORDER_EXPIRY,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, URI.create(MIDTRANS_SNAP_SANDBOX),
                URI.create(defaultApiBase(provider)), URI.create(LOCAL_DEFAULT), null);
    }

    public static GatewayConfig fromEnvironment() {
        String provider = Env.get("PAYMENT_GATEWAY").map(p -> p.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new IllegalStateException(
                        "missing configuration PAYMENT_GATEWAY (midtrans, xendit or sandbox)"));
        if (!PROVIDERS.contains(provider)) {
            throw new IllegalStateException("PAYMENT_GATEWAY must be one of " + PROVIDERS + ", got " + provider);
        }
        return new GatewayConfig(provider,
                PaymentMethods.resolve(provider, Env.get("PAYMENT_METHODS").orElse(null)),
                Duration.ofMinutes(number("PG_ORDER_EXPIRY_MINUTES", DEFAULT_ORDER_EXPIRY.toMinutes())),
                Duration.ofMillis(number("PG_CONNECT_TIMEOUT_MS", DEFAULT_CONNECT_TIMEOUT.toMillis())),
                Duration.ofMillis(number("PG_REQUEST_TIMEOUT_MS", DEFAULT_REQUEST_TIMEOUT.toMillis())),
                url("PG_SNAP_BASE_URL", MIDTRANS_SNAP_SANDBOX),
                url("PG_API_BASE_URL", defaultApiBase(provider)),
                url("LOCAL_BASE_URL", LOCAL_DEFAULT),
                Env.get("PG_MERCHANT_ID").map(String::strip).orElse(null));
    }

    public GatewayConfig withBaseUrls(URI snapBase, URI apiBase) {
        return new GatewayConfig(provider, paymentMethods, orderExpiry, connectTimeout, requestTimeout, snapBase,
                apiBase, localBaseUrl, merchantId);
    }

    public GatewayConfig withLocalBaseUrl(URI localBase) {
        return new GatewayConfig(provider, paymentMethods, orderExpiry, connectTimeout, requestTimeout, snapBaseUrl,
                apiBaseUrl, localBase, merchantId);
    }

    public GatewayConfig withTimeouts(Duration connect, Duration request) {
        return new GatewayConfig(provider, paymentMethods, orderExpiry, connect, request, snapBaseUrl, apiBaseUrl,
                localBaseUrl, merchantId);
    }

    public GatewayConfig withPaymentMethods(List<PaymentMethod> methods) {
        return new GatewayConfig(provider, methods, orderExpiry, connectTimeout, requestTimeout, snapBaseUrl,
                apiBaseUrl, localBaseUrl, merchantId);
    }

    public GatewayConfig withMerchantId(String merchant) {
        return new GatewayConfig(provider, paymentMethods, orderExpiry, connectTimeout, requestTimeout, snapBaseUrl,
                apiBaseUrl, localBaseUrl, merchant);
    }

    /** The payment method with this code, if the deployment enabled it. */
    public boolean offers(String code) {
        return paymentMethods.stream().anyMatch(m -> m.code().equals(code));
    }

    /** {@code base} + {@code path}, keeping any path prefix of the base (e.g. a stub mounted under /midtrans). */
    public static URI resolve(URI base, String path) {
        String text = base.toString();
        if (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text + path);
    }

    private static String defaultApiBase(String provider) {
        return "xendit".equals(provider) ? XENDIT_API : MIDTRANS_API_SANDBOX;
    }

    private static long number(String name, long fallback) {
        String value = Env.get(name).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(name + " must be a whole number, got " + value);
        }
    }

    private static URI url(String name, String fallback) {
        String value = Env.get(name).orElse(fallback).strip();
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not a URL: " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalStateException(name + " must be positive");
        }
    }

    private static void requireHttp(String name, URI value) {
        Objects.requireNonNull(value, name);
        String scheme = value.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme) || value.getHost() == null) {
            throw new IllegalStateException(name + " must be an http(s) URL, got " + value);
        }
    }
}
