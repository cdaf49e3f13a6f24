package com.platform.billing.gateway.xendit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.payment.CallbackRejectedException;
import com.platform.billing.domain.payment.CardChargeRequest;
import com.platform.billing.domain.payment.CardChargeResult;
import com.platform.billing.domain.payment.Checkout;
import com.platform.billing.domain.payment.CheckoutRequest;
import com.platform.billing.domain.payment.GatewayNotification;
import com.platform.billing.domain.payment.GatewayStatus;
import com.platform.billing.domain.payment.PaymentStatus;
import com.platform.billing.domain.payment.RegisteredCard;
import com.platform.billing.gateway.GatewayConfig;
import com.platform.billing.gateway.PaymentMethods;
import com.platform.billing.gateway.StubServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** [issue 9] Xendit's card registration ("pay and save" payment session) against a local stub of its API. */
class XenditCardRegistrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLBACK_TOKEN = "cb-token-0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");

    private final StubServer stub = new StubServer();
    private final GatewayConfig config = GatewayConfig.defaults("xendit")
            .withBaseUrls(stub.url("/unused"), stub.url("/xendit"))
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
            .withPaymentMethods(PaymentMethods.resolve("xendit", "bca,qris,credit_card"))
            .withMerchantId("5f27a14a9bf05c73dd040bc8");
    private final XenditGateway gateway = new XenditGateway(config, "xnd_development_TEST", CALLBACK_TOKEN,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void createCardRegistration_sendsAPayAndSaveSessionForCardsAndReturnsItsPage() throws Exception {
        stub.reply(201, "{\"payment_session_id\":\"ps-67527107dda8b2513acdaef0\",\"status\":\"ACTIVE\","
                + "\"reference_id\":\"org-1~AbCdEfGhIjKlM\",\"expires_at\":\"2026-11-28T04:00:00.000Z\","
                + "\"payment_link_url\":\"https://dev.xen.to/qZx5RD_7\"}");

        Checkout checkout = gateway.createCardRegistration(new CheckoutRequest("org-1~AbCdEfGhIjKlM", "org-1",
                Money.of(11_100, "IDR"), null, NOW.plus(Duration.ofHours(24)), "Card verification", null));

        StubServer.Recorded request = stub.take();
        assertEquals("POST", request.method());
        assertEquals("/xendit/sessions", request.path());
        JsonNode body = JSON.readTree(request.body());
        assertEquals("org-1~AbCdEfGhIjKlM", body.path("reference_id").asText());
        assertEquals("PAY", body.path("session_type").asText());
        assertEquals("PAYMENT_LINK", body.path("mode").asText());
        assertEquals(11_100, body.path("amount").asLong());
        assertEquals("FORCED", body.path("allow_save_payment_method").asText());
        assertEquals("[\"CARDS\"]", body.path("allowed_payment_channels").toString());
        assertEquals("RECURRING", body.at("/channel_properties/cards/card_on_file_type").asText());
        assertEquals("org-1", body.at("/customer/reference_id").asText());
        assertEquals("ps-67527107dda8b2513acdaef0", checkout.gatewayReference());
        assertEquals(URI.create("https://dev.xen.to/qZx5RD_7"), checkout.paymentUrl());
        assertEquals(Instant.parse("2026-11-28T04:00:00Z"), checkout.expiresAt());
    }

    @Test
    void sessionWebhook_completed_isAPaidNotificationOfTheOrder_andTheCardIsReadBackFromTheTokenApi() {
        String body = "{\"event\":\"payment_session.completed\",\"business_id\":\"5f27a14a9bf05c73dd040bc8\","
                + "\"created\":\"2026-11-27T04:05:00Z\",\"data\":{\"payment_session_id\":\"ps-1\","
                + "\"reference_id\":\"org-1~AbCdEfGhIjKlM\",\"status\":\"COMPLETED\",\"amount\":11100,"
                + "\"currency\":\"IDR\",\"payment_id\":\"py-1\",\"payment_token_id\":\"pt-9f02010d-1189\","
                + "\"updated\":\"2026-11-27T04:05:00Z\"}}";

        GatewayNotification notification = gateway.authenticateNotification(Map.of("x-callback-token",
                CALLBACK_TOKEN), body);

        assertEquals("org-1~AbCdEfGhIjKlM", notification.orderId());
        assertEquals(PaymentStatus.PAID, notification.status());
        assertEquals(Money.of(11_100, "IDR"), notification.amount());
        assertEquals("py-1", notification.transactionId());

        stub.reply(200, "{\"payment_token_id\":\"pt-9f02010d-1189\",\"status\":\"ACTIVE\",\"channel_code\":"
                + "\"CARDS\",\"channel_properties\":{\"card_details\":{\"masked_card_number\":\"481111XXXXXX1114\","
                + "\"expiry_month\":\"12\",\"expiry_year\":\"2030\",\"network\":\"VISA\"}}}");
        Optional<RegisteredCard> card = gateway.registeredCard(notification);

        assertEquals("/xendit/v3/payment_tokens/pt-9f02010d-1189", stub.take().path());
        assertEquals(Optional.of(new RegisteredCard("pt-9f02010d-1189", "VISA", "•••• 1114", 12, 2030)), card);
    }

    @Test
    void registeredCard_whenTheTokenIsNotActive_savesNone() {
        GatewayNotification notification = gateway.authenticateNotification(Map.of("x-callback-token",
                CALLBACK_TOKEN), "{\"event\":\"payment_session.completed\",\"data\":{\"reference_id\":\"ord-1\","
                + "\"status\":\"COMPLETED\",\"amount\":11100,\"currency\":\"IDR\",\"payment_token_id\":\"pt-1\"}}");
        stub.reply(200, "{\"payment_token_id\":\"pt-1\",\"status\":\"FAILED\"}");

        assertEquals(Optional.empty(), gateway.registeredCard(notification));
    }

    @Test
    void sessionWebhook_withAWrongCallbackToken_isRefused() {
        assertThrows(CallbackRejectedException.class, () -> gateway.authenticateNotification(
                Map.of("x-callback-token", "guess"), "{\"event\":\"payment_session.completed\",\"data\":{}}"));
    }

    @Test
    void fetchRegistrationStatus_readsTheSessionByItsId() {
        stub.reply(200, "{\"payment_session_id\":\"ps-1\",\"reference_id\":\"ord-1\",\"status\":\"COMPLETED\","
                + "\"amount\":11100,\"currency\":\"IDR\",\"payment_id\":\"py-1\"}");

        Optional<GatewayStatus> status = gateway.fetchRegistrationStatus("ord-1", "ps-1");

        assertEquals("/xendit/sessions/ps-1", stub.take().path());
        assertEquals(PaymentStatus.PAID, status.orElseThrow().status());
        assertEquals(Money.of(11_100, "IDR"), status.get().amount());
    }

    @Test
    void chargeSavedCard_withAPaymentToken_createsAV3PaymentRequestWithTheAttemptAsIdempotencyKey()
            throws Exception {
        stub.reply(201, "{\"payment_request_id\":\"pr-1\",\"reference_id\":\"inv-1-a1\",\"status\":\"SUCCEEDED\"}");

        CardChargeResult result = gateway.chargeSavedCard(new CardChargeRequest("inv-1-a1", "org-1",
                "pt-9f02010d-1189", Money.of(25_000, "IDR"), "Invoice INV/2026/11/000001"));

        StubServer.Recorded request = stub.take();
        assertEquals("/xendit/v3/payment_requests", request.path());
        assertEquals("inv-1-a1", request.header("idempotency-key"));
        JsonNode body = JSON.readTree(request.body());
        assertEquals("pt-9f02010d-1189", body.path("payment_token_id").asText());
        assertEquals(25_000, body.path("request_amount").asLong());
        assertEquals("AUTOMATIC", body.path("capture_method").asText());
        assertEquals(CardChargeResult.Outcome.SUCCEEDED, result.outcome());
    }

    @Test
    void chargeSavedCard_withAPaymentTokenOfAnExpiredCard_isTokenInvalid() {
        stub.reply(201, "{\"payment_request_id\":\"pr-2\",\"status\":\"FAILED\",\"failure_code\":\"EXPIRED_CARD\"}");

        CardChargeResult result = gateway.chargeSavedCard(new CardChargeRequest("inv-2-a1", "org-1",
                "pt-1", Money.of(25_000, "IDR"), "Invoice"));

        assertEquals(CardChargeResult.Outcome.TOKEN_INVALID, result.outcome());
        assertTrue(result.message().contains("EXPIRED_CARD"));
    }
}
