package com.platform.billing.gateway.midtrans;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Midtrans: Snap for the payment page, the HTTP notification for the outcome, the Core API for status and saved-card
 * charges. All calls authenticate with {@code Authorization: Basic base64(serverKey + ":")}.
 *
 * <ul>
 *   <li>{@link #createCheckout}: {@code POST {snap}/snap/v1/transactions} → {@code {token, redirect_url}}.</li>
 *   <li>{@link #authenticateNotification}: {@code signature_key} must equal lower-case hex
 *       SHA-512({@code order_id + status_code + gross_amount + serverKey}) with {@code gross_amount} exactly as
 *       received; compared in constant time. A notification naming another merchant than {@code PG_MERCHANT_ID}
 *       is refused as unauthenticated.</li>
 *   <li>{@link #fetchStatus}: {@code GET {api}/v2/{order_id}/status}; Midtrans answers 404 until the customer has
 *       chosen a payment method, which we report as PENDING with no amount.</li>
 *   <li>{@link #chargeSavedCard}: {@code POST {api}/v2/charge} with the saved {@code token_id}.</li>
 * </ul>
 */
public final class MidtransGateway implements PaymentGateway, CardRegistrationGateway {

    public static final String PROVIDER = "midtrans";
    static final ZoneId MIDTRANS_ZONE = ZoneId.of("Asia/Jakarta");
    /** Snap's {@code expiry.start_time}: {@code 2026-11-27 11:00:00 +0700}. */
    static final DateTimeFormatter START_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z", Locale.ROOT);
    /** Notification times ({@code transaction_time}, {@code settlement_time}), in Jakarta time. */
    private static final DateTimeFormatter NOTIFICATION_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final GatewayConfig config;
    private final String serverKey;
    private final String authorization;
    private final Clock clock;
    private final GatewayHttp http;

    public MidtransGateway(GatewayConfig config, String serverKey, Clock clock) {
        if (serverKey == null || serverKey.isBlank()) {
            throw new IllegalStateException("missing Midtrans server key");
        }
        this.config = config;
        this.serverKey = serverKey;
        this.authorization = Signatures.basicAuth(serverKey);
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
        return createTransaction(request, false);
    }

    /**
     * A Snap transaction that saves the card: only {@code credit_card} enabled, {@code credit_card.save_card = true}
     * and {@code user_id} = the org id (Snap shows that user's saved cards and saves the new one). The customer types
     * the card on Snap's page; the notification of the paid transaction carries {@code saved_token_id}.
     */
    @Override
    public Checkout createCardRegistration(CheckoutRequest request) {
        return createTransaction(request, true);
    }

    private Checkout createTransaction(CheckoutRequest request, boolean saveCard) {
        GatewayRequests.validate(request, config, true);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant requested = GatewayRequests.expiry(request, now, config);
        // Whole minutes, rounded down: the page never outlives our own order.
        long minutes = Duration.between(now, requested).toMinutes();
        Instant expiresAt = now.plus(Duration.ofMinutes(minutes));

        ObjectNode body = Json.object();
        body.putObject("transaction_details")
                .put("order_id", request.orderId())
                .put("gross_amount", request.amount().amount());
        List<String> methods = saveCard ? List.of("credit_card") : GatewayRequests.methodCodes(request, config);
        ArrayNode enabled = body.putArray("enabled_payments");
        methods.forEach(enabled::add);
        if (methods.contains("credit_card")) {
            ObjectNode card = body.putObject("credit_card").put("secure", true);
            if (saveCard) {
                card.put("save_card", true);
                body.put("user_id", request.orgId());
            }
        }
        body.putObject("expiry")
                .put("start_time", START_TIME.format(now.atZone(MIDTRANS_ZONE)))
                .put("unit", "minute")
                .put("duration", minutes);
        if (request.finishUrl() != null) {
            body.putObject("callbacks").put("finish", request.finishUrl());
        }
        if (request.orgId() != null) {
            // No personal data: the org id is what identifies the payer on the Midtrans dashboard.
            body.putObject("customer_details").put("first_name", request.orgId());
        }

        GatewayHttp.Response response = http.postJson("create transaction",
                GatewayConfig.resolve(config.snapBaseUrl(), "/snap/v1/transactions"), authorization, body);
        JsonNode json = response.jsonOrNull();
        if (!response.isSuccess()) {
            throw http.error("create transaction", response, errorMessages(json));
        }
        String token = GatewayJson.textOrNull(json, "token");
        String redirectUrl = GatewayJson.textOrNull(json, "redirect_url");
        if (token == null || redirectUrl == null) {
            throw new GatewayException("midtrans create transaction: the answer has no token or redirect_url", false,
                    null);
        }
        URI paymentUrl;
        try {
            paymentUrl = URI.create(redirectUrl);
        } catch (IllegalArgumentException e) {
            throw new GatewayException("midtrans create transaction: redirect_url is not a URL", false, null);
        }
        return new Checkout(token, paymentUrl, expiresAt);
    }

    @Override
    public GatewayNotification authenticateNotification(Map<String, String> headers, String body) {
        ObjectNode json = GatewayJson.notificationBody(body);
        String orderId = GatewayJson.requiredText(json, "order_id");
        String statusCode = GatewayJson.requiredText(json, "status_code");
        String grossAmount = GatewayJson.requiredText(json, "gross_amount");
        String signature = GatewayJson.text(json, "signature_key");
        if (signature == null || signature.isEmpty()) {
            throw GatewayJson.unauthenticated("The notification has no signature_key.");
        }
        String expected = Signatures.sha512Hex(orderId + statusCode + grossAmount + serverKey);
        if (!Signatures.constantTimeEquals(expected, signature.toLowerCase(Locale.ROOT))) {
            throw GatewayJson.unauthenticated("The notification signature does not verify.");
        }
        String merchantId = GatewayJson.text(json, "merchant_id");
        if (config.merchantId() != null && merchantId != null && !config.merchantId().equals(merchantId)) {
            throw GatewayJson.unauthenticated("The notification is for another merchant.");
        }

        String transactionStatus = GatewayJson.requiredText(json, "transaction_status");
        String fraudStatus = GatewayJson.text(json, "fraud_status");
        PaymentStatus status = MidtransStatuses.map(transactionStatus, fraudStatus);
        if (status == null) {
            throw GatewayJson.malformed("The notification has an unknown transaction_status.");
        }
        Money amount;
        try {
            amount = Amounts.fromDecimalString(grossAmount, currency(GatewayJson.text(json, "currency")));
        } catch (IllegalArgumentException e) {
            throw GatewayJson.malformed("The notification's gross_amount or currency is not usable: "
                    + e.getMessage() + ".");
        }
        String paymentType = GatewayJson.text(json, "payment_type");
        String occurred = status == PaymentStatus.PAID && GatewayJson.text(json, "settlement_time") != null
                ? GatewayJson.text(json, "settlement_time") : GatewayJson.text(json, "transaction_time");
        return new GatewayNotification(PROVIDER, orderId, status, MidtransStatuses.describe(transactionStatus,
                fraudStatus), amount, merchantId, GatewayJson.text(json, "transaction_id"), referenceNumber(json),
                paymentMethod(paymentType, json), jakartaTime(occurred), body);
    }

    @Override
    public Optional<GatewayStatus> fetchStatus(String orderId) {
        GatewayRequests.orderId(orderId);
        GatewayHttp.Response response = http.get("get status",
                GatewayConfig.resolve(config.apiBaseUrl(), "/v2/" + orderId + "/status"), authorization);
        JsonNode json = response.jsonOrNull();
        String code = statusCode(response, json);
        String transactionStatus = GatewayJson.textOrNull(json, "transaction_status");
        if (response.isServerError() || transactionStatus == null) {
            if ("404".equals(code) && !response.isServerError()) {
                // Midtrans knows no transaction until the customer picks a payment method on the Snap page.
                return Optional.of(new GatewayStatus(orderId, PaymentStatus.PENDING, "not_found", null, null));
            }
            throw http.error("get status", response, json == null ? null
                    : code + " " + GatewayJson.textOrNull(json, "status_message"));
        }
        // With a transaction, the body's status_code varies with its state (200, 201, 202, 407): the state decides.
        String answeredOrder = GatewayJson.textOrNull(json, "order_id");
        if (answeredOrder != null && !answeredOrder.equals(orderId)) {
            throw new GatewayException("midtrans get status answered for another order", false, null);
        }
        String fraudStatus = GatewayJson.textOrNull(json, "fraud_status");
        PaymentStatus status = MidtransStatuses.map(transactionStatus, fraudStatus);
        if (status == null) {
            throw new GatewayException("midtrans get status: unknown transaction_status", false, null);
        }
        Money amount;
        try {
            amount = Amounts.fromDecimalString(GatewayJson.textOrNull(json, "gross_amount"),
                    currency(GatewayJson.textOrNull(json, "currency")));
        } catch (IllegalArgumentException e) {
            throw new GatewayException("midtrans get status: unusable gross_amount (" + e.getMessage() + ")", false,
                    null);
        }
        return Optional.of(new GatewayStatus(orderId, status, MidtransStatuses.describe(transactionStatus,
                fraudStatus), amount, GatewayJson.textOrNull(json, "transaction_id")));
    }

    /**
     * The card a paid registration saved. {@code saved_token_id} is not covered by the notification's signature, so the
     * token and card data are taken from the status API's answer for the order when it carries them ({@code GET
     * /v2/{order_id}/status}, our own authenticated request), else from the authenticated notification:
     * {@code saved_token_id}, {@code saved_token_id_expired_at} ("yyyy-MM-dd HH:mm:ss", Jakarta; the token lives as
     * long as the card) and {@code masked_card} ("481111-1114": first six and last four digits; we keep the last four).
     */
    @Override
    public Optional<RegisteredCard> registeredCard(GatewayNotification notification) {
        JsonNode source = GatewayJson.notificationBody(notification.rawBody());
        GatewayHttp.Response response = http.get("get status", GatewayConfig.resolve(config.apiBaseUrl(),
                "/v2/" + notification.orderId() + "/status"), authorization);
        JsonNode status = response.jsonOrNull();
        if (response.isServerError()) {
            throw http.error("get status", response, null);
        }
        if (response.isSuccess() && status != null && GatewayJson.textOrNull(status, "saved_token_id") != null) {
            source = status;
        }
        String token = GatewayJson.textOrNull(source, "saved_token_id");
        String masked = GatewayJson.textOrNull(source, "masked_card");
        String expires = GatewayJson.textOrNull(source, "saved_token_id_expired_at");
        if (token == null || masked == null || expires == null) {
            return Optional.empty();
        }
        String digits = masked.replaceAll("[^0-9]", "");
        if (digits.length() < 4) {
            return Optional.empty();
        }
        LocalDateTime expiry;
        try {
            expiry = LocalDateTime.parse(expires.strip(), NOTIFICATION_TIME);
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
        return Optional.of(new RegisteredCard(token, brand(digits), "•••• " + digits.substring(digits.length() - 4),
                expiry.getMonthValue(), expiry.getYear()));
    }

    /** A registration is an ordinary Snap transaction: its status is looked up by our order id. */
    @Override
    public Optional<GatewayStatus> fetchRegistrationStatus(String orderId, String gatewayReference) {
        return fetchStatus(orderId);
    }

    /** The card network from the first digit of the masked number's prefix (display only). */
    private static String brand(String digits) {
        return switch (digits.charAt(0)) {
            case '4' -> "VISA";
            case '5', '2' -> "MASTERCARD";
            case '3' -> digits.startsWith("34") || digits.startsWith("37") ? "AMEX" : "JCB";
            default -> "card";
        };
    }

    @Override
    public CardChargeResult chargeSavedCard(CardChargeRequest request) {
        GatewayRequests.validate(request, true);
        ObjectNode body = Json.object();
        body.put("payment_type", "credit_card");
        body.putObject("transaction_details")
                .put("order_id", request.attemptId())
                .put("gross_amount", request.amount().amount());
        body.putObject("credit_card").put("token_id", request.cardToken());
        GatewayHttp.Response response = http.postJson("charge card",
                GatewayConfig.resolve(config.apiBaseUrl(), "/v2/charge"), authorization, body);
        JsonNode json = response.jsonOrNull();
        if (response.isServerError() || json == null) {
            throw http.error("charge card", response, null);
        }
        String code = statusCode(response, json);
        String message = GatewayJson.textOrNull(json, "status_message");
        String transactionId = GatewayJson.textOrNull(json, "transaction_id");
        return switch (code) {
            case "200", "201" -> {
                PaymentStatus status = MidtransStatuses.map(GatewayJson.textOrNull(json, "transaction_status"),
                        GatewayJson.textOrNull(json, "fraud_status"));
                if (status == PaymentStatus.PAID) {
                    yield new CardChargeResult(CardChargeResult.Outcome.SUCCEEDED, transactionId, message);
                }
                if (status == PaymentStatus.PENDING) {
                    yield new CardChargeResult(CardChargeResult.Outcome.PENDING, transactionId, message);
                }
                if (status == PaymentStatus.FAILED) {
                    yield new CardChargeResult(CardChargeResult.Outcome.DECLINED, transactionId, message);
                }
                throw http.error("charge card", response, code + " with an unexpected transaction_status");
            }
            case "202" -> new CardChargeResult(CardChargeResult.Outcome.DECLINED, transactionId, message);
            case "411" -> new CardChargeResult(CardChargeResult.Outcome.TOKEN_INVALID, transactionId, message);
            // 406: this attempt id was used before. Its outcome is unknown here: confirm with fetchStatus(attemptId).
            default -> throw http.error("charge card", response, code + " " + message);
        };
    }

    /** Midtrans puts its own status code in the body; that one decides (the HTTP status is often 200). */
    private static String statusCode(GatewayHttp.Response response, JsonNode json) {
        String code = GatewayJson.textOrNull(json, "status_code");
        return code != null && code.matches("\\d{3}") ? code : Integer.toString(response.status());
    }

    private static String errorMessages(JsonNode json) {
        if (json == null || !json.path("error_messages").isArray()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode message : json.path("error_messages")) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(message.asText());
        }
        return text.toString();
    }

    private static String currency(String value) {
        return value == null || value.isEmpty() ? "IDR" : value;
    }

    /** The reference a customer sees: the VA number, bill key, store payment code or card approval code. */
    private static String referenceNumber(ObjectNode json) {
        JsonNode vaNumbers = json.get("va_numbers");
        if (vaNumbers != null && vaNumbers.isArray() && !vaNumbers.isEmpty()) {
            String va = GatewayJson.textOrNull(vaNumbers.get(0), "va_number");
            if (va != null) {
                return va;
            }
        }
        for (String field : List.of("permata_va_number", "bill_key", "payment_code", "approval_code")) {
            String value = GatewayJson.textOrNull(json, field);
            if (value != null && !value.isEmpty()) {
                return "bill_key".equals(field) && GatewayJson.textOrNull(json, "biller_code") != null
                        ? GatewayJson.textOrNull(json, "biller_code") + "-" + value : value;
            }
        }
        return null;
    }

    /** The method in the codes of {@code enabled_payments}: {@code bank_transfer} + bank bca → {@code bca_va}. */
    private static String paymentMethod(String paymentType, ObjectNode json) {
        if (paymentType == null) {
            return null;
        }
        if ("bank_transfer".equals(paymentType)) {
            if (GatewayJson.textOrNull(json, "permata_va_number") != null) {
                return "permata_va";
            }
            JsonNode vaNumbers = json.get("va_numbers");
            String bank = vaNumbers != null && vaNumbers.isArray() && !vaNumbers.isEmpty()
                    ? GatewayJson.textOrNull(vaNumbers.get(0), "bank") : null;
            return bank != null ? bank.toLowerCase(Locale.ROOT) + "_va" : paymentType;
        }
        if ("cstore".equals(paymentType)) {
            String store = GatewayJson.textOrNull(json, "store");
            return store != null ? store.toLowerCase(Locale.ROOT) : paymentType;
        }
        return paymentType;
    }

    private static Instant jakartaTime(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, NOTIFICATION_TIME).atZone(MIDTRANS_ZONE).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
