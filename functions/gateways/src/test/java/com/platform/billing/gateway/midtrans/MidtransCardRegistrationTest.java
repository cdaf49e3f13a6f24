package com.platform.billing.gateway.midtrans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.payment.CheckoutRequest;
import com.platform.billing.domain.payment.GatewayNotification;
import com.platform.billing.domain.payment.PaymentStatus;
import com.platform.billing.domain.payment.RegisteredCard;
import com.platform.billing.gateway.GatewayConfig;
import com.platform.billing.gateway.PaymentMethods;
import com.platform.billing.gateway.StubServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** [issue 9] Midtrans card registration (Snap with {@code save_card}) against a local stub of its API. */
class MidtransCardRegistrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVER_KEY = "SB-Mid-server-TEST";
    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");
    private static final String ORDER = "org-1~AbCdEfGhIjKlM";

    private final StubServer stub = new StubServer();
    private final GatewayConfig config = GatewayConfig.defaults("midtrans")
            .withBaseUrls(stub.url("/snap-host"), stub.url("/api-host"))
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
            .withPaymentMethods(PaymentMethods.resolve("midtrans", "bca_va,gopay"));
    private final MidtransGateway gateway = new MidtransGateway(config, SERVER_KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void createCardRegistration_asksSnapToSaveTheCardOfTheOrgWithOnlyCreditCardEnabled() throws Exception {
        stub.reply(201, "{\"token\":\"snap-token\",\"redirect_url\":\"https://app.sandbox.midtrans.com/snap/v4/x\"}");

        gateway.createCardRegistration(new CheckoutRequest(ORDER, "org-1", Money.of(11_100, "IDR"), null,
                NOW.plus(Duration.ofHours(24)), "Card verification", null));

        JsonNode body = JSON.readTree(stub.take().body());
        assertEquals("[\"credit_card\"]", body.get("enabled_payments").toString(),
                "only cards, whatever the top-up methods are");
        assertTrue(body.at("/credit_card/save_card").booleanValue());
        assertTrue(body.at("/credit_card/secure").booleanValue());
        assertEquals("org-1", body.path("user_id").asText());
        assertEquals(11_100, body.at("/transaction_details/gross_amount").longValue());
    }

    @Test
    void registeredCard_takesTheTokenFromTheStatusApi_notFromTheUnsignedNotificationField() throws Exception {
        String notificationBody = signed("{\"order_id\":\"" + ORDER + "\",\"status_code\":\"200\","
                + "\"gross_amount\":\"11100.00\",\"transaction_status\":\"capture\",\"fraud_status\":\"accept\","
                + "\"payment_type\":\"credit_card\",\"transaction_id\":\"tx-1\",\"currency\":\"IDR\","
                + "\"masked_card\":\"481111-1114\",\"saved_token_id\":\"481111ForgedToken\","
                + "\"saved_token_id_expired_at\":\"2030-12-31 07:00:00\"");
        GatewayNotification notification = gateway.authenticateNotification(Map.of(), notificationBody);
        assertEquals(PaymentStatus.PAID, notification.status());
        stub.reply(200, "{\"status_code\":\"200\",\"order_id\":\"" + ORDER + "\",\"transaction_status\":\"capture\","
                + "\"fraud_status\":\"accept\",\"gross_amount\":\"11100.00\",\"masked_card\":\"481111-1114\","
                + "\"saved_token_id\":\"481111HbYqLaEFXzWCtbnRmk1114\","
                + "\"saved_token_id_expired_at\":\"2030-12-31 07:00:00\"}");

        Optional<RegisteredCard> card = gateway.registeredCard(notification);

        assertEquals("/api-host/v2/" + ORDER + "/status", stub.take().path());
        assertEquals(Optional.of(new RegisteredCard("481111HbYqLaEFXzWCtbnRmk1114", "VISA", "•••• 1114", 12, 2030)),
                card);
    }

    @Test
    void registeredCard_whenNothingWasSaved_isEmpty() throws Exception {
        GatewayNotification notification = gateway.authenticateNotification(Map.of(), signed("{\"order_id\":\""
                + ORDER + "\",\"status_code\":\"200\",\"gross_amount\":\"11100.00\",\"transaction_status\":"
                + "\"settlement\",\"payment_type\":\"credit_card\",\"currency\":\"IDR\""));
        stub.reply(200, "{\"status_code\":\"200\",\"order_id\":\"" + ORDER + "\",\"transaction_status\":"
                + "\"settlement\",\"gross_amount\":\"11100.00\"}");

        assertEquals(Optional.empty(), gateway.registeredCard(notification));
    }

    /** The notification body with its signature_key, computed here (SHA-512 of order+status+gross+key). */
    private static String signed(String unterminated) throws Exception {
        JsonNode fields = JSON.readTree(unterminated + "}");
        String text = fields.path("order_id").asText() + fields.path("status_code").asText()
                + fields.path("gross_amount").asText() + SERVER_KEY;
        String signature = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        return unterminated + ",\"signature_key\":\"" + signature + "\"}";
    }
}
