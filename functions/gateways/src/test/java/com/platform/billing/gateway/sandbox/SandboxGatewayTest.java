package com.platform.billing.gateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.payment.CallbackRejectedException;
import com.platform.billing.domain.payment.CardChargeRequest;
import com.platform.billing.domain.payment.CardChargeResult;
import com.platform.billing.domain.payment.Checkout;
import com.platform.billing.domain.payment.CheckoutRequest;
import com.platform.billing.domain.payment.GatewayException;
import com.platform.billing.domain.payment.GatewayNotification;
import com.platform.billing.domain.payment.PaymentStatus;
import com.platform.billing.gateway.GatewayConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SandboxGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "sandbox-secret";
    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");

    private final SandboxGateway gateway = new SandboxGateway(GatewayConfig.defaults("sandbox")
            .withLocalBaseUrl(URI.create("http://127.0.0.1:3000")), SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    /** HMAC-SHA256 written for the test, lower-case hex. */
    static String hmac(String key, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String body(String status, long amount) {
        ObjectNode body = JSON.createObjectNode();
        body.put("order_id", "ord-1");
        body.put("status", status);
        body.put("amount", amount);
        body.put("currency", "IDR");
        body.put("transaction_id", "t-1");
        body.put("reference_number", "r-1");
        body.put("payment_method", "bank_transfer");
        body.put("occurred_at", "2026-11-27T04:00:00Z");
        return body.toString();
    }

    @Test
    void knownAnswer_signatureComputedByOpenssl_isAccepted() {
        // printf '%s' "$body" | openssl dgst -sha256 -hmac 'sandbox-secret'
        String body = "{\"order_id\":\"ord-1\",\"status\":\"PAID\",\"amount\":55500,\"currency\":\"IDR\","
                + "\"transaction_id\":\"t-1\",\"reference_number\":\"r-1\",\"payment_method\":\"bank_transfer\","
                + "\"occurred_at\":\"2026-11-27T04:00:00Z\"}";
        GatewayNotification notification = gateway.authenticateNotification(Map.of("x-sandbox-signature",
                "04b97a18109fc466b00e8db34d2f99b1a56a391891236b09bd50fee7ca86115e"), body);
        assertEquals("sandbox", notification.provider());
        assertEquals("ord-1", notification.orderId());
        assertEquals(PaymentStatus.PAID, notification.status());
        assertEquals(Money.of(55_500, "IDR"), notification.amount());
        assertEquals("t-1", notification.transactionId());
        assertEquals("r-1", notification.referenceNumber());
        assertEquals("bank_transfer", notification.paymentMethod());
        assertEquals(NOW, notification.occurredAt());
        assertNull(notification.merchantId());
        assertEquals(body, notification.rawBody());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"PAID,PAID", "FAILED,FAILED", "EXPIRED,EXPIRED", "REFUNDED,REFUNDED"})
    void authenticateNotification_whenSigned_mapsEveryDocumentedStatus(String status, PaymentStatus expected)
            throws Exception {
        String body = body(status, 55_500);
        assertEquals(expected, gateway.authenticateNotification(Map.of("x-sandbox-signature", hmac(SECRET, body)),
                body).status());
    }

    @Test
    void authenticateNotification_whenSignatureForgedMissingOrBodyTampered_isUnauthenticated() throws Exception {
        String body = body("PAID", 55_500);
        assertUnauthenticated(Map.of("x-sandbox-signature", hmac("another-secret", body)), body);
        assertUnauthenticated(Map.of(), body);
        assertUnauthenticated(Map.of("x-sandbox-signature", "not-hex"), body);
        assertUnauthenticated(Map.of("x-sandbox-signature", hmac(SECRET, body)), body("PAID", 5_550_000));
    }

    @Test
    void authenticateNotification_whenSignedButUnreadable_isMalformed() throws Exception {
        for (String body : new String[] {"{\"order_id\":\"ord-1\",\"status\":\"PAID\",\"amount\":55500.5,"
                + "\"currency\":\"IDR\"}", "{\"order_id\":\"ord-1\",\"status\":\"PAID\",\"amount\":\"55500\","
                + "\"currency\":\"IDR\"}", "{\"order_id\":\"ord-1\",\"status\":\"SETTLED\",\"amount\":55500,"
                + "\"currency\":\"IDR\"}", "{\"order_id\":\"ord-1\",\"status\":\"PAID\",\"amount\":55500}", "[1]"}) {
            CallbackRejectedException rejected = assertThrows(CallbackRejectedException.class,
                    () -> gateway.authenticateNotification(Map.of("x-sandbox-signature", hmac(SECRET, body)), body));
            assertEquals(CallbackRejectedException.Reason.MALFORMED, rejected.reason(), body);
        }
    }

    private void assertUnauthenticated(Map<String, String> headers, String body) {
        assertEquals(CallbackRejectedException.Reason.UNAUTHENTICATED, assertThrows(CallbackRejectedException.class,
                () -> gateway.authenticateNotification(headers, body)).reason());
    }

    @Test
    void createCheckout_returnsASignedPageUrlOnTheLocalRuntime() throws Exception {
        Checkout checkout = gateway.createCheckout(new CheckoutRequest("org-1~AbCdEfGhIjKlM", "org-1",
                Money.of(55_500, "IDR"), null, NOW.plus(Duration.ofHours(24)), "Top-up", "http://127.0.0.1:3000/done"));
        URI url = checkout.paymentUrl();
        assertEquals("http", url.getScheme());
        assertEquals("127.0.0.1", url.getHost());
        assertEquals(3000, url.getPort());
        assertEquals("/_sandbox/checkout/org-1~AbCdEfGhIjKlM", url.getRawPath());
        Map<String, String> query = SandboxGatewaySimulator.parseQuery(url.getRawQuery());
        assertEquals("55500", query.get("amount"));
        assertEquals("IDR", query.get("currency"));
        assertEquals(Long.toString(NOW.plus(Duration.ofHours(24)).getEpochSecond()), query.get("expires"));
        assertEquals("http://127.0.0.1:3000/done", query.get("finish"));
        String canonical = "sandbox-checkout\norg-1~AbCdEfGhIjKlM\n55500\nIDR\n" + query.get("expires") + "\n\n"
                + "http://127.0.0.1:3000/done\nTop-up";
        assertEquals(hmac(SECRET, canonical), query.get("sig"));
        assertEquals("sbx-org-1~AbCdEfGhIjKlM", checkout.gatewayReference());
        assertEquals(NOW.plus(Duration.ofHours(24)), checkout.expiresAt());
    }

    @Test
    void createCheckout_withoutExpiry_usesTheConfiguredDefault() {
        Checkout checkout = gateway.createCheckout(new CheckoutRequest("ord-2", "org-1", Money.of(50_000, "IDR"),
                "qris", null, null, null));
        assertEquals(NOW.plus(GatewayConfig.DEFAULT_ORDER_EXPIRY), checkout.expiresAt());
        assertTrue(checkout.paymentUrl().getRawQuery().contains("method=qris"));
    }

    @Test
    void fetchStatus_hasNoStatusApi() {
        assertTrue(gateway.fetchStatus("ord-1").isEmpty());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"tok_ok_4111,SUCCEEDED", "tok_decline_1,DECLINED", "tok_expired_2,TOKEN_INVALID",
            "tok_pending_3,PENDING", "unknown,TOKEN_INVALID"})
    void chargeSavedCard_decidesByTokenPrefix(String token, CardChargeResult.Outcome expected) {
        assertEquals(expected, gateway.chargeSavedCard(new CardChargeRequest("att-1", "org-1", token,
                Money.of(100_000, "IDR"), "Invoice")).outcome());
    }

    @Test
    void chargeSavedCard_whenTokenSaysTimeout_throwsTimeout() {
        assertTrue(assertThrows(GatewayException.class, () -> gateway.chargeSavedCard(new CardChargeRequest("att-1",
                "org-1", "tok_timeout", Money.of(100_000, "IDR"), "Invoice"))).isTimeout());
    }
}
