package com.platform.billing.gateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.payment.CheckoutRequest;
import com.platform.billing.domain.payment.GatewayNotification;
import com.platform.billing.domain.payment.PaymentStatus;
import com.platform.billing.gateway.GatewayConfig;
import com.platform.billing.gateway.StubServer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SandboxGatewaySimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "sandbox-secret";
    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");
    private static final String ORDER = "org-1~AbCdEfGhIjKlM";
    private static final Pattern FORM = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">(.*?)</form>",
            Pattern.DOTALL);
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    private final StubServer webhook = new StubServer();
    private final SandboxGateway gateway = new SandboxGateway(GatewayConfig.defaults("sandbox")
            .withLocalBaseUrl(URI.create("http://127.0.0.1:3000")), SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
    private final SandboxGatewaySimulator simulator = simulatorAt(NOW.plusSeconds(60));

    @AfterEach
    void stop() {
        webhook.close();
    }

    private SandboxGatewaySimulator simulatorAt(Instant now) {
        return new SandboxGatewaySimulator(SECRET, webhook.url("/pg/sandbox/notifications"),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private URI checkoutUrl(String finishUrl) {
        return gateway.createCheckout(new CheckoutRequest(ORDER, "org-1", Money.of(1_234_567, "IDR"), null,
                NOW.plus(Duration.ofHours(24)), "Top-up <IDR 1,112,223 + VAT>", finishUrl)).paymentUrl();
    }

    private static SandboxGatewaySimulator.Response get(SandboxGatewaySimulator simulator, URI url) {
        String path = url.getRawPath().substring("/_sandbox/".length());
        return simulator.handle("GET", path, SandboxGatewaySimulator.parseQuery(url.getRawQuery()), Map.of(), null);
    }

    /** Submits the page's form for {@code action} the way a browser would. */
    private static SandboxGatewaySimulator.Response submit(SandboxGatewaySimulator simulator, String html,
                                                           String action, String chosenMethod) {
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            if (!form.group(1).endsWith("/" + action)) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher hidden = HIDDEN.matcher(form.group(2));
            while (hidden.find()) {
                fields.put(hidden.group(1), unescape(hidden.group(2)));
            }
            if (chosenMethod != null) {
                fields.put("payment_method", chosenMethod);
            }
            StringBuilder body = new StringBuilder();
            fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            return simulator.handle("POST", form.group(1).substring("/_sandbox/".length()), Map.of(),
                    Map.of("content-type", "application/x-www-form-urlencoded"), body.toString());
        }
        throw new AssertionError("no form for " + action + " in " + html);
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    @Test
    void checkoutPage_rendersAnAccessiblePageWithAmountOrderAndTwoButtons() {
        SandboxGatewaySimulator.Response page = get(simulator, checkoutUrl("http://127.0.0.1:3000/done"));
        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.contentType());
        String html = page.body();
        assertTrue(html.startsWith("<!doctype html>"));
        assertTrue(html.contains("<html lang=\"en\">"));
        assertTrue(html.contains("<title>Pay Rp 1.234.567 · Sandbox payment</title>"), html);
        assertTrue(html.contains("<h1>Pay Rp 1.234.567</h1>"));
        assertTrue(html.contains("<code>" + ORDER + "</code>"));
        assertTrue(html.contains("Top-up &lt;IDR 1,112,223 + VAT&gt;"), "the description is escaped");
        assertTrue(html.contains("28 Nov 2026, 11:00 WIB"));
        assertTrue(html.contains("<button type=\"submit\" class=\"primary\">Pay Rp 1.234.567</button>"));
        assertTrue(html.contains("<button type=\"submit\" class=\"secondary\">Fail this payment</button>"));
        assertTrue(html.contains("<legend>Payment method</legend>"));
        assertTrue(html.contains("<label for=\"method-qris\">QRIS (sandbox)</label>"));
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.matches("(?s).*(src|href)=\"https?://.*"), "no external assets");
        assertTrue(page.headers().get("content-security-policy").startsWith("default-src 'none'"));
        assertEquals("no-store", page.headers().get("cache-control"));
    }

    @Test
    void pay_postsACorrectlySignedNotificationToTheWebhookAndRedirectsToTheFinishUrl() throws Exception {
        webhook.reply(200, "{\"received\":true}");
        String html = get(simulator, checkoutUrl("http://127.0.0.1:3000/done?tab=billing")).body();

        SandboxGatewaySimulator.Response response = submit(simulator, html, "pay", "qris");

        StubServer.Recorded delivered = webhook.take();
        assertEquals("POST", delivered.method());
        assertEquals("/pg/sandbox/notifications", delivered.path());
        assertEquals("application/json", delivered.header("content-type"));
        assertEquals(SandboxGatewayTest.hmac(SECRET, delivered.body()), delivered.header("x-sandbox-signature"));
        JsonNode notification = JSON.readTree(delivered.body());
        assertEquals(ORDER, notification.get("order_id").textValue());
        assertEquals("PAID", notification.get("status").textValue());
        assertTrue(notification.get("amount").isIntegralNumber());
        assertEquals(1_234_567, notification.get("amount").longValue());
        assertEquals("IDR", notification.get("currency").textValue());
        assertEquals("qris", notification.get("payment_method").textValue());
        assertTrue(notification.get("transaction_id").textValue().startsWith("sbx-"));
        assertTrue(notification.get("reference_number").textValue().startsWith("SBX"));
        assertEquals(NOW.plusSeconds(60).toString(), notification.get("occurred_at").textValue());

        assertEquals(303, response.status());
        assertEquals("http://127.0.0.1:3000/done?tab=billing&orderId=org-1%7EAbCdEfGhIjKlM&status=PAID",
                response.headers().get("location"));

        // The adapter on our side accepts exactly what the simulator sent.
        GatewayNotification accepted = gateway.authenticateNotification(Map.of("x-sandbox-signature",
                delivered.header("x-sandbox-signature")), delivered.body());
        assertEquals(PaymentStatus.PAID, accepted.status());
        assertEquals(Money.of(1_234_567, "IDR"), accepted.amount());
        assertEquals(ORDER, accepted.orderId());
    }

    @Test
    void fail_postsASignedFailedNotificationAndRedirects() throws Exception {
        webhook.reply(204, "");
        String html = get(simulator, checkoutUrl("http://127.0.0.1:3000/done")).body();

        SandboxGatewaySimulator.Response response = submit(simulator, html, "fail", null);

        StubServer.Recorded delivered = webhook.take();
        assertEquals(SandboxGatewayTest.hmac(SECRET, delivered.body()), delivered.header("x-sandbox-signature"));
        assertEquals("FAILED", JSON.readTree(delivered.body()).get("status").textValue());
        assertEquals(303, response.status());
        assertTrue(response.headers().get("location").endsWith("&status=FAILED"));
        assertEquals(PaymentStatus.FAILED, gateway.authenticateNotification(Map.of("x-sandbox-signature",
                delivered.header("x-sandbox-signature")), delivered.body()).status());
    }

    @Test
    void pay_withoutFinishUrl_answersAPageInsteadOfARedirect() {
        webhook.reply(200, "{}");
        String html = get(simulator, checkoutUrl(null)).body();
        SandboxGatewaySimulator.Response response = submit(simulator, html, "pay", null);
        assertEquals(200, response.status());
        assertTrue(response.body().contains("<strong>PAID</strong>"));
        assertTrue(webhook.take().body().contains("\"payment_method\":\"bank_transfer\""),
                "the page's default method");
    }

    @Test
    void pay_whenTheWebhookRefuses_saysSoAndOffersToSendAgain() {
        webhook.reply(500, "{\"type\":\"urn:problem-type:billing:internal\"}");
        String html = get(simulator, checkoutUrl("http://127.0.0.1:3000/done")).body();

        SandboxGatewaySimulator.Response response = submit(simulator, html, "pay", null);

        assertEquals(502, response.status());
        assertTrue(response.body().contains("answered HTTP 500"));
        assertTrue(response.body().contains("Send the notification again"));
        webhook.take();
        webhook.reply(200, "{}");
        assertEquals(303, submit(simulator, response.body(), "pay", null).status());
        assertTrue(webhook.take().body().contains("\"status\":\"PAID\""));
    }

    @Test
    void checkoutPage_whenTheLinkIsTampered_refusesAndNotifiesNobody() {
        URI url = checkoutUrl("http://127.0.0.1:3000/done");
        URI cheaper = URI.create(url.toString().replace("amount=1234567", "amount=1000"));
        assertEquals(400, get(simulator, cheaper).status());
        URI otherOrder = URI.create(url.toString().replace(ORDER, "org-2~AbCdEfGhIjKlM"));
        assertEquals(400, get(simulator, otherOrder).status());

        String html = get(simulator, url).body().replace("value=\"1234567\"", "value=\"1000\"");
        assertEquals(400, submit(simulator, html, "pay", null).status());
        assertEquals(0, webhook.pending());
    }

    @Test
    void checkoutPage_afterExpiry_takesNoPayment() {
        URI url = checkoutUrl("http://127.0.0.1:3000/done");
        String html = get(simulator, url).body();
        SandboxGatewaySimulator late = simulatorAt(NOW.plus(Duration.ofHours(24)));

        SandboxGatewaySimulator.Response page = get(late, url);
        assertEquals(410, page.status());
        assertFalse(page.body().contains("<form"));
        assertEquals(410, submit(late, html, "pay", null).status());
        assertEquals(0, webhook.pending());
    }

    @Test
    void handle_whenPathOrMethodIsWrong_answers404Or405() {
        assertEquals(404, simulator.handle("GET", "nothing/here", Map.of(), Map.of(), null).status());
        assertEquals(404, simulator.handle("GET", "checkout/bad%20id", Map.of(), Map.of(), null).status());
        assertEquals(404, simulator.handle("POST", "checkout/ord-1/steal", Map.of(), Map.of(), "").status());
        assertEquals(405, simulator.handle("POST", "checkout/ord-1", Map.of(), Map.of(), "").status());
        assertEquals(405, simulator.handle("GET", "checkout/ord-1/pay", Map.of(), Map.of(), null).status());
    }

    @Test
    void formatAmount_usesIndonesianGrouping() {
        assertEquals("Rp 50.000", SandboxGatewaySimulator.formatAmount(50_000, "IDR"));
        assertEquals("Rp 1.234.567", SandboxGatewaySimulator.formatAmount(1_234_567, "IDR"));
        assertEquals("Rp 999", SandboxGatewaySimulator.formatAmount(999, "IDR"));
        assertEquals("USD 12.50", SandboxGatewaySimulator.formatAmount(1_250, "USD"));
    }

    // ---- card registration (issue 9) ----

    private URI registrationUrl() {
        return gateway.createCardRegistration(new CheckoutRequest(ORDER, "org-1", Money.of(11_100, "IDR"), null,
                NOW.plus(Duration.ofHours(24)), "Card verification", null)).paymentUrl();
    }

    /** The card form's hidden fields plus the card, posted to the sandbox's own pay action. */
    private SandboxGatewaySimulator.Response submitCard(String html, String number, String expiry, String cvv) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(html.substring(html.indexOf("id=\"card-number\"") > 0
                ? html.lastIndexOf("<form", html.indexOf("id=\"card-number\"")) : 0));
        while (hidden.find() && !fields.containsKey("sig")) {
            fields.put(hidden.group(1), unescape(hidden.group(2)));
        }
        fields.put("card_number", number);
        fields.put("card_expiry", expiry);
        fields.put("card_cvv", cvv);
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return simulator.handle("POST", "checkout/" + ORDER + "/pay", Map.of(),
                Map.of("content-type", "application/x-www-form-urlencoded"), body.toString());
    }

    @Test
    void registrationPage_hasACardFormAndListsTheTestCards_butNoMethodChoice() {
        SandboxGatewaySimulator.Response page = get(simulator, registrationUrl());

        assertEquals(200, page.status());
        assertTrue(page.body().contains("id=\"card-number\""));
        assertTrue(page.body().contains("4811 1111 1111 1114") && page.body().contains("4911 1111 1111 1113"));
        assertFalse(page.body().contains("<legend>Payment method</legend>"));
    }

    @Test
    void registration_withTheApprovedTestCard_notifiesATokenAndTheLastFourDigitsButNeverTheNumber() throws Exception {
        webhook.reply(200, "{}");
        String html = get(simulator, registrationUrl()).body();

        SandboxGatewaySimulator.Response paid = submitCard(html, "4811 1111 1111 1114", "12/30", "123");

        assertEquals(200, paid.status(), paid.body());
        StubServer.Recorded delivered = webhook.take();
        JsonNode notification = JSON.readTree(delivered.body());
        assertEquals("PAID", notification.path("status").asText());
        assertTrue(notification.path("saved_token_id").asText().startsWith("tok_ok_"));
        assertEquals("1114", notification.path("card_last4").asText());
        assertEquals(2030, notification.path("card_expiry_year").asInt());
        assertFalse(delivered.body().contains("4811111111111114") || delivered.body().contains("4811 1111"),
                "the number never leaves the sandbox's page");
        assertFalse(paid.body().contains("4811"), "nor is it echoed");
    }

    @Test
    void registration_withAnotherNumber_isRefusedOnThePage_withoutNotifyingOrEchoingIt() {
        String html = get(simulator, registrationUrl()).body();

        SandboxGatewaySimulator.Response refused = submitCard(html, "4111 1111 1111 1111", "12/30", "123");

        assertEquals(422, refused.status());
        assertTrue(refused.body().contains("sandbox test cards"), refused.body());
        assertFalse(refused.body().contains("4111 1111 1111 1111") || refused.body().contains("4111111111111111"));
        assertEquals(0, webhook.pending(), "nothing was sent to the merchant");
    }

    @Test
    void registration_withTheDeclinedTestCard_notifiesAFailureWithoutToken() throws Exception {
        webhook.reply(200, "{}");
        String html = get(simulator, registrationUrl()).body();

        submitCard(html, "4911111111111113", "01/31", "999");

        JsonNode notification = JSON.readTree(webhook.take().body());
        assertEquals("FAILED", notification.path("status").asText());
        assertTrue(notification.path("saved_token_id").isMissingNode());
    }
}
