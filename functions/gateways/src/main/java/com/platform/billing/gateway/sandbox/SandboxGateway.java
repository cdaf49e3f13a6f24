package com.platform.billing.gateway.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import com.platform.billing.gateway.GatewayJson;
import com.platform.billing.gateway.GatewayRequests;
import com.platform.billing.gateway.Signatures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local sandbox gateway (see functions/gateways/SANDBOX.md, "the sandbox's docs"). Its payment page is served
 * by {@link SandboxGatewaySimulator} under {@code {LOCAL_BASE_URL}/_sandbox/}; its notifications are signed with
 * {@code x-sandbox-signature: hex(HMAC-SHA256(sandboxSecret, rawBody))}. It has no status API, and charges saved
 * cards by the token's prefix: {@code tok_ok…} succeeds, {@code tok_decline…} is declined, {@code tok_expired…} is
 * an invalid token, {@code tok_pending…} stays pending, {@code tok_timeout…} times out; any other token is unknown
 * to the sandbox (invalid).
 *
 * <p>Card registration: the page of {@link #createCardRegistration} has a card form (sandbox test numbers only, see
 * {@link SandboxGatewaySimulator#TEST_CARDS}); the number goes to the sandbox's own page, which mints a token and puts
 * only the token, brand, last four digits and expiry in the signed notification ({@link #registeredCard}).
 */
public final class SandboxGateway implements PaymentGateway, CardRegistrationGateway {

    public static final String PROVIDER = "sandbox";
    public static final String SIGNATURE_HEADER = "x-sandbox-signature";

    private final GatewayConfig config;
    private final String secret;
    private final Clock clock;

    public SandboxGateway(GatewayConfig config, String sandboxSecret, Clock clock) {
        if (sandboxSecret == null || sandboxSecret.isBlank()) {
            throw new IllegalStateException("missing sandbox gateway secret");
        }
        this.config = config;
        this.secret = sandboxSecret;
        this.clock = clock;
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
        return checkout(request, false);
    }

    @Override
    public Checkout createCardRegistration(CheckoutRequest request) {
        return checkout(request, true);
    }

    private Checkout checkout(CheckoutRequest request, boolean saveCard) {
        GatewayRequests.validate(request, config, false);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = GatewayRequests.expiry(request, now, config).truncatedTo(ChronoUnit.SECONDS);
        SandboxCheckoutLink link = new SandboxCheckoutLink(request.orderId(), request.amount().amount(),
                request.amount().currency(), expiresAt.getEpochSecond(),
                request.paymentMethod() == null ? "" : request.paymentMethod(),
                request.finishUrl() == null ? "" : request.finishUrl(),
                request.description() == null ? "" : request.description(), saveCard);
        return new Checkout("sbx-" + request.orderId(), link.pageUrl(config.localBaseUrl(), secret), expiresAt);
    }

    /**
     * The card a paid registration notification carries ({@code saved_token_id}, {@code card_brand},
     * {@code card_last4}, {@code card_expiry_month}, {@code card_expiry_year}); empty without a token. Only called
     * on a notification {@link #authenticateNotification} accepted, so the body is the signed one.
     */
    @Override
    public Optional<RegisteredCard> registeredCard(GatewayNotification notification) {
        ObjectNode json = GatewayJson.notificationBody(notification.rawBody());
        String token = GatewayJson.text(json, "saved_token_id");
        String last4 = GatewayJson.text(json, "card_last4");
        JsonNode month = json.get("card_expiry_month");
        JsonNode year = json.get("card_expiry_year");
        if (token == null || last4 == null || month == null || !month.canConvertToInt() || year == null
                || !year.canConvertToInt()) {
            return Optional.empty();
        }
        String brand = GatewayJson.text(json, "card_brand");
        return Optional.of(new RegisteredCard(token, brand == null ? "card" : brand, "•••• " + last4,
                month.intValue(), year.intValue()));
    }

    @Override
    public GatewayNotification authenticateNotification(Map<String, String> headers, String body) {
        String header = headers == null ? null : headers.get(SIGNATURE_HEADER);
        if (header == null || header.isEmpty()) {
            throw GatewayJson.unauthenticated("The notification has no x-sandbox-signature.");
        }
        byte[] received = Signatures.parseHexOrNull(header);
        byte[] expected = Signatures.hmacSha256(secret, (body == null ? "" : body).getBytes(StandardCharsets.UTF_8));
        if (received == null || !MessageDigest.isEqual(expected, received)) {
            throw GatewayJson.unauthenticated("The notification signature does not verify.");
        }
        ObjectNode json = GatewayJson.notificationBody(body);
        String orderId = GatewayJson.requiredText(json, "order_id");
        String gatewayStatus = GatewayJson.requiredText(json, "status");
        PaymentStatus status = switch (gatewayStatus) {
            case "PAID" -> PaymentStatus.PAID;
            case "FAILED" -> PaymentStatus.FAILED;
            case "EXPIRED" -> PaymentStatus.EXPIRED;
            case "REFUNDED" -> PaymentStatus.REFUNDED;
            default -> throw GatewayJson.malformed("The notification has an unknown status.");
        };
        Money amount;
        try {
            String currency = Amounts.currency(GatewayJson.requiredText(json, "currency"));
            JsonNode amountNode = json.get("amount");
            if (amountNode == null || !amountNode.isIntegralNumber() || !amountNode.canConvertToLong()
                    || amountNode.longValue() < 0) {
                throw new IllegalArgumentException("amount must be a non-negative integer");
            }
            amount = Money.of(amountNode.longValue(), currency);
        } catch (IllegalArgumentException e) {
            throw GatewayJson.malformed("The notification's amount or currency is not usable: " + e.getMessage()
                    + ".");
        }
        return new GatewayNotification(PROVIDER, orderId, status, gatewayStatus, amount, null,
                GatewayJson.text(json, "transaction_id"), GatewayJson.text(json, "reference_number"),
                GatewayJson.text(json, "payment_method"), GatewayJson.instantOrNull(GatewayJson.text(json,
                "occurred_at")), body);
    }

    /** The sandbox has no status API: the authenticated notification is the confirmation. */
    @Override
    public Optional<GatewayStatus> fetchStatus(String orderId) {
        GatewayRequests.orderId(orderId);
        return Optional.empty();
    }

    /** No status API: the signed notification is the confirmation. */
    @Override
    public Optional<GatewayStatus> fetchRegistrationStatus(String orderId, String gatewayReference) {
        return fetchStatus(orderId);
    }

    @Override
    public CardChargeResult chargeSavedCard(CardChargeRequest request) {
        GatewayRequests.validate(request, false);
        String token = request.cardToken();
        String transactionId = "sbx-charge-" + request.attemptId();
        if (token.startsWith("tok_ok")) {
            return new CardChargeResult(CardChargeResult.Outcome.SUCCEEDED, transactionId, "sandbox: approved");
        }
        if (token.startsWith("tok_decline")) {
            return new CardChargeResult(CardChargeResult.Outcome.DECLINED, transactionId, "sandbox: declined");
        }
        if (token.startsWith("tok_pending")) {
            return new CardChargeResult(CardChargeResult.Outcome.PENDING, transactionId, "sandbox: under review");
        }
        if (token.startsWith("tok_timeout")) {
            throw new GatewayException("sandbox charge card: no answer within the timeout", true, null);
        }
        return new CardChargeResult(CardChargeResult.Outcome.TOKEN_INVALID, null, token.startsWith("tok_expired")
                ? "sandbox: token expired" : "sandbox: unknown token");
    }
}
