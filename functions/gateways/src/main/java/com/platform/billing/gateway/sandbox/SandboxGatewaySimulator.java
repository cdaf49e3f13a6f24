package com.platform.billing.gateway.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Env;
import com.platform.billing.api.Json;
import com.platform.billing.api.Log;
import com.platform.billing.domain.payment.PaymentMethod;
import com.platform.billing.gateway.Amounts;
import com.platform.billing.gateway.GatewayConfig;
import com.platform.billing.gateway.GatewayRequests;
import com.platform.billing.gateway.GatewaySecrets;
import com.platform.billing.gateway.PaymentMethods;
import com.platform.billing.gateway.Signatures;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sandbox gateway's own side — what Midtrans' or Xendit's servers are for the real adapters. The local runtime
 * mounts it at {@code /_sandbox/} and hands it each request; it depends on nothing of the runtime.
 *
 * <ul>
 *   <li>{@code GET checkout/{orderId}?…signed link…}: the payment page (amount, order, expiry; Pay and Fail).</li>
 *   <li>{@code POST checkout/{orderId}/pay|fail|expire|refund} (form fields = the signed link): builds the
 *       notification, signs it, POSTs it to the webhook like a real gateway, then sends the browser (303) to the
 *       order's finish URL with {@code ?orderId=…&status=…}. If our webhook does not answer 2xx the page says so and
 *       offers to send it again (a real gateway would retry on its own).</li>
 * </ul>
 * It keeps no state: everything about an order is in its signed link (see {@link SandboxCheckoutLink}).
 *
 * <p>A card registration's page ({@code card=save} in its link) has a card form instead of the method choice. Only
 * the {@link #TEST_CARDS} are accepted; the number is read here — the gateway's side, like Midtrans' or Xendit's
 * card page — and never leaves it: the notification carries a token derived from it (HMAC with the sandbox secret,
 * so the same card gets the same token), the brand, the last four digits and the expiry. Nothing here logs it.
 */
public final class SandboxGatewaySimulator {

    /** A response for the local runtime to write. Header names are lower-case. */
    public record Response(int status, String contentType, String body, Map<String, String> headers) {
    }

    /** The sandbox's test cards: what paying with each does. Any other number is refused by the page. */
    public enum TestCard {
        /** Approved; its token charges successfully ({@code tok_ok…}). */
        APPROVED("4811111111111114", "PAID", "tok_ok_"),
        /** Declined by the issuer: the registration fails, no token. */
        DECLINED("4911111111111113", "FAILED", null),
        /** Approved, but its token is later reported expired at charge time ({@code tok_expired…}). */
        EXPIRES_LATER("4411111111111118", "PAID", "tok_expired_");

        private final String number;
        private final String outcome;
        private final String tokenPrefix;

        TestCard(String number, String outcome, String tokenPrefix) {
            this.number = number;
            this.outcome = outcome;
            this.tokenPrefix = tokenPrefix;
        }

        public String number() {
            return number;
        }

        static TestCard of(String digits) {
            for (TestCard card : values()) {
                if (card.number.equals(digits)) {
                    return card;
                }
            }
            return null;
        }
    }

    /** The test numbers as the page shows them. */
    public static final List<TestCard> TEST_CARDS = List.of(TestCard.values());

    private static final String HTML = "text/html; charset=utf-8";
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'WIB'",
            Locale.ENGLISH);
    private static final Map<String, String> ACTIONS = Map.of("pay", "PAID", "fail", "FAILED", "expire", "EXPIRED",
            "refund", "REFUNDED");

    private final String secret;
    private final URI webhookUrl;
    private final Clock clock;
    private final HttpClient http;
    private final Duration webhookTimeout;

    /**
     * @param webhookUrl our webhook, normally {@code {LOCAL_BASE_URL}/pg/sandbox/notifications}
     */
    public SandboxGatewaySimulator(String sandboxSecret, URI webhookUrl, Clock clock) {
        if (sandboxSecret == null || sandboxSecret.isBlank()) {
            throw new IllegalStateException("missing sandbox gateway secret");
        }
        this.secret = sandboxSecret;
        this.webhookUrl = webhookUrl;
        this.clock = clock;
        // Like Midtrans: 15 s for the merchant to answer.
        this.webhookTimeout = Duration.ofSeconds(15);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Built from the same settings as the sandbox gateway: {@code PG_SANDBOX_SECRET} (or the secret document) and
     * {@code LOCAL_BASE_URL}; {@code PG_SANDBOX_WEBHOOK_URL} overrides the webhook. */
    public static SandboxGatewaySimulator fromEnvironment(Clock clock) {
        String secret = GatewaySecrets.fromEnvironment().requireFor("sandbox").sandboxSecret();
        URI webhook = Env.get("PG_SANDBOX_WEBHOOK_URL").map(URI::create).orElseGet(() -> GatewayConfig.resolve(
                URI.create(Env.get("LOCAL_BASE_URL").orElse(GatewayConfig.LOCAL_DEFAULT)),
                "/pg/sandbox/notifications"));
        return new SandboxGatewaySimulator(secret, webhook, clock);
    }

    /**
     * Handles one request below the mount point.
     *
     * @param path    the path after {@code /_sandbox/}, e.g. {@code checkout/ord-1/pay} (a leading slash is fine)
     * @param query   decoded query parameters (see {@link #parseQuery})
     * @param headers request headers, lower-case names (unused today; kept for content negotiation)
     * @param body    the request body (a form, for POST)
     */
    public Response handle(String method, String path, Map<String, String> query, Map<String, String> headers,
                           String body) {
        String[] parts = (path == null ? "" : path.replaceFirst("^/+", "").replaceFirst("^_sandbox/", ""))
                .split("/");
        if (parts.length < 2 || !"checkout".equals(parts[0]) || !GatewayRequests.ORDER_ID.matcher(parts[1])
                .matches() || parts.length > 3) {
            return page(404, "Not found", "<p>There is no sandbox page here.</p>");
        }
        String orderId = parts[1];
        Map<String, String> parameters = new HashMap<>(query == null ? Map.of() : query);
        if (parts.length == 2) {
            if (!"GET".equalsIgnoreCase(method)) {
                return page(405, "Method not allowed", "<p>Open this page with GET.</p>");
            }
            return checkoutPage(orderId, parameters);
        }
        String status = ACTIONS.get(parts[2]);
        if (status == null) {
            return page(404, "Not found", "<p>There is no sandbox page here.</p>");
        }
        if (!"POST".equalsIgnoreCase(method)) {
            return page(405, "Method not allowed", "<p>Use the buttons of the payment page.</p>");
        }
        parameters.putAll(parseQuery(body));
        return act(orderId, parts[2], status, parameters);
    }

    private Response checkoutPage(String orderId, Map<String, String> parameters) {
        SandboxCheckoutLink link = SandboxCheckoutLink.verify(orderId, parameters, secret);
        if (link == null) {
            return page(400, "Invalid payment link", "<p>This payment link is not valid. Start the payment again"
                    + " from the billing page.</p>");
        }
        String amount = formatAmount(link.amount(), link.currency());
        Instant expires = Instant.ofEpochSecond(link.expires());
        StringBuilder html = new StringBuilder();
        html.append("<h1>Pay ").append(escape(amount)).append("</h1>\n<dl>\n")
                .append("<dt>Order</dt><dd><code>").append(escape(orderId)).append("</code></dd>\n");
        if (!link.description().isEmpty()) {
            html.append("<dt>Description</dt><dd>").append(escape(link.description())).append("</dd>\n");
        }
        html.append("<dt>Amount</dt><dd>").append(escape(amount)).append("</dd>\n")
                .append("<dt>Pay before</dt><dd><time datetime=\"").append(expires).append("\">")
                .append(escape(SHOWN.format(expires.atZone(JAKARTA)))).append("</time></dd>\n");
        if (!link.method().isEmpty()) {
            html.append("<dt>Payment method</dt><dd>").append(escape(methodName(link.method()))).append("</dd>\n");
        }
        html.append("</dl>\n");
        if (expired(link)) {
            html.append("<p role=\"alert\">This payment page has expired. No payment can be made.</p>\n");
            return page(410, "Payment page expired", html.toString());
        }
        if (link.saveCard()) {
            html.append(cardForm(orderId, link, amount, null));
            html.append(form(orderId, "fail", link, "Cancel", "secondary", false));
            return page(200, "Save a card", html.toString());
        }
        html.append(form(orderId, "pay", link, "Pay " + amount, "primary", link.method().isEmpty()));
        html.append(form(orderId, "fail", link, "Fail this payment", "secondary", false));
        return page(200, "Pay " + amount, html.toString());
    }

    /** The card form of a registration page: number, expiry, CVV (never echoed back), and the test numbers. */
    private String cardForm(String orderId, SandboxCheckoutLink link, String amount, String error) {
        StringBuilder html = new StringBuilder();
        html.append("<p>Enter a card to save it for this organization's postpaid invoices. ").append(escape(amount))
                .append(" is charged to verify it and added to the organization's credit.</p>\n");
        if (error != null) {
            html.append("<p role=\"alert\" id=\"card-error\">").append(escape(error)).append("</p>\n");
        }
        html.append("<form method=\"post\" autocomplete=\"off\" action=\"").append(SandboxCheckoutLink.MOUNT)
                .append("checkout/").append(escape(orderId)).append("/pay\">\n")
                .append(hidden(link, false, null))
                .append("<div><label for=\"card-number\">Card number</label> <input id=\"card-number\""
                        + " name=\"card_number\" inputmode=\"numeric\" autocomplete=\"off\" required></div>\n")
                .append("<div><label for=\"card-expiry\">Expiry (MM/YY)</label> <input id=\"card-expiry\""
                        + " name=\"card_expiry\" placeholder=\"MM/YY\" autocomplete=\"off\" required></div>\n")
                .append("<div><label for=\"card-cvv\">CVV</label> <input id=\"card-cvv\" name=\"card_cvv\""
                        + " inputmode=\"numeric\" autocomplete=\"off\" required></div>\n")
                .append("<button type=\"submit\" class=\"primary\" id=\"save-card\">Pay ")
                .append(escape(amount)).append(" and save card</button>\n</form>\n")
                .append("<details><summary>Sandbox test cards</summary><ul>\n");
        for (TestCard card : TEST_CARDS) {
            html.append("<li><code>").append(card.number().replaceAll("(\\d{4})(?=\\d)", "$1 "))
                    .append("</code>: ").append(switch (card) {
                        case APPROVED -> "approved";
                        case DECLINED -> "declined";
                        case EXPIRES_LATER -> "approved; its token is reported expired when charged later";
                    }).append("</li>\n");
        }
        html.append("</ul><p>Any future expiry and any 3-digit CVV.</p></details>\n");
        return html.toString();
    }

    private Response act(String orderId, String action, String reported, Map<String, String> parameters) {
        String status = reported;
        SandboxCheckoutLink link = SandboxCheckoutLink.verify(orderId, parameters, secret);
        if (link == null) {
            return page(400, "Invalid payment link", "<p>This payment link is not valid. Start the payment again"
                    + " from the billing page.</p>");
        }
        if (expired(link) && ("pay".equals(action) || "fail".equals(action))) {
            return page(410, "Payment page expired", "<p role=\"alert\">This payment page has expired. No payment"
                    + " can be made.</p>");
        }
        Map<String, Object> card = Map.of();
        if (link.saveCard() && "pay".equals(action)) {
            Object read = readCard(parameters);
            if (read instanceof String refused) {
                return page(422, "Card not accepted", cardForm(orderId, link, formatAmount(link.amount(),
                        link.currency()), refused) + form(orderId, "fail", link, "Cancel", "secondary", false));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> accepted = (Map<String, Object>) read;
            card = accepted;
            status = (String) card.remove("status");
        }
        String chosen = link.saveCard() ? "card" : !link.method().isEmpty() ? link.method()
                : parameters.getOrDefault("payment_method", "");
        String method = PaymentMethods.catalogue("sandbox").stream().map(PaymentMethod::code)
                .filter(code -> code.equals(chosen)).findFirst()
                .orElse(PaymentMethods.catalogue("sandbox").getFirst().code());
        String notification = notification(link, status, method, card);
        String signature = Signatures.hmacSha256Hex(secret, notification.getBytes(StandardCharsets.UTF_8));
        int answered = deliver(notification, signature);
        if (answered < 200 || answered >= 300) {
            String why = answered == 0 ? "could not be reached" : "answered HTTP " + answered;
            String html = "<p role=\"alert\">The payment was recorded as <strong>" + status + "</strong>, but the"
                    + " merchant's webhook " + escape(why) + ". A real gateway would retry later.</p>\n"
                    // A registration is not re-sent from here: that would need the card again. Start a new one.
                    + (link.saveCard() ? "" : form(orderId, action, link, "Send the notification again", "primary",
                    false, method));
            return page(502, "Notification not delivered", html);
        }
        if (link.finishUrl().isEmpty()) {
            return page(200, "Payment " + status.toLowerCase(Locale.ROOT), "<p>The payment is <strong>" + status
                    + "</strong> and the merchant was notified. You can close this page.</p>");
        }
        String location = link.finishUrl() + (link.finishUrl().contains("?") ? "&" : "?") + "orderId="
                + URLEncoder.encode(orderId, StandardCharsets.UTF_8) + "&status=" + status;
        Map<String, String> headers = new LinkedHashMap<>(securityHeaders());
        headers.put("location", location);
        return new Response(303, HTML, document("Redirecting", "<p><a href=\"" + escape(location)
                + "\">Continue to the merchant</a></p>"), headers);
    }

    /**
     * The card fields of the form, checked like a gateway would: a sandbox test number (spaces allowed), a month
     * that has not passed, a 3-4 digit CVV. Returns the refusal (a String, for the page) or the notification's card
     * fields plus the resulting {@code status}. The number itself is only used to derive the token.
     */
    private Object readCard(Map<String, String> parameters) {
        String digits = parameters.getOrDefault("card_number", "").replaceAll("[ -]", "");
        TestCard card = TestCard.of(digits);
        if (card == null) {
            return "Use one of the sandbox test cards listed below.";
        }
        java.util.regex.Matcher expiry = java.util.regex.Pattern.compile("(\\d{2})\\s*/\\s*(\\d{2}|\\d{4})")
                .matcher(parameters.getOrDefault("card_expiry", "").strip());
        if (!expiry.matches()) {
            return "Enter the expiry as MM/YY.";
        }
        int month = Integer.parseInt(expiry.group(1));
        int year = Integer.parseInt(expiry.group(2));
        year = year < 100 ? 2000 + year : year;
        java.time.YearMonth now = java.time.YearMonth.now(clock.withZone(JAKARTA));
        if (month < 1 || month > 12 || java.time.YearMonth.of(year, month).isBefore(now)) {
            return "The card has expired, or the expiry is not a month.";
        }
        if (!parameters.getOrDefault("card_cvv", "").matches("\\d{3,4}")) {
            return "Enter the 3 or 4 digit CVV.";
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", card.outcome);
        if (card.tokenPrefix != null) {
            fields.put("saved_token_id", card.tokenPrefix + Signatures.hmacSha256Hex(secret,
                    ("sandbox-card-token\n" + digits).getBytes(StandardCharsets.UTF_8)).substring(0, 24));
            fields.put("card_brand", digits.startsWith("4") ? "VISA" : "MASTERCARD");
            fields.put("card_last4", digits.substring(digits.length() - 4));
            fields.put("card_expiry_month", month);
            fields.put("card_expiry_year", year);
        } else {
            fields.put("status_message", "card declined by the issuer (sandbox)");
        }
        return fields;
    }

    /** The notification body, exactly as documented in SANDBOX.md (plus the card fields of a registration). */
    private String notification(SandboxCheckoutLink link, String status, String method, Map<String, Object> card) {
        ObjectNode body = Json.object();
        body.put("order_id", link.orderId());
        body.put("status", status);
        body.put("amount", link.amount());
        body.put("currency", link.currency());
        body.put("transaction_id", "sbx-" + Signatures.sha512Hex(link.orderId() + ":" + status).substring(0, 24));
        body.put("reference_number", "SBX" + Signatures.sha512Hex(link.orderId()).substring(0, 12)
                .toUpperCase(Locale.ROOT));
        body.put("payment_method", method);
        body.put("occurred_at", clock.instant().toString());
        card.forEach((name, value) -> {
            if (value instanceof Integer number) {
                body.put(name, number);
            } else {
                body.put(name, value.toString());
            }
        });
        return Json.write(body);
    }

    /** POSTs the signed notification to the webhook; the HTTP status, or 0 when it could not be delivered. */
    private int deliver(String notification, String signature) {
        HttpRequest request = HttpRequest.newBuilder(webhookUrl)
                .timeout(webhookTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "billing-sandbox-gateway/1")
                .header(SandboxGateway.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofString(notification, StandardCharsets.UTF_8))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            ObjectNode line = Log.line(status >= 200 && status < 300 ? "INFO" : "WARN", "sandbox notification");
            line.put("httpStatus", status);
            Log.emit(line);
            return status;
        } catch (IOException e) {
            Log.warn("sandbox notification not delivered");
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private boolean expired(SandboxCheckoutLink link) {
        return !clock.instant().isBefore(Instant.ofEpochSecond(link.expires()));
    }

    private String form(String orderId, String action, SandboxCheckoutLink link, String label, String style,
                        boolean chooseMethod) {
        return form(orderId, action, link, label, style, chooseMethod, null);
    }

    private String form(String orderId, String action, SandboxCheckoutLink link, String label, String style,
                        boolean chooseMethod, String chosenMethod) {
        return "<form method=\"post\" action=\"" + SandboxCheckoutLink.MOUNT + "checkout/" + escape(orderId) + "/"
                + action + "\">\n" + hidden(link, chooseMethod, chosenMethod) + "<button type=\"submit\" class=\""
                + style + "\">" + escape(label) + "</button>\n</form>\n";
    }

    /** The signed link as hidden fields (the signature covers only what the page shows; it reveals no secret). */
    private String hidden(SandboxCheckoutLink link, boolean chooseMethod, String chosenMethod) {
        StringBuilder html = new StringBuilder();
        link.parameters(secret).forEach((name, value) -> html.append("<input type=\"hidden\" name=\"").append(name)
                .append("\" value=\"").append(escape(value)).append("\">\n"));
        if (chosenMethod != null) {
            html.append("<input type=\"hidden\" name=\"payment_method\" value=\"").append(escape(chosenMethod))
                    .append("\">\n");
        }
        if (chooseMethod) {
            html.append("<fieldset>\n<legend>Payment method</legend>\n");
            List<PaymentMethod> methods = PaymentMethods.catalogue("sandbox");
            for (int i = 0; i < methods.size(); i++) {
                PaymentMethod method = methods.get(i);
                String id = "method-" + escape(method.code());
                html.append("<div><input type=\"radio\" name=\"payment_method\" id=\"").append(id)
                        .append("\" value=\"").append(escape(method.code())).append('"')
                        .append(i == 0 ? " checked" : "").append("> <label for=\"").append(id).append("\">")
                        .append(escape(method.displayName())).append("</label></div>\n");
            }
            html.append("</fieldset>\n");
        }
        return html.toString();
    }

    private Response page(int status, String title, String content) {
        return new Response(status, HTML, document(title, content), securityHeaders());
    }

    private static String document(String title, String content) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Sandbox payment</title>
                <style>
                body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
                .badge{display:inline-block;background:#fff3cd;color:#5c4400;padding:.2rem .6rem;border-radius:.3rem}
                dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem}dt{font-weight:600}dd{margin:0}
                form{margin:1rem 0}fieldset{margin-bottom:1rem}
                button{font-size:1rem;padding:.7rem 1.2rem;border-radius:.4rem;border:2px solid #0b5394;cursor:pointer}
                .primary{background:#0b5394;color:#fff}.secondary{background:#fff;color:#0b5394}
                button:focus-visible{outline:3px solid #f1a000;outline-offset:2px}
                </style>
                </head>
                <body>
                <main>
                <p class="badge">Sandbox gateway: no real money moves</p>
                %s</main>
                </body>
                </html>
                """.formatted(escape(title), content);
    }

    private static Map<String, String> securityHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("cache-control", "no-store");
        headers.put("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none';"
                + " frame-ancestors 'none'");
        headers.put("x-content-type-options", "nosniff");
        headers.put("referrer-policy", "no-referrer");
        return headers;
    }

    private static String methodName(String code) {
        return PaymentMethods.catalogue("sandbox").stream().filter(m -> m.code().equals(code))
                .map(PaymentMethod::displayName).findFirst().orElse(code);
    }

    /** {@code Rp 1.234.567} for IDR (Indonesian grouping); {@code USD 12.50} otherwise. */
    static String formatAmount(long amount, String currency) {
        if ("IDR".equals(currency)) {
            StringBuilder digits = new StringBuilder(Long.toString(Math.abs(amount)));
            for (int i = digits.length() - 3; i > 0; i -= 3) {
                digits.insert(i, '.');
            }
            return (amount < 0 ? "-" : "") + "Rp " + digits;
        }
        int minor;
        try {
            minor = Amounts.minorDigits(currency);
        } catch (IllegalArgumentException unknown) {
            minor = 0;
        }
        return currency + " " + BigDecimal.valueOf(amount, minor).toPlainString();
    }

    /** Decodes {@code a=1&b=x%20y} (a query string or a form body); later duplicates win. */
    public static Map<String, String> parseQuery(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException badEscape) {
                // a malformed pair is ignored; the link's signature then fails if it mattered
            }
        }
        return parameters;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
