package com.platform.billing.gateway.xendit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Json;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.payment.CardChargeRequest;
import com.platform.billing.domain.payment.CardChargeResult;
import com.platform.billing.domain.payment.CardRegistrationGateway;
import com.platform.billing.domain.payment.Checkout;
import com.platform.billing.domain.payment.CheckoutRequest;
import com.platform.billing.domain.payment.GatewayException;
import com.platform.billing.domain.payment.GatewayNotification;
import com.platform.billing.domain.payment.GatewayStatus;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.domain.payment.PaymentMethod;
import com.platform.billing.domain.payment.PaymentStatus;
import com.platform.billing.domain.payment.RegisteredCard;
import com.platform.billing.gateway.Amounts;
import com.platform.billing.gateway.GatewayConfig;
import com.platform.billing.gateway.GatewayHttp;
import com.platform.billing.gateway.GatewayJson;
import com.platform.billing.gateway.GatewayRequests;
import com.platform.billing.gateway.Signatures;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Xendit: the Invoices API for the payment page and its callback, the card charges API for saved cards. Calls
 * authenticate with {@code Authorization: Basic base64(secretKey + ":")}.
 *
 * <ul>
 *   <li>{@link #createCheckout}: {@code POST {api}/v2/invoices} → {@code {id, invoice_url, expiry_date}}.</li>
 *   <li>{@link #authenticateNotification}: the {@code x-callback-token} header must equal the account's
 *       verification token (constant-time); the body carries no signature. {@code PAID} and {@code SETTLED} both
 *       mean PAID (a SETTLED after a PAID is the same state); {@code EXPIRED} is EXPIRED. A callback whose
 *       {@code user_id} is not {@code PG_MERCHANT_ID} is refused as unauthenticated.</li>
 *   <li>{@link #fetchStatus}: {@code GET {api}/v2/invoices?external_id={orderId}} (our order id is the invoice's
 *       external id, so no Xendit id needs storing); no invoice yet → PENDING with no amount.</li>
 *   <li>{@link #chargeSavedCard}: {@code POST {api}/credit_card_charges} with {@code x-idempotency-key} = attempt
 *       id, so a repeated attempt cannot charge twice. A payment token of the Payments API ({@code pt-…}, what a card
 *       registration saves) is charged with {@code POST {api}/v3/payment_requests} instead (same idempotency).</li>
 *   <li>Card registration (functions/gateways/README.md, "Xendit card registration"): a "pay and save" payment
 *       session ({@code POST {api}/sessions}, hosted page), its {@code payment_session.*} webhook (same callback
 *       token), confirmed with {@code GET {api}/sessions/{id}}; the saved card is read from
 *       {@code GET {api}/v3/payment_tokens/{payment_token_id}}.</li>
 * </ul>
 */
public final class XenditGateway implements PaymentGateway, CardRegistrationGateway {

    public static final String PROVIDER = "xendit";
    static final String CALLBACK_TOKEN_HEADER = "x-callback-token";
    /** Create-charge errors that mean the saved token can no longer be charged. */
    private static final Set<String> TOKEN_ERRORS = Set.of("TOKEN_NOT_FOUND_ERROR", "INVALID_TOKEN_ID_ERROR",
            "TOKEN_ALREADY_USED_ERROR", "AUTHENTICATION_ID_MISSING_ERROR", "INVALID_TOKEN");
    /** Charge failure reasons that mean the card itself is unusable (the org must register another one). */
    private static final Set<String> CARD_GONE = Set.of("EXPIRED_CARD", "STOLEN_CARD", "INACTIVE_CARD");

    private final GatewayConfig config;
    private final String authorization;
    private final String callbackToken;
    private final Clock clock;
    private final GatewayHttp http;

    public XenditGateway(GatewayConfig config, String secretKey, String callbackToken, Clock clock) {
        if (secretKey == null || secretKey.isBlank() || callbackToken == null || callbackToken.isBlank()) {
            throw new IllegalStateException("missing Xendit secret key or callback token");
        }
        this.config = config;
        this.authorization = Signatures.basicAuth(secretKey);
        this.callbackToken = callbackToken;
        this.clock = clock;
        this.http = new GatewayHttp(PROVIDER, config.connectTimeout(), config.requestTimeout());
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public List<PaymentMethod> paymentMethods() {
        return config.paymentMethods();
    }

    @Override
    public Checkout createCheckout(CheckoutRequest request) {
        GatewayRequests.validate(request, config, true);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant requested = GatewayRequests.expiry(request, now, config);
        long seconds = Duration.between(now, requested).toSeconds();

        ObjectNode body = Json.object();
        body.put("external_id", request.orderId());
        body.put("amount", request.amount().amount());
        body.put("currency", "IDR");
        body.put("description", request.description() == null ? "Top-up " + request.orderId()
                : request.description());
        body.put("invoice_duration", seconds);
        ArrayNode methods = body.putArray("payment_methods");
        GatewayRequests.methodCodes(request, config).forEach(methods::add);
        if (request.finishUrl() != null) {
            // One page for both outcomes: it reads the order's status from our API.
            body.put("success_redirect_url", request.finishUrl());
            body.put("failure_redirect_url", request.finishUrl());
        }

        GatewayHttp.Response response = http.postJson("create invoice",
                GatewayConfig.resolve(config.apiBaseUrl(), "/v2/invoices"), authorization, body);
        JsonNode json = response.jsonOrNull();
        if (!response.isSuccess()) {
            throw http.error("create invoice", response, errorSummary(json));
        }
        String id = GatewayJson.textOrNull(json, "id");
        String invoiceUrl = GatewayJson.textOrNull(json, "invoice_url");
        if (id == null || invoiceUrl == null) {
            throw new GatewayException("xendit create invoice: the answer has no id or invoice_url", false, null);
        }
        Instant expiresAt = GatewayJson.instantOrNull(GatewayJson.textOrNull(json, "expiry_date"));
        try {
            return new Checkout(id, URI.create(invoiceUrl), expiresAt != null ? expiresAt
                    : now.plusSeconds(seconds));
        } catch (IllegalArgumentException e) {
            throw new GatewayException("xendit create invoice: invoice_url is not a URL", false, null);
        }
    }

    /**
     * A "pay and save" payment session on Xendit's hosted page: the customer pays the verification amount by card
     * and the card is saved as a reusable payment token ({@code allow_save_payment_method = FORCED},
     * {@code card_on_file_type = RECURRING}, since we charge it for postpaid invoices without the customer).
     */
    @Override
    public Checkout createCardRegistration(CheckoutRequest request) {
        GatewayRequests.validate(request, config, true);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = GatewayRequests.expiry(request, now, config);
        ObjectNode body = Json.object();
        body.put("reference_id", request.orderId());
        body.put("session_type", "PAY");
        body.put("mode", "PAYMENT_LINK");
        body.put("amount", request.amount().amount());
        body.put("currency", "IDR");
        body.put("country", "ID");
        body.put("allow_save_payment_method", "FORCED");
        body.putArray("allowed_payment_channels").add("CARDS");
        body.putObject("channel_properties").putObject("cards").put("card_on_file_type", "RECURRING");
        // No personal data: the org is the customer, identified by its id.
        ObjectNode customer = body.putObject("customer");
        customer.put("reference_id", request.orgId());
        customer.put("type", "INDIVIDUAL");
        customer.putObject("individual_detail").put("given_names", request.orgId());
        body.put("description", request.description() == null ? "Card registration" : request.description());
        body.put("expires_at", expiresAt.toString());
        if (request.finishUrl() != null) {
            body.put("success_return_url", request.finishUrl());
            body.put("cancel_return_url", request.finishUrl());
        }
        GatewayHttp.Response response = http.postJson("create session",
                GatewayConfig.resolve(config.apiBaseUrl(), "/sessions"), authorization, body);
        JsonNode json = response.jsonOrNull();
        if (!response.isSuccess()) {
            throw http.error("create session", response, errorSummary(json));
        }
        String id = GatewayJson.textOrNull(json, "payment_session_id");
        String url = GatewayJson.textOrNull(json, "payment_link_url");
        if (id == null || url == null) {
            throw new GatewayException("xendit create session: the answer has no payment_session_id or"
                    + " payment_link_url", false, null);
        }
        Instant answeredExpiry = GatewayJson.instantOrNull(GatewayJson.textOrNull(json, "expires_at"));
        try {
            return new Checkout(id, URI.create(url), answeredExpiry != null ? answeredExpiry : expiresAt);
        } catch (IllegalArgumentException e) {
            throw new GatewayException("xendit create session: payment_link_url is not a URL", false, null);
        }
    }

    /** {@code GET {api}/sessions/{payment_session_id}}: ACTIVE → PENDING, COMPLETED → PAID, EXPIRED/CANCELED. */
    @Override
    public Optional<GatewayStatus> fetchRegistrationStatus(String orderId, String gatewayReference) {
        GatewayRequests.orderId(orderId);
        if (gatewayReference == null || !gatewayReference.matches("[A-Za-z0-9_-]{1,100}")) {
            return Optional.of(new GatewayStatus(orderId, PaymentStatus.PENDING, "not_found", null, null));
        }
        GatewayHttp.Response response = http.get("get session",
                GatewayConfig.resolve(config.apiBaseUrl(), "/sessions/" + gatewayReference), authorization);
        JsonNode json = response.jsonOrNull();
        if (response.status() == 404) {
            return Optional.of(new GatewayStatus(orderId, PaymentStatus.PENDING, "not_found", null, null));
        }
        if (!response.isSuccess() || json == null) {
            throw http.error("get session", response, errorSummary(json));
        }
        if (!orderId.equals(GatewayJson.textOrNull(json, "reference_id"))) {
            throw new GatewayException("xendit get session: the session is for another order", false, null);
        }
        String gatewayStatus = GatewayJson.textOrNull(json, "status");
        PaymentStatus status = sessionStatus(gatewayStatus);
        if (status == null) {
            throw new GatewayException("xendit get session: unknown session status", false, null);
        }
        try {
            return Optional.of(new GatewayStatus(orderId, status, gatewayStatus, amount(json, status),
                    GatewayJson.textOrNull(json, "payment_id")));
        } catch (IllegalArgumentException e) {
            throw new GatewayException("xendit get session: unusable amount (" + e.getMessage() + ")", false, null);
        }
    }

    /**
     * The card a completed "pay and save" session saved: its {@code payment_token_id} (from the authenticated
     * webhook), read back from {@code GET {api}/v3/payment_tokens/{id}} — our own request, so the card data never
     * rests on the webhook body alone — which must be ACTIVE; display data from its {@code card_details}
     * ({@code masked_card_number} like "481111XXXXXX1114", {@code expiry_month}, {@code expiry_year}).
     */
    @Override
    public Optional<RegisteredCard> registeredCard(GatewayNotification notification) {
        JsonNode data = GatewayJson.notificationBody(notification.rawBody()).path("data");
        String tokenId = GatewayJson.textOrNull(data, "payment_token_id");
        if (tokenId == null || !tokenId.matches("pt-[A-Za-z0-9-]{1,80}")) {
            return Optional.empty();
        }
        GatewayHttp.Response response = http.get("get payment token",
                GatewayConfig.resolve(config.apiBaseUrl(), "/v3/payment_tokens/" + tokenId), authorization);
        JsonNode token = response.jsonOrNull();
        if (response.isServerError() || token == null) {
            throw http.error("get payment token", response, null);
        }
        if (!response.isSuccess() || !"ACTIVE".equals(GatewayJson.textOrNull(token, "status"))) {
            return Optional.empty();
        }
        JsonNode card = token.findValue("card_details");
        String masked = card == null ? null : GatewayJson.textOrNull(card, "masked_card_number");
        String month = card == null ? null : GatewayJson.textOrNull(card, "expiry_month");
        String year = card == null ? null : GatewayJson.textOrNull(card, "expiry_year");
        String digits = masked == null ? "" : masked.replaceAll("[^0-9]", "");
        if (digits.length() < 4 || month == null || year == null || !month.matches("\\d{1,2}")
                || !year.matches("\\d{4}")) {
            return Optional.empty();
        }
        String network = card.hasNonNull("network") ? card.get("network").asText() : digits.startsWith("4")
                ? "VISA" : digits.startsWith("5") ? "MASTERCARD" : "card";
        return Optional.of(new RegisteredCard(tokenId, network, "•••• " + digits.substring(digits.length() - 4),
                Integer.parseInt(month), Integer.parseInt(year)));
    }

    @Override
    public GatewayNotification authenticateNotification(Map<String, String> headers, String body) {
        String token = headers == null ? null : headers.get(CALLBACK_TOKEN_HEADER);
        if (token == null || token.isEmpty()) {
            throw GatewayJson.unauthenticated("The callback has no x-callback-token.");
        }
        if (!Signatures.constantTimeEquals(callbackToken, token)) {
            throw GatewayJson.unauthenticated("The callback token does not match.");
        }
        ObjectNode json = GatewayJson.notificationBody(body);
        String merchantId = GatewayJson.text(json, "user_id");
        if (config.merchantId() != null && merchantId != null && !config.merchantId().equals(merchantId)) {
            throw GatewayJson.unauthenticated("The callback is for another merchant.");
        }
        String event = GatewayJson.text(json, "event");
        if (event != null && event.startsWith("payment_session.")) {
            return sessionNotification(json, body);
        }
        String orderId = GatewayJson.requiredText(json, "external_id");
        String gatewayStatus = GatewayJson.requiredText(json, "status");
        PaymentStatus status = map(gatewayStatus);
        if (status == null) {
            throw GatewayJson.malformed("The callback has an unknown status.");
        }
        Money amount;
        try {
            amount = amount(json, status);
        } catch (IllegalArgumentException e) {
            throw GatewayJson.malformed("The callback's amount or currency is not usable: " + e.getMessage() + ".");
        }
        String occurred = GatewayJson.text(json, "paid_at");
        if (occurred == null) {
            occurred = GatewayJson.text(json, "updated");
        }
        String reference = GatewayJson.text(json, "payment_destination");
        if (reference == null) {
            reference = GatewayJson.text(json, "payment_id");
        }
        String method = GatewayJson.text(json, "payment_channel");
        if (method == null) {
            method = GatewayJson.text(json, "payment_method");
        }
        return new GatewayNotification(PROVIDER, orderId, status, gatewayStatus, amount, merchantId,
                GatewayJson.text(json, "id"), reference, method, GatewayJson.instantOrNull(occurred), body);
    }

    /**
     * A payment session webhook ({@code {"event": "payment_session.completed" | "payment_session.expired", "business_id",
     * "data": {"payment_session_id", "reference_id", "status", "amount", "currency", "payment_id",
     * "payment_token_id", …}}}): {@code reference_id} is our order id. Authenticated by the same callback token.
     */
    private GatewayNotification sessionNotification(ObjectNode json, String body) {
        String business = GatewayJson.text(json, "business_id");
        if (config.merchantId() != null && business != null && !config.merchantId().equals(business)) {
            throw GatewayJson.unauthenticated("The callback is for another merchant.");
        }
        JsonNode data = json.get("data");
        if (data == null || !data.isObject()) {
            throw GatewayJson.malformed("The session callback has no data object.");
        }
        String orderId = GatewayJson.textOrNull(data, "reference_id");
        String gatewayStatus = GatewayJson.textOrNull(data, "status");
        PaymentStatus status = sessionStatus(gatewayStatus);
        if (orderId == null || status == null) {
            throw GatewayJson.malformed("The session callback has no reference_id or a status we do not know.");
        }
        Money amount;
        try {
            amount = amount(data, status);
        } catch (IllegalArgumentException e) {
            throw GatewayJson.malformed("The callback's amount or currency is not usable: " + e.getMessage() + ".");
        }
        String occurred = GatewayJson.textOrNull(data, "updated");
        return new GatewayNotification(PROVIDER, orderId, status, gatewayStatus, amount, business,
                GatewayJson.textOrNull(data, "payment_id"), GatewayJson.textOrNull(data, "payment_session_id"),
                "CARDS", GatewayJson.instantOrNull(occurred), body);
    }

    /** Xendit payment session status → ours; null when undocumented. */
    static PaymentStatus sessionStatus(String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "COMPLETED" -> PaymentStatus.PAID;
            case "EXPIRED", "CANCELED" -> PaymentStatus.EXPIRED;
            case "ACTIVE" -> PaymentStatus.PENDING;
            default -> null;
        };
    }

    @Override
    public Optional<GatewayStatus> fetchStatus(String orderId) {
        GatewayRequests.orderId(orderId);
        URI uri = GatewayConfig.resolve(config.apiBaseUrl(),
                "/v2/invoices?external_id=" + URLEncoder.encode(orderId, StandardCharsets.UTF_8));
        GatewayHttp.Response response = http.get("get invoices", uri, authorization);
        JsonNode json = response.jsonOrNull();
        if (response.status() == 404) {
            return Optional.of(new GatewayStatus(orderId, PaymentStatus.PENDING, "not_found", null, null));
        }
        if (!response.isSuccess() || json == null) {
            throw http.error("get invoices", response, errorSummary(json));
        }
        JsonNode invoice = pick(json, orderId);
        if (invoice == null) {
            return Optional.of(new GatewayStatus(orderId, PaymentStatus.PENDING, "not_found", null, null));
        }
        String gatewayStatus = GatewayJson.textOrNull(invoice, "status");
        PaymentStatus status = map(gatewayStatus);
        if (status == null) {
            throw new GatewayException("xendit get invoices: unknown invoice status", false, null);
        }
        try {
            return Optional.of(new GatewayStatus(orderId, status, gatewayStatus, amount(invoice, status),
                    GatewayJson.textOrNull(invoice, "id")));
        } catch (IllegalArgumentException e) {
            throw new GatewayException("xendit get invoices: unusable amount (" + e.getMessage() + ")", false, null);
        }
    }

    @Override
    public CardChargeResult chargeSavedCard(CardChargeRequest request) {
        GatewayRequests.validate(request, true);
        if (request.cardToken().startsWith("pt-")) {
            return chargePaymentToken(request);
        }
        ObjectNode body = Json.object();
        body.put("token_id", request.cardToken());
        body.put("external_id", request.attemptId());
        body.put("amount", request.amount().amount());
        body.put("currency", "IDR");
        body.put("capture", true);
        GatewayHttp.Response response = http.postJson("charge card",
                GatewayConfig.resolve(config.apiBaseUrl(), "/credit_card_charges"), authorization, body,
                "x-idempotency-key", request.attemptId());
        JsonNode json = response.jsonOrNull();
        if (response.isServerError() || json == null) {
            throw http.error("charge card", response, null);
        }
        if (!response.isSuccess()) {
            String errorCode = GatewayJson.textOrNull(json, "error_code");
            if (errorCode != null && TOKEN_ERRORS.contains(errorCode)) {
                return new CardChargeResult(CardChargeResult.Outcome.TOKEN_INVALID, null, errorCode);
            }
            throw http.error("charge card", response, errorSummary(json));
        }
        String id = GatewayJson.textOrNull(json, "id");
        String status = GatewayJson.textOrNull(json, "status");
        String failure = GatewayJson.textOrNull(json, "failure_reason");
        if ("CAPTURED".equals(status)) {
            return new CardChargeResult(CardChargeResult.Outcome.SUCCEEDED, id, status);
        }
        if ("AUTHORIZED".equals(status)) {
            return new CardChargeResult(CardChargeResult.Outcome.PENDING, id, status);
        }
        if ("FAILED".equals(status)) {
            return new CardChargeResult(failure != null && CARD_GONE.contains(failure)
                    ? CardChargeResult.Outcome.TOKEN_INVALID : CardChargeResult.Outcome.DECLINED, id,
                    failure == null ? status : failure);
        }
        throw http.error("charge card", response, "unknown charge status");
    }

    /**
     * A registered card's payment token: {@code POST {api}/v3/payment_requests} ({@code api-version: 2024-11-11}) with
     * {@code payment_token_id}, {@code type PAY}, {@code capture_method AUTOMATIC}, our attempt id as
     * {@code reference_id} and as the idempotency key. SUCCEEDED → succeeded; FAILED → declined, or token invalid
     * when the failure says the card is gone; anything still in progress → pending (resolved by status later).
     */
    private CardChargeResult chargePaymentToken(CardChargeRequest request) {
        ObjectNode body = Json.object();
        body.put("reference_id", request.attemptId());
        body.put("type", "PAY");
        body.put("country", "ID");
        body.put("currency", "IDR");
        body.put("request_amount", request.amount().amount());
        body.put("capture_method", "AUTOMATIC");
        body.put("payment_token_id", request.cardToken());
        body.putObject("channel_properties").put("card_on_file_type", "RECURRING");
        body.put("description", request.description());
        GatewayHttp.Response response = http.postJson("create payment request",
                GatewayConfig.resolve(config.apiBaseUrl(), "/v3/payment_requests"), authorization, body,
                "idempotency-key", request.attemptId(), "api-version", "2024-11-11");
        JsonNode json = response.jsonOrNull();
        if (response.isServerError() || json == null) {
            throw http.error("create payment request", response, null);
        }
        if (!response.isSuccess()) {
            String errorCode = GatewayJson.textOrNull(json, "error_code");
            if (errorCode != null && (TOKEN_ERRORS.contains(errorCode) || errorCode.contains("PAYMENT_TOKEN"))) {
                return new CardChargeResult(CardChargeResult.Outcome.TOKEN_INVALID, null, errorCode);
            }
            throw http.error("create payment request", response, errorSummary(json));
        }
        String id = GatewayJson.textOrNull(json, "payment_request_id");
        String status = GatewayJson.textOrNull(json, "status");
        String failure = GatewayJson.textOrNull(json, "failure_code");
        if ("SUCCEEDED".equals(status)) {
            return new CardChargeResult(CardChargeResult.Outcome.SUCCEEDED, id, status);
        }
        if ("FAILED".equals(status) || "CANCELED".equals(status) || "EXPIRED".equals(status)) {
            return new CardChargeResult(failure != null && CARD_GONE.contains(failure)
                    ? CardChargeResult.Outcome.TOKEN_INVALID : CardChargeResult.Outcome.DECLINED, id,
                    failure == null ? status : failure);
        }
        return new CardChargeResult(CardChargeResult.Outcome.PENDING, id, status == null ? "unknown" : status);
    }

    /** Xendit invoice status → ours; null when undocumented. */
    static PaymentStatus map(String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "PAID", "SETTLED" -> PaymentStatus.PAID;
            case "EXPIRED" -> PaymentStatus.EXPIRED;
            case "PENDING" -> PaymentStatus.PENDING;
            default -> null;
        };
    }

    /** What was paid ({@code paid_amount}, falling back to {@code amount}) or asked for; numbers only, no fractions. */
    private static Money amount(JsonNode invoice, PaymentStatus status) {
        JsonNode currencyNode = invoice.get("currency");
        String currency;
        if (currencyNode == null || currencyNode.isNull()) {
            currency = "IDR"; // Xendit's invoice currency when none is given
        } else if (currencyNode.isTextual()) {
            currency = Amounts.currency(currencyNode.textValue());
        } else {
            throw new IllegalArgumentException("currency is not a string");
        }
        JsonNode paid = invoice.get("paid_amount");
        JsonNode node = status == PaymentStatus.PAID && paid != null && !paid.isNull() ? paid : invoice.get("amount");
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("amount is missing");
        }
        return Amounts.fromJsonNumber(node, currency);
    }

    /** The invoice for our order among Xendit's answer (a list): a paid one if any, else the last one. */
    private static JsonNode pick(JsonNode json, String orderId) {
        if (json.isObject()) {
            return orderId.equals(GatewayJson.textOrNull(json, "external_id")) ? json : null;
        }
        JsonNode chosen = null;
        for (JsonNode invoice : json) {
            if (!orderId.equals(GatewayJson.textOrNull(invoice, "external_id"))) {
                continue;
            }
            if (map(GatewayJson.textOrNull(invoice, "status")) == PaymentStatus.PAID) {
                return invoice;
            }
            chosen = invoice;
        }
        return chosen;
    }

    private static String errorSummary(JsonNode json) {
        if (json == null) {
            return null;
        }
        String code = GatewayJson.textOrNull(json, "error_code");
        String message = GatewayJson.textOrNull(json, "message");
        return code == null ? message : message == null ? code : code + " " + message;
    }
}
