package com.platform.billing.gateway.midtrans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Log;
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
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MidtransGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVER_KEY = "SB-Mid-server-TEST";
    /** {@code printf '%s' 'SB-Mid-server-TEST:' | base64}. */
    private static final String EXPECTED_AUTHORIZATION = "Basic U0ItTWlkLXNlcnZlci1URVNUOg==";
    /** 2026-11-27 11:00:00 in Jakarta. */
    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");

    private final StubServer stub = new StubServer();
    private final GatewayConfig config = GatewayConfig.defaults("midtrans")
            .withBaseUrls(stub.url("/snap-host"), stub.url("/api-host"))
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
            .withPaymentMethods(PaymentMethods.resolve("midtrans", "bca_va,gopay,credit_card"))
            .withMerchantId("G123456789");
    private final MidtransGateway gateway = new MidtransGateway(config, SERVER_KEY, Clock.fixed(NOW, ZoneOffset.UTC));
    /** The same gateway with a 300 ms request timeout, against a stub that answers after 3 s. */
    private final MidtransGateway impatient = new MidtransGateway(config.withTimeouts(Duration.ofSeconds(2),
            Duration.ofMillis(300)), SERVER_KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        stub.close();
    }

    // ---- signatures, computed here and not by the code under test ----

    /** SHA-512 written for the test: lower-case hex of the digest of the UTF-8 bytes. */
    private static String sha512(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }

    private static ObjectNode notification(String orderId, String statusCode, String grossAmount,
                                           String transactionStatus, String fraudStatus) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("transaction_time", "2026-11-27 11:05:00");
        body.put("transaction_status", transactionStatus);
        body.put("transaction_id", "9aed5972-5b6a-401e-894b-a32c91ed1a3a");
        body.put("status_message", "midtrans payment notification");
        body.put("status_code", statusCode);
        body.put("signature_key", sha512(orderId + statusCode + grossAmount + SERVER_KEY));
        body.put("payment_type", "bank_transfer");
        body.put("order_id", orderId);
        body.put("merchant_id", "G123456789");
        body.put("gross_amount", grossAmount);
        if (fraudStatus != null) {
            body.put("fraud_status", fraudStatus);
        }
        body.put("currency", "IDR");
        body.putArray("va_numbers").addObject().put("bank", "bca").put("va_number", "12345678901");
        return body;
    }

    @Test
    void knownAnswer_signatureComputedBySha512sum_isAccepted() {
        // printf '%s' 'ord-1200200000.00SB-Mid-server-TEST' | sha512sum
        String signature = "5d18ccc273683e41e860ca37caf9d94dde851e1434d61f882080f02415372258"
                + "bf93dd4699695ddd087b671b642c7abc62a5126f8e6b0e2c94114ec6d26bd5d6";
        String body = "{\"order_id\":\"ord-1\",\"status_code\":\"200\",\"gross_amount\":\"200000.00\","
                + "\"transaction_status\":\"settlement\",\"signature_key\":\"" + signature + "\","
                + "\"settlement_time\":\"2026-11-27 11:06:07\",\"currency\":\"IDR\"}";
        GatewayNotification notification = gateway.authenticateNotification(Map.of(), body);
        assertEquals("ord-1", notification.orderId());
        assertEquals(PaymentStatus.PAID, notification.status());
        assertEquals(Money.of(200_000, "IDR"), notification.amount());
        assertEquals(Instant.parse("2026-11-27T04:06:07Z"), notification.occurredAt());
        assertEquals(body, notification.rawBody());
    }

    // ---- create checkout ----

    @Test
    void createCheckout_whenSnapAnswers201_sendsTheDocumentedRequestAndReturnsTokenAndUrl() throws Exception {
        stub.reply(201, "{\"token\":\"66e4fa55-fdac-4ef9-91b5-733b97d1b862\","
                + "\"redirect_url\":\"https://app.sandbox.midtrans.com/snap/v4/redirection/66e4fa55\"}");

        Checkout checkout = gateway.createCheckout(new CheckoutRequest("org-1~AbCdEfGhIjKlM", "org-1",
                Money.of(55_500, "IDR"), null, NOW.plus(Duration.ofHours(24)), "Top-up", "https://console/finish"));

        StubServer.Recorded request = stub.take();
        assertEquals("POST", request.method());
        assertEquals("/snap-host/snap/v1/transactions", request.path());
        String independentAuth = "Basic " + Base64.getEncoder().encodeToString(
                (SERVER_KEY + ":").getBytes(StandardCharsets.UTF_8));
        assertEquals(independentAuth, request.header("authorization"));
        assertEquals(EXPECTED_AUTHORIZATION, request.header("authorization"));
        assertEquals("application/json", request.header("accept"));
        assertEquals("application/json", request.header("content-type"));
        JsonNode body = JSON.readTree(request.body());
        assertEquals("org-1~AbCdEfGhIjKlM", body.at("/transaction_details/order_id").textValue());
        assertTrue(body.at("/transaction_details/gross_amount").isIntegralNumber());
        assertEquals(55_500, body.at("/transaction_details/gross_amount").longValue());
        assertEquals("[\"bca_va\",\"gopay\",\"credit_card\"]", body.get("enabled_payments").toString());
        assertEquals("2026-11-27 11:00:00 +0700", body.at("/expiry/start_time").textValue());
        assertEquals("minute", body.at("/expiry/unit").textValue());
        assertEquals(1440, body.at("/expiry/duration").intValue());
        assertEquals("https://console/finish", body.at("/callbacks/finish").textValue());
        assertEquals("org-1", body.at("/customer_details/first_name").textValue());
        assertTrue(body.at("/credit_card/secure").booleanValue());

        assertEquals("66e4fa55-fdac-4ef9-91b5-733b97d1b862", checkout.gatewayReference());
        assertEquals(URI.create("https://app.sandbox.midtrans.com/snap/v4/redirection/66e4fa55"),
                checkout.paymentUrl());
        assertEquals(NOW.plus(Duration.ofHours(24)), checkout.expiresAt());
    }

    @Test
    void createCheckout_whenAMethodIsChosen_enablesOnlyThatMethodAndRoundsExpiryDown() throws Exception {
        stub.reply(201, "{\"token\":\"t\",\"redirect_url\":\"https://pay.example/t\"}");

        Checkout checkout = gateway.createCheckout(new CheckoutRequest("ord-2", "org-1", Money.of(50_000, "IDR"),
                "gopay", NOW.plusSeconds(90 * 60 + 59), "Top-up", null));

        JsonNode body = JSON.readTree(stub.take().body());
        assertEquals("[\"gopay\"]", body.get("enabled_payments").toString());
        assertEquals(90, body.at("/expiry/duration").intValue());
        assertTrue(body.path("callbacks").isMissingNode());
        assertTrue(body.path("credit_card").isMissingNode());
        assertEquals(NOW.plus(Duration.ofMinutes(90)), checkout.expiresAt());
    }

    @Test
    void createCheckout_whenMethodNotEnabledOrOrderIdInvalid_refusesBeforeAnyCall() {
        assertThrows(IllegalArgumentException.class, () -> gateway.createCheckout(new CheckoutRequest("ord-3",
                "org-1", Money.of(50_000, "IDR"), "alfamart", null, "x", null)));
        assertThrows(IllegalArgumentException.class, () -> gateway.createCheckout(new CheckoutRequest(
                "ord/3", "org-1", Money.of(50_000, "IDR"), null, null, "x", null)));
        assertThrows(IllegalArgumentException.class, () -> gateway.createCheckout(new CheckoutRequest(
                "ord-3", "org-1", Money.of(50_000, "USD"), null, null, "x", null)));
        assertEquals(0, stub.pending());
    }

    @Test
    void createCheckout_whenSnapRefuses_throwsGatewayErrorThatIsNotATimeout() {
        stub.reply(401, "{\"error_messages\":[\"Access denied due to unauthorized transaction\"]}");
        GatewayException error = assertThrows(GatewayException.class, () -> gateway.createCheckout(request()));
        assertFalse(error.isTimeout());
        assertFalse(error.getMessage().contains(SERVER_KEY));
    }

    @Test
    void createCheckout_when5xx_throwsGatewayErrorThatIsNotATimeout() {
        stub.reply(503, "<html>maintenance</html>");
        assertFalse(assertThrows(GatewayException.class, () -> gateway.createCheckout(request())).isTimeout());
    }

    @Test
    void createCheckout_whenSnapAnswersAfterTheTimeout_throwsTimeout() {
        stub.reply(StubServer.Reply.slow(Duration.ofSeconds(3)));
        assertTrue(assertThrows(GatewayException.class, () -> impatient.createCheckout(request())).isTimeout());
    }

    @Test
    void createCheckout_whenNothingListens_throwsGatewayErrorThatIsNotATimeout() {
        MidtransGateway unreachable = new MidtransGateway(GatewayConfig.defaults("midtrans")
                .withBaseUrls(URI.create("http://127.0.0.1:9"), URI.create("http://127.0.0.1:9")),
                SERVER_KEY, Clock.fixed(NOW, ZoneOffset.UTC));
        assertFalse(assertThrows(GatewayException.class, () -> unreachable.createCheckout(request())).isTimeout());
    }

    @Test
    void gatewayCalls_neverLogTheServerKeyOrItsAuthorizationHeader() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Log.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            stub.reply(201, "{\"token\":\"t\",\"redirect_url\":\"https://pay.example/t\"}");
            gateway.createCheckout(request());
            stub.reply(200, "{\"status_code\":\"200\",\"transaction_status\":\"capture\",\"fraud_status\":\"accept\"}");
            gateway.chargeSavedCard(new CardChargeRequest("att-1", "org-1", "481111-1114-secret-token",
                    Money.of(100_000, "IDR"), "Invoice"));
        } finally {
            Log.redirect(System.out);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("\"provider\":\"midtrans\""), logs);
        assertFalse(logs.contains(SERVER_KEY));
        assertFalse(logs.contains("U0ItTWlkLXNlcnZlci1URVNUOg"));
        assertFalse(logs.contains("secret-token"));
    }

    private static CheckoutRequest request() {
        return new CheckoutRequest("ord-9", "org-1", Money.of(50_000, "IDR"), null, null, "Top-up", null);
    }

    // ---- notifications ----

    static Stream<Arguments> documentedStatuses() {
        return Stream.of(
                Arguments.of("settlement", null, PaymentStatus.PAID),
                Arguments.of("settlement", "accept", PaymentStatus.PAID),
                Arguments.of("capture", "accept", PaymentStatus.PAID),
                Arguments.of("capture", "challenge", PaymentStatus.PENDING),
                Arguments.of("capture", "deny", PaymentStatus.FAILED),
                Arguments.of("pending", null, PaymentStatus.PENDING),
                Arguments.of("authorize", null, PaymentStatus.PENDING),
                Arguments.of("deny", null, PaymentStatus.FAILED),
                Arguments.of("cancel", null, PaymentStatus.FAILED),
                Arguments.of("failure", null, PaymentStatus.FAILED),
                Arguments.of("expire", null, PaymentStatus.EXPIRED),
                Arguments.of("refund", null, PaymentStatus.REFUNDED),
                Arguments.of("partial_refund", null, PaymentStatus.PARTIALLY_REFUNDED),
                Arguments.of("chargeback", null, PaymentStatus.CHARGED_BACK),
                Arguments.of("partial_chargeback", null, PaymentStatus.CHARGED_BACK));
    }

    @ParameterizedTest(name = "{0}/{1} → {2}")
    @MethodSource("documentedStatuses")
    void authenticateNotification_whenSignedStatusIsDocumented_mapsIt(String transactionStatus, String fraudStatus,
                                                                       PaymentStatus expected) throws Exception {
        ObjectNode body = notification("ord-1", "200", "200000.00", transactionStatus, fraudStatus);
        GatewayNotification notification = gateway.authenticateNotification(Map.of(), body.toString());
        assertEquals(expected, notification.status());
        assertEquals(fraudStatus == null ? transactionStatus : transactionStatus + "/" + fraudStatus,
                notification.gatewayStatus());
    }

    @Test
    void authenticateNotification_whenSigned_readsEveryField() throws Exception {
        ObjectNode body = notification("ord-1", "200", "200000.00", "settlement", null);
        body.put("settlement_time", "2026-11-27 11:06:07");
        GatewayNotification notification = gateway.authenticateNotification(Map.of(), body.toString());
        assertEquals("midtrans", notification.provider());
        assertEquals("ord-1", notification.orderId());
        assertEquals(Money.of(200_000, "IDR"), notification.amount());
        assertEquals("G123456789", notification.merchantId());
        assertEquals("9aed5972-5b6a-401e-894b-a32c91ed1a3a", notification.transactionId());
        assertEquals("12345678901", notification.referenceNumber());
        assertEquals("bca_va", notification.paymentMethod());
        assertEquals(Instant.parse("2026-11-27T04:06:07Z"), notification.occurredAt());
        assertEquals(body.toString(), notification.rawBody());
    }

    @Test
    void authenticateNotification_whenSignatureForged_isUnauthenticated() throws Exception {
        ObjectNode body = notification("ord-1", "200", "200000.00", "settlement", null);
        body.put("signature_key", sha512("ord-1" + "200" + "200000.00" + "a-guessed-key"));
        assertRejected(CallbackRejectedException.Reason.UNAUTHENTICATED, body.toString());
    }

    @Test
    void authenticateNotification_whenSignatureMissing_isUnauthenticated() throws Exception {
        ObjectNode body = notification("ord-1", "200", "200000.00", "settlement", null);
        body.remove("signature_key");
        assertRejected(CallbackRejectedException.Reason.UNAUTHENTICATED, body.toString());
    }

    @Test
    void authenticateNotification_whenAmountTampered_isUnauthenticated() throws Exception {
        ObjectNode body = notification("ord-1", "200", "200000.00", "settlement", null);
        body.put("gross_amount", "2000000.00");
        assertRejected(CallbackRejectedException.Reason.UNAUTHENTICATED, body.toString());
    }

    @Test
    void authenticateNotification_whenAmountReformatted_isUnauthenticated() throws Exception {
        // The signature covers gross_amount exactly as sent: "200000" is not "200000.00".
        ObjectNode body = notification("ord-1", "200", "200000.00", "settlement", null);
        body.put("gross_amount", "200000");
        assertRejected(CallbackRejectedException.Reason.UNAUTHENTICATED, body.toString());
    }

    @Test
    void authenticateNotification_whenOrderIdSwapped_isUnauthenticated() throws Exception {
        ObjectNode body = notification("ord-1", "200", "200000.00", "settlement", null);
        body.put("order_id", "other-org~AbCdEfGhIjKlM");
        assertRejected(CallbackRejectedException.Reason.UNAUTHENTICATED, body.toString());
    }

    @Test
    void authenticateNotification_whenForAnotherMerchant_isUnauthenticated() throws Exception {
        ObjectNode body = notification("ord-1", "200", "200000.00", "settlement", null);
        body.put("merchant_id", "G999999999");
        assertRejected(CallbackRejectedException.Reason.UNAUTHENTICATED, body.toString());
    }

    @Test
    void authenticateNotification_whenSignedAmountHasARupiahFraction_isMalformed() throws Exception {
        assertRejected(CallbackRejectedException.Reason.MALFORMED,
                notification("ord-1", "200", "200000.50", "settlement", null).toString());
    }

    @Test
    void authenticateNotification_whenSignedStatusIsUnknown_isMalformed() throws Exception {
        assertRejected(CallbackRejectedException.Reason.MALFORMED,
                notification("ord-1", "200", "200000.00", "paid_maybe", null).toString());
    }

    @Test
    void authenticateNotification_whenNotJsonOrFieldsAreNotStrings_isMalformed() throws Exception {
        assertRejected(CallbackRejectedException.Reason.MALFORMED, "order_id=ord-1");
        assertRejected(CallbackRejectedException.Reason.MALFORMED, "[]");
        assertRejected(CallbackRejectedException.Reason.MALFORMED, "");
        ObjectNode numeric = notification("ord-1", "200", "200000.00", "settlement", null);
        numeric.put("gross_amount", 200000);
        assertRejected(CallbackRejectedException.Reason.MALFORMED, numeric.toString());
    }

    private void assertRejected(CallbackRejectedException.Reason reason, String body) {
        CallbackRejectedException rejected = assertThrows(CallbackRejectedException.class,
                () -> gateway.authenticateNotification(Map.of(), body));
        assertEquals(reason, rejected.reason());
        assertEquals(reason == CallbackRejectedException.Reason.UNAUTHENTICATED ? "callback-unauthenticated"
                : "malformed-request", rejected.code());
    }

    // ---- status API ----

    @Test
    void fetchStatus_whenSettled_callsGetStatusAndReportsPaidWithAmount() {
        stub.reply(200, "{\"status_code\":\"200\",\"transaction_status\":\"settlement\",\"order_id\":\"ord-1\","
                + "\"gross_amount\":\"200000.00\",\"currency\":\"IDR\",\"transaction_id\":\"tx-1\"}");
        GatewayStatus status = gateway.fetchStatus("ord-1").orElseThrow();
        StubServer.Recorded request = stub.take();
        assertEquals("GET", request.method());
        assertEquals("/api-host/v2/ord-1/status", request.path());
        assertEquals(EXPECTED_AUTHORIZATION, request.header("authorization"));
        assertEquals(PaymentStatus.PAID, status.status());
        assertEquals(Money.of(200_000, "IDR"), status.amount());
        assertEquals("tx-1", status.transactionId());
    }

    @Test
    void fetchStatus_whenMidtransKnowsNoTransactionYet_reportsPendingWithoutAmount() {
        stub.reply(404, "{\"status_code\":\"404\",\"status_message\":\"Transaction doesn't exist.\"}");
        GatewayStatus status = gateway.fetchStatus("ord-1").orElseThrow();
        assertEquals(PaymentStatus.PENDING, status.status());
        assertEquals("not_found", status.gatewayStatus());
        assertNull(status.amount());
    }

    @Test
    void fetchStatus_whenExpiredWithStatusCode407_reportsExpired() {
        stub.reply(200, "{\"status_code\":\"407\",\"transaction_status\":\"expire\",\"order_id\":\"ord-1\","
                + "\"gross_amount\":\"200000.00\",\"currency\":\"IDR\"}");
        assertEquals(PaymentStatus.EXPIRED, gateway.fetchStatus("ord-1").map(GatewayStatus::status).orElseThrow());
    }

    @Test
    void fetchStatus_whenChallengedOrForAnotherOrder_neverReportsPaid() {
        stub.reply(200, "{\"status_code\":\"201\",\"transaction_status\":\"capture\",\"fraud_status\":\"challenge\","
                + "\"order_id\":\"ord-1\",\"gross_amount\":\"200000.00\"}");
        assertEquals(Optional.of(PaymentStatus.PENDING), gateway.fetchStatus("ord-1").map(GatewayStatus::status));
        stub.reply(200, "{\"status_code\":\"200\",\"transaction_status\":\"settlement\",\"order_id\":\"ord-2\","
                + "\"gross_amount\":\"200000.00\"}");
        assertThrows(GatewayException.class, () -> gateway.fetchStatus("ord-1"));
    }

    @Test
    void fetchStatus_when5xxOrTimeout_throwsAccordingly() {
        stub.reply(500, "{\"status_code\":\"500\"}");
        assertFalse(assertThrows(GatewayException.class, () -> gateway.fetchStatus("ord-1")).isTimeout());
        stub.reply(StubServer.Reply.slow(Duration.ofSeconds(3)));
        assertTrue(assertThrows(GatewayException.class, () -> impatient.fetchStatus("ord-1")).isTimeout());
    }

    // ---- saved card ----

    @Test
    void chargeSavedCard_whenCaptured_sendsTheDocumentedChargeAndSucceeds() throws Exception {
        stub.reply(200, "{\"status_code\":\"200\",\"status_message\":\"Success, Credit Card transaction is"
                + " successful\",\"transaction_id\":\"tx-9\",\"transaction_status\":\"capture\","
                + "\"fraud_status\":\"accept\",\"order_id\":\"att-1\",\"gross_amount\":\"150000.00\"}");
        CardChargeResult result = gateway.chargeSavedCard(new CardChargeRequest("att-1", "org-1", "481111-1114-a1b2",
                Money.of(150_000, "IDR"), "Invoice INV/2026/11/000001"));
        StubServer.Recorded request = stub.take();
        assertEquals("POST", request.method());
        assertEquals("/api-host/v2/charge", request.path());
        assertEquals(EXPECTED_AUTHORIZATION, request.header("authorization"));
        JsonNode body = JSON.readTree(request.body());
        assertEquals("credit_card", body.get("payment_type").textValue());
        assertEquals("481111-1114-a1b2", body.at("/credit_card/token_id").textValue());
        assertEquals("att-1", body.at("/transaction_details/order_id").textValue());
        assertEquals(150_000, body.at("/transaction_details/gross_amount").longValue());
        assertEquals(CardChargeResult.Outcome.SUCCEEDED, result.outcome());
        assertEquals("tx-9", result.transactionId());
    }

    static Stream<Arguments> chargeAnswers() {
        return Stream.of(
                Arguments.of(200, "{\"status_code\":\"200\",\"transaction_status\":\"settlement\"}",
                        CardChargeResult.Outcome.SUCCEEDED),
                Arguments.of(201, "{\"status_code\":\"201\",\"transaction_status\":\"capture\","
                        + "\"fraud_status\":\"challenge\"}", CardChargeResult.Outcome.PENDING),
                Arguments.of(200, "{\"status_code\":\"202\",\"transaction_status\":\"deny\","
                        + "\"status_message\":\"Deny by Bank [CIMB] with code [05] and message [Do not honour]\"}",
                        CardChargeResult.Outcome.DECLINED),
                Arguments.of(200, "{\"status_code\":\"411\",\"status_message\":\"Token id is missing, invalid,"
                        + " or timed out\"}", CardChargeResult.Outcome.TOKEN_INVALID),
                Arguments.of(411, "{\"status_code\":\"411\"}", CardChargeResult.Outcome.TOKEN_INVALID));
    }

    @ParameterizedTest(name = "HTTP {0} {1} → {2}")
    @MethodSource("chargeAnswers")
    void chargeSavedCard_whenGatewayAnswers_mapsTheOutcome(int http, String body, CardChargeResult.Outcome expected) {
        stub.reply(http, body);
        assertEquals(expected, gateway.chargeSavedCard(new CardChargeRequest("att-2", "org-1", "tok",
                Money.of(100_000, "IDR"), "Invoice")).outcome());
    }

    @Test
    void chargeSavedCard_whenAttemptIdReusedOrServerFails_throwsAndNeverGuessesAnOutcome() {
        CardChargeRequest request = new CardChargeRequest("att-3", "org-1", "tok", Money.of(100_000, "IDR"), "x");
        stub.reply(200, "{\"status_code\":\"406\",\"status_message\":\"order_id has already been utilized\"}");
        assertFalse(assertThrows(GatewayException.class, () -> gateway.chargeSavedCard(request)).isTimeout());
        stub.reply(502, "");
        assertFalse(assertThrows(GatewayException.class, () -> gateway.chargeSavedCard(request)).isTimeout());
        stub.reply(StubServer.Reply.slow(Duration.ofSeconds(3)));
        assertTrue(assertThrows(GatewayException.class, () -> impatient.chargeSavedCard(request)).isTimeout());
    }

    @Test
    void sha512Helper_matchesSha512sum() throws Exception {
        // The test's own SHA-512 against the same known answer as above.
        assertEquals("5d18ccc273683e41e860ca37caf9d94dde851e1434d61f882080f02415372258"
                + "bf93dd4699695ddd087b671b642c7abc62a5126f8e6b0e2c94114ec6d26bd5d6",
                sha512("ord-1200200000.00SB-Mid-server-TEST"));
        assertEquals(128, HexFormat.of().parseHex(sha512("x")).length * 2);
    }
}
