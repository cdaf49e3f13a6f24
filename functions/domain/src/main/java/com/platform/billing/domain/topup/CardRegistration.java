package com.platform.billing.domain.topup;

import com.platform.billing.domain.Ids;
import com.platform.billing.domain.InvalidRequestException;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.OrgId;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceLine;
import com.platform.billing.domain.invoice.InvoiceType;
import com.platform.billing.domain.invoice.TaxBreakdown;
import com.platform.billing.domain.payment.CardRegistrationGateway;
import com.platform.billing.domain.payment.CheckoutRequest;
import com.platform.billing.domain.payment.PaymentGateway;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * "Register a card for postpaid billing": a payment order with purpose {@link PaymentPurpose#CARD_REGISTRATION} for a
 * small verification amount, made exactly like a top-up (PENDING order and its OPEN top-up invoice with tax written
 * first, then the gateway's card page recorded on the order). The customer enters the card on the gateway's side
 * only; the gateway's webhook then pays the order through {@link PaymentCallback} — the verification amount is
 * credited to the org's balance like any top-up — and the card token it carries becomes the org's saved card in the
 * same transaction. A decline or an expiry ends the order (invoice VOID) and stores no card; an existing card stays
 * until a new one is confirmed.
 */
public final class CardRegistration {

    private final PaymentOrderStore store;
    private final PaymentGateway gateway;
    private final CardRegistrationGateway registrations;
    private final TopUpSettings settings;
    private final long verificationAmount;
    private final Clock clock;
    private final CheckoutStep checkout;

    /**
     * @param verificationAmount what the verification payment buys, in minor units, before tax (the tax rule of
     *                           top-ups applies: with tax ADDED the customer pays it plus VAT and gets it as credit)
     */
    public CardRegistration(PaymentOrderStore store, PaymentGateway gateway, CardRegistrationGateway registrations,
                            TopUpSettings settings, long verificationAmount, Clock clock) {
        if (verificationAmount < 1) {
            throw new IllegalArgumentException("the verification amount must be positive");
        }
        this.store = store;
        this.gateway = gateway;
        this.registrations = registrations;
        this.settings = settings;
        this.verificationAmount = verificationAmount;
        this.clock = clock;
        this.checkout = new CheckoutStep(store, gateway, settings, clock);
    }

    public TopUpInquiry.Result start(String orgId, String idempotencyKey, String actor) {
        OrgId.requireValid(orgId);
        PaymentOrderStore.Idempotency idempotency = IdempotencyKeys.of(idempotencyKey,
                "CARD_REGISTRATION|" + verificationAmount + "|" + settings.currency());
        Instant now = clock.instant();
        TaxBreakdown tax = settings.tax().apply(Money.of(verificationAmount, settings.currency()));
        if (!tax.subtotal().isPositive()) {
            throw new InvalidRequestException("amount", "the verification amount buys no credit after tax.");
        }
        String orderId = PaymentOrderId.newId(orgId, clock);
        String invoiceId = Ids.uuidV7(clock);
        Instant expiresAt = now.plus(settings.orderExpiry());
        Invoice draft = Invoice.draft(invoiceId, orgId, InvoiceType.TOPUP,
                List.of(InvoiceLine.single("Card verification (credited to the balance)", "credit", tax.subtotal())),
                tax, null, orderId, now, expiresAt);
        PaymentOrder order = PaymentOrder.pending(orderId, PaymentPurpose.CARD_REGISTRATION, orgId, invoiceId, "",
                tax.total(), tax.subtotal(), tax.tax(), tax.total(), null, gateway.provider(), actor, now, expiresAt);
        PaymentOrderStore.Created created = store.createTopUp(order, draft, idempotency);
        return switch (created) {
            case PaymentOrderStore.Created.Replayed replayed ->
                    new TopUpInquiry.Result(checkout.replay(replayed.order()), true);
            case PaymentOrderStore.Created.New stored -> new TopUpInquiry.Result(checkout.checkout(stored.order(),
                    "Card verification " + stored.order().subtotal() + " (credited), invoice "
                            + stored.order().invoiceNumber(),
                    request -> registrations.createCardRegistration(markedForTheCard(request))), false);
        };
    }

    /**
     * The same request with {@code card=1} on the finish URL, so the billing page the gateway sends the browser back
     * to knows it was a card registration (it then reads the card from the API, never from the URL).
     */
    private static CheckoutRequest markedForTheCard(CheckoutRequest request) {
        if (request.finishUrl() == null || request.finishUrl().isBlank()) {
            return request;
        }
        String finish = request.finishUrl() + (request.finishUrl().contains("?") ? "&" : "?") + "card=1";
        return new CheckoutRequest(request.orderId(), request.orgId(), request.amount(), request.paymentMethod(),
                request.expiresAt(), request.description(), finish);
    }
}
