package com.platform.billing.gateway.xendit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import com.platform.billing.domain.payment.GatewayStatus;
import com.platform.billing.domain.payment.PaymentStatus;
import com.platform.billing.gateway.GatewayConfig;
import com.platform.billing.gateway.PaymentMethods;
import com.platform.billing.gateway.StubServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class XenditGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET_KEY = "xnd_development_TEST";
    /** {@code printf '%s' 'xnd_development_TEST:' | base64}. */
    private static final String EXPECTED_AUTHORIZATION = "Basic eG5kX2RldmVsb3BtZW50X1RFU1Q6";
    private static final String CALLBACK_TOKEN = "cb-token-0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");

    private final StubServer stub = new StubServer();
    private final GatewayConfig config = GatewayConfig.defaults("xendit")
            .withBaseUrls(stub.url("/unused"), stub.url("/xendit"))
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
            .withPaymentMethods(PaymentMethods.resolve("xendit", "bca,qris,credit_card"))
            .withMerchantId("5f27a14a9bf05c73dd040bc8");
    private final XenditGateway gateway = new XenditGateway(config, SECRET_KEY, CALLBACK_TOKEN,
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final XenditGateway impatient = new XenditGateway(config.withTimeouts(Duration.ofSeconds(2),
            Duration.ofMillis(300)), SECRET_KEY, CALLBACK_TOKEN, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        stub.close();
    }

    // ---- create checkout ----

    @Test
    void createCheckout_whenXenditCreatesTheInvoice_sendsTheDocumentedRequestAndReturnsTheInvoice()
            throws Exception {
        stub.reply(200, "{\"id\":\"579c8d61f23fa4ca35e52da4\",\"external_id\":\"org-1~AbCdEfGhIjKlM\","
                + "\"status\":\"PENDING\",\"amount\":55500,\"invoice_url\":"
                + "\"https://checkout-staging.xendit.co/web/579c8d61f23fa4ca35e52da4\","
                + "\"expiry_date\":\"2026-11-28T04:00:00.000Z\"}");

        Checkout checkout = gateway.createCheckout(new CheckoutRequest("org-1~AbCdEfGhIjKlM", "org-1",
                Money.of(55_500, "IDR"), null, null, "Top-up IDR 50,000 + VAT", "https://console/finish"));

        StubServer.Recorded request = stub.take();
        assertEquals("POST", request.method());
        assertEquals("/xendit/v2/invoices", request.path());
        assertEquals("Basic " + Base64.getEncoder().encodeToString((SECRET_KEY + ":")
                .getBytes(StandardCharsets.UTF_8)), request.header("authorization"));
        assertEquals(EXPECTED_AUTHORIZATION, request.header("authorization"));
        assertEquals("application/json", request.header("content-type"));
        JsonNode body = JSON.readTree(request.body());
        assertEquals("org-1~AbCdEfGhIjKlM", body.get("external_id").textValue());
        assertTrue(body.get("amount").isIntegralNumber());
        assertEquals(55_500, body.get("amount").longValue());
        assertEquals("IDR", body.get("currency").textValue());
        assertEquals("Top-up IDR 50,000 + VAT", body.get("description").textValue());
        assertEquals(86_400, body.get("invoice_duration").longValue());
        assertEquals("[\"BCA\",\"QRIS\",\"CREDIT_CARD\"]", body.get("payment_methods").toString());
        assertEquals("https://console/finish", body.get("success_redirect_url").textValue());
        assertEquals("https://console/finish", body.get("failure_redirect_url").textValue());

        assertEquals("579c8d61f23fa4ca35e52da4", checkout.gatewayReference());
        assertEquals(URI.create("https://checkout-staging.xendit.co/web/579c8d61f23fa4ca35e52da4"),
                checkout.paymentUrl());
        assertEquals(Instant.parse("2026-11-28T04:00:00Z"), checkout.expiresAt());
    }

    @Test
    void createCheckout_whenAMethodIsChosen_offersOnlyThatMethod() throws Exception {
        stub.reply(200, "{\"id\":\"inv-1\",\"invoice_url\":\"https://x/inv-1\"}");
        Checkout checkout = gateway.createCheckout(new CheckoutRequest("ord-2", "org-1", Money.of(50_000, "IDR"),
                "QRIS", NOW.plus(Duration.ofHours(2)), "Top-up", null));
        JsonNode body = JSON.readTree(stub.take().body());
        assertEquals("[\"QRIS\"]", body.get("payment_methods").toString());
        assertEquals(7_200, body.get("invoice_duration").longValue());
        assertTrue(body.path("success_redirect_url").isMissingNode());
        assertEquals(NOW.plus(Duration.ofHours(2)), checkout.expiresAt());
    }

    @Test
    void createCheckout_whenXenditRefusesOrFails_throwsGatewayErrorsAndTimeouts() {
        CheckoutRequest request = new CheckoutRequest("ord-3", "org-1", Money.of(50_000, "IDR"), null, null, "x",
                null);
        stub.reply(400, "{\"error_code\":\"API_VALIDATION_ERROR\",\"message\":\"invalid amount\"}");
        assertFalse(assertThrows(GatewayException.class, () -> gateway.createCheckout(request)).isTimeout());
        stub.reply(503, "");
        assertFalse(assertThrows(GatewayException.class, () -> gateway.createCheckout(request)).isTimeout());
        stub.reply(StubServer.Reply.slow(Duration.ofSeconds(3)));
        assertTrue(assertThrows(GatewayException.class, () -> impatient.createCheckout(request)).isTimeout());
    }

    // ---- callbacks ----

    private static ObjectNode callback(String status, long amount, Long paidAmount) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "579c8d61f23fa4ca35e52da4");
        body.put("external_id", "org-1~AbCdEfGhIjKlM");
        body.put("user_id", "5f27a14a9bf05c73dd040bc8");
        body.put("is_high", false);
        body.put("payment_method", "BANK_TRANSFER");
        body.put("status", status);
        body.put("merchant_name", "Cloud Platform");
        body.put("amount", amount);
        if (paidAmount != null) {
            body.put("paid_amount", paidAmount);
        }
        body.put("bank_code", "BCA");
        body.put("paid_at", "2026-11-27T04:10:00.000Z");
        body.put("payment_channel", "BCA");
        body.put("payment_destination", "880812345678");
        body.put("payment_id", "pay-1");
        body.put("currency", "IDR");
        return body;
    }

    private static Map<String, String> token(String value) {
        return Map.of("x-callback-token", value, "content-type", "application/json");
    }

    static Stream<Arguments> documentedStatuses() {
        return Stream.of(Arguments.of("PAID", PaymentStatus.PAID), Arguments.of("SETTLED", PaymentStatus.PAID),
                Arguments.of("EXPIRED", PaymentStatus.EXPIRED), Arguments.of("PENDING", PaymentStatus.PENDING));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("documentedStatuses")
    void authenticateNotification_whenTokenMatches_mapsEveryDocumentedStatus(String status, PaymentStatus expected) {
        GatewayNotification notification = gateway.authenticateNotification(token(CALLBACK_TOKEN),
                callback(status, 55_500, "EXPIRED".equals(status) ? null : 55_500L).toString());
        assertEquals(expected, notification.status());
        assertEquals(status, notification.gatewayStatus());
    }

    @Test
    void authenticateNotification_whenPaid_readsEveryField() {
        String body = callback("PAID", 55_500, 55_500L).toString();
        GatewayNotification notification = gateway.authenticateNotification(token(CALLBACK_TOKEN), body);
        assertEquals("xendit", notification.provider());
        assertEquals("org-1~AbCdEfGhIjKlM", notification.orderId());
        assertEquals(Money.of(55_500, "IDR"), notification.amount());
        assertEquals("5f27a14a9bf05c73dd040bc8", notification.merchantId());
        assertEquals("579c8d61f23fa4ca35e52da4", notification.transactionId());
        assertEquals("880812345678", notification.referenceNumber());
        assertEquals("BCA", notification.paymentMethod());
        assertEquals(Instant.parse("2026-11-27T04:10:00Z"), notification.occurredAt());
        assertEquals(body, notification.rawBody());
    }

    @Test
    void authenticateNotification_whenPaidAmountDiffers_reportsWhatWasPaid() {
        GatewayNotification notification = gateway.authenticateNotification(token(CALLBACK_TOKEN),
                callback("PAID", 55_500, 50_000L).toString());
        assertEquals(Money.of(50_000, "IDR"), notification.amount());
    }

    @Test
    void authenticateNotification_whenTokenWrongOrMissing_isUnauthenticated() {
        String body = callback("PAID", 55_500, 55_500L).toString();
        assertRejected(CallbackRejectedException.Reason.UNAUTHENTICATED, token("cb-token-0123456789abcdeX"), body);
        assertRejected(CallbackRejectedException.Reason.UNAUTHENTICATED, token(CALLBACK_TOKEN + "0"), body);
        assertRejected(CallbackRejectedException.Reason.UNAUTHENTICATED, Map.of(), body);
        assertRejected(CallbackRejectedException.Reason.UNAUTHENTICATED, token(""), body);
        // The token is checked before the body is even read.
        assertRejected(CallbackRejectedException.Reason.UNAUTHENTICATED, token("wrong"), "not json");
    }

    @Test
    void authenticateNotification_whenForAnotherMerchant_isUnauthenticated() {
        ObjectNode body = callback("PAID", 55_500, 55_500L);
        body.put("user_id", "someone-else");
        assertRejected(CallbackRejectedException.Reason.UNAUTHENTICATED, token(CALLBACK_TOKEN), body.toString());
    }

    @Test
    void authenticateNotification_whenAmountHasAFractionOrIsNotANumber_isMalformed() {
        ObjectNode fraction = callback("PAID", 55_500, null);
        fraction.put("paid_amount", new java.math.BigDecimal("55500.50"));
        assertRejected(CallbackRejectedException.Reason.MALFORMED, token(CALLBACK_TOKEN), fraction.toString());
        ObjectNode text = callback("PAID", 55_500, null);
        text.put("paid_amount", "55500");
        assertRejected(CallbackRejectedException.Reason.MALFORMED, token(CALLBACK_TOKEN), text.toString());
        ObjectNode missing = callback("PAID", 55_500, null);
        missing.remove("amount");
        assertRejected(CallbackRejectedException.Reason.MALFORMED, token(CALLBACK_TOKEN), missing.toString());
    }

    @Test
    void authenticateNotification_whenAmountIsAWholeDecimal_acceptsIt() {
        ObjectNode body = callback("PAID", 55_500, null);
        body.put("paid_amount", new java.math.BigDecimal("55500.00"));
        assertEquals(Money.of(55_500, "IDR"), gateway.authenticateNotification(token(CALLBACK_TOKEN),
                body.toString()).amount());
    }

    @Test
    void authenticateNotification_whenCurrencyIsAnother_reportsItForTheMismatchCheck() {
        ObjectNode body = callback("PAID", 100, 100L);
        body.put("currency", "PHP");
        assertEquals(Money.of(10_000, "PHP"), gateway.authenticateNotification(token(CALLBACK_TOKEN),
                body.toString()).amount());
        body.put("currency", "rupiah");
        assertRejected(CallbackRejectedException.Reason.MALFORMED, token(CALLBACK_TOKEN), body.toString());
    }

    @Test
    void authenticateNotification_whenStatusUnknownOrBodyBroken_isMalformed() {
        assertRejected(CallbackRejectedException.Reason.MALFORMED, token(CALLBACK_TOKEN),
                callback("VOIDED", 55_500, null).toString());
        assertRejected(CallbackRejectedException.Reason.MALFORMED, token(CALLBACK_TOKEN), "{\"status\":");
        ObjectNode noExternalId = callback("PAID", 55_500, 55_500L);
        noExternalId.remove("external_id");
        assertRejected(CallbackRejectedException.Reason.MALFORMED, token(CALLBACK_TOKEN), noExternalId.toString());
    }

    private void assertRejected(CallbackRejectedException.Reason reason, Map<String, String> headers, String body) {
        assertEquals(reason, assertThrows(CallbackRejectedException.class,
                () -> gateway.authenticateNotification(headers, body)).reason());
    }

    // ---- status ----

    @Test
    void fetchStatus_whenInvoicePaid_queriesByExternalIdAndReportsPaid() {
        stub.reply(200, "[{\"id\":\"inv-old\",\"external_id\":\"org-1~AbCdEfGhIjKlM\",\"status\":\"EXPIRED\","
                + "\"amount\":55500,\"currency\":\"IDR\"},{\"id\":\"inv-1\",\"external_id\":\"org-1~AbCdEfGhIjKlM\","
                + "\"status\":\"SETTLED\",\"amount\":55500,\"paid_amount\":55500,\"currency\":\"IDR\"}]");
        GatewayStatus status = gateway.fetchStatus("org-1~AbCdEfGhIjKlM").orElseThrow();
        StubServer.Recorded request = stub.take();
        assertEquals("GET", request.method());
        assertEquals("/xendit/v2/invoices", request.path());
        assertEquals("external_id=org-1%7EAbCdEfGhIjKlM", request.query());
        assertEquals(EXPECTED_AUTHORIZATION, request.header("authorization"));
        assertEquals(PaymentStatus.PAID, status.status());
        assertEquals("SETTLED", status.gatewayStatus());
        assertEquals(Money.of(55_500, "IDR"), status.amount());
        assertEquals("inv-1", status.transactionId());
    }

    @Test
    void fetchStatus_whenNoInvoice_reportsPendingWithoutAmount() {
        stub.reply(200, "[]");
        GatewayStatus empty = gateway.fetchStatus("ord-1").orElseThrow();
        assertEquals(PaymentStatus.PENDING, empty.status());
        assertNull(empty.amount());
        stub.reply(404, "{\"error_code\":\"INVOICE_NOT_FOUND_ERROR\"}");
        assertEquals(PaymentStatus.PENDING, gateway.fetchStatus("ord-1").orElseThrow().status());
    }

    @Test
    void fetchStatus_whenPendingOrFailing_reportsOrThrows() {
        stub.reply(200, "[{\"id\":\"inv-1\",\"external_id\":\"ord-1\",\"status\":\"PENDING\",\"amount\":55500}]");
        assertEquals(PaymentStatus.PENDING, gateway.fetchStatus("ord-1").orElseThrow().status());
        stub.reply(401, "{\"error_code\":\"INVALID_API_KEY\"}");
        assertFalse(assertThrows(GatewayException.class, () -> gateway.fetchStatus("ord-1")).isTimeout());
        stub.reply(StubServer.Reply.slow(Duration.ofSeconds(3)));
        assertTrue(assertThrows(GatewayException.class, () -> impatient.fetchStatus("ord-1")).isTimeout());
    }

    // ---- saved cards ----

    @Test
    void chargeSavedCard_whenCaptured_sendsTheDocumentedChargeWithIdempotencyKey() throws Exception {
        stub.reply(200, "{\"id\":\"598942aabb91a4ec309e9a35\",\"external_id\":\"att-1\",\"status\":\"CAPTURED\","
                + "\"capture_amount\":150000}");
        CardChargeResult result = gateway.chargeSavedCard(new CardChargeRequest("att-1", "org-1",
                "598942a4bb91a4ec309e9a31", Money.of(150_000, "IDR"), "Invoice"));
        StubServer.Recorded request = stub.take();
        assertEquals("POST", request.method());
        assertEquals("/xendit/credit_card_charges", request.path());
        assertEquals(EXPECTED_AUTHORIZATION, request.header("authorization"));
        assertEquals("att-1", request.header("x-idempotency-key"));
        JsonNode body = JSON.readTree(request.body());
        assertEquals("598942a4bb91a4ec309e9a31", body.get("token_id").textValue());
        assertEquals("att-1", body.get("external_id").textValue());
        assertEquals(150_000, body.get("amount").longValue());
        assertEquals("IDR", body.get("currency").textValue());
        assertTrue(body.get("capture").booleanValue());
        assertEquals(CardChargeResult.Outcome.SUCCEEDED, result.outcome());
        assertEquals("598942aabb91a4ec309e9a35", result.transactionId());
    }

    static Stream<Arguments> chargeAnswers() {
        return Stream.of(
                Arguments.of(200, "{\"id\":\"c\",\"status\":\"FAILED\",\"failure_reason\":\"CARD_DECLINED\"}",
                        CardChargeResult.Outcome.DECLINED),
                Arguments.of(200, "{\"id\":\"c\",\"status\":\"FAILED\",\"failure_reason\":\"INSUFFICIENT_BALANCE\"}",
                        CardChargeResult.Outcome.DECLINED),
                Arguments.of(200, "{\"id\":\"c\",\"status\":\"FAILED\",\"failure_reason\":\"EXPIRED_CARD\"}",
                        CardChargeResult.Outcome.TOKEN_INVALID),
                Arguments.of(200, "{\"id\":\"c\",\"status\":\"FAILED\",\"failure_reason\":\"STOLEN_CARD\"}",
                        CardChargeResult.Outcome.TOKEN_INVALID),
                Arguments.of(200, "{\"id\":\"c\",\"status\":\"AUTHORIZED\"}", CardChargeResult.Outcome.PENDING),
                Arguments.of(404, "{\"error_code\":\"TOKEN_NOT_FOUND_ERROR\",\"message\":\"Token not found\"}",
                        CardChargeResult.Outcome.TOKEN_INVALID),
                Arguments.of(400, "{\"error_code\":\"INVALID_TOKEN_ID_ERROR\"}", CardChargeResult.Outcome.TOKEN_INVALID),
                Arguments.of(400, "{\"error_code\":\"AUTHENTICATION_ID_MISSING_ERROR\"}",
                        CardChargeResult.Outcome.TOKEN_INVALID));
    }

    @ParameterizedTest(name = "HTTP {0} {1} → {2}")
    @MethodSource("chargeAnswers")
    void chargeSavedCard_whenXenditAnswers_mapsTheOutcome(int http, String body, CardChargeResult.Outcome expected) {
        stub.reply(http, body);
        assertEquals(expected, gateway.chargeSavedCard(new CardChargeRequest("att-2", "org-1", "tok",
                Money.of(100_000, "IDR"), "x")).outcome());
    }

    @Test
    void chargeSavedCard_whenRequestInvalidServerFailsOrSlow_throwsWithoutGuessing() {
        CardChargeRequest request = new CardChargeRequest("att-3", "org-1", "tok", Money.of(100_000, "IDR"), "x");
        stub.reply(400, "{\"error_code\":\"API_VALIDATION_ERROR\"}");
        assertFalse(assertThrows(GatewayException.class, () -> gateway.chargeSavedCard(request)).isTimeout());
        stub.reply(500, "{\"error_code\":\"SERVER_ERROR\"}");
        assertFalse(assertThrows(GatewayException.class, () -> gateway.chargeSavedCard(request)).isTimeout());
        stub.reply(StubServer.Reply.slow(Duration.ofSeconds(3)));
        assertTrue(assertThrows(GatewayException.class, () -> impatient.chargeSavedCard(request)).isTimeout());
    }
}
