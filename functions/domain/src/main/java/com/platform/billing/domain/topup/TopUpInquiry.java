package com.platform.billing.domain.topup;

import com.platform.billing.domain.Ids;
import com.platform.billing.domain.InvalidRequestException;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.OrgId;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceLine;
import com.platform.billing.domain.invoice.InvoiceType;
import com.platform.billing.domain.invoice.TaxBreakdown;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.domain.payment.PaymentMethod;
import java.time.Clock;
import java.time.Instant;

/**
 * "Top up my credit": validate, write the PENDING order and its OPEN top-up invoice (tax included) first, then ask
 * the gateway for a checkout and record it. The amount the caller asks for is the figure the tax rule is applied to:
 * with tax ADDED it is the credit bought and the customer pays it plus tax; with tax INCLUDED the customer pays it and
 * the credit is what remains after the tax inside it. Either way: credit = invoice subtotal, paid = invoice total.
 */
public final class TopUpInquiry {

    /** The order made (or found again, for a replayed Idempotency-Key). */
    public record Result(PaymentOrder order, boolean replayed) {
    }

    private final PaymentOrderStore store;
    private final PaymentGateway gateway;
    private final TopUpSettings settings;
    private final Clock clock;
    private final CheckoutStep checkout;

    public TopUpInquiry(PaymentOrderStore store, PaymentGateway gateway, TopUpSettings settings, Clock clock) {
        this.store = store;
        this.gateway = gateway;
        this.settings = settings;
        this.clock = clock;
        this.checkout = new CheckoutStep(store, gateway, settings, clock);
    }

    public Result inquire(String orgId, long amount, String paymentMethod, String idempotencyKey, String actor) {
        OrgId.requireValid(orgId);
        validateAmount(amount);
        String method = validMethod(gateway, paymentMethod);
        PaymentOrderStore.Idempotency idempotency = IdempotencyKeys.of(idempotencyKey,
                "TOPUP|" + amount + "|" + settings.currency() + "|" + (method == null ? "" : method));

        Instant now = clock.instant();
        TaxBreakdown tax = settings.tax().apply(Money.of(amount, settings.currency()));
        if (!tax.subtotal().isPositive()) {
            throw new InvalidRequestException("amount", "amount is too small to buy any credit after tax.");
        }
        String orderId = PaymentOrderId.newId(orgId, clock);
        String invoiceId = Ids.uuidV7(clock);
        Instant expiresAt = now.plus(settings.orderExpiry());
        Invoice draft = Invoice.draft(invoiceId, orgId, InvoiceType.TOPUP,
                java.util.List.of(InvoiceLine.single("Credit top-up", "credit", tax.subtotal())), tax, null, orderId,
                now, expiresAt);
        PaymentOrder order = PaymentOrder.pending(orderId, PaymentPurpose.TOPUP, orgId, invoiceId, "", tax.total(),
                tax.subtotal(), tax.tax(), tax.total(), method, gateway.provider(), actor, now, expiresAt);

        PaymentOrderStore.Created created = store.createTopUp(order, draft, idempotency);
        return switch (created) {
            case PaymentOrderStore.Created.Replayed replayed -> new Result(checkout.replay(replayed.order()), true);
            case PaymentOrderStore.Created.New stored -> new Result(checkout.checkout(stored.order(),
                    "Credit top-up " + stored.order().subtotal() + ", invoice " + stored.order().invoiceNumber()),
                    false);
        };
    }

    private void validateAmount(long amount) {
        if (amount < settings.minimumAmount()) {
            throw new InvalidRequestException("amount", "amount must be at least " + settings.minimumAmount() + " "
                    + settings.currency() + ".");
        }
        if (amount > settings.maximumAmount()) {
            throw new InvalidRequestException("amount", "amount must be at most " + settings.maximumAmount() + " "
                    + settings.currency() + ".");
        }
    }

    /** The method code if the gateway offers it; null (all methods) when none was asked for. */
    static String validMethod(PaymentGateway gateway, String requested) {
        if (requested == null) {
            return null;
        }
        for (PaymentMethod method : gateway.paymentMethods()) {
            if (method.code().equals(requested)) {
                return requested;
            }
        }
        throw new InvalidRequestException("paymentMethod", "paymentMethod must be one of the methods listed by"
                + " GET /orgs/{orgId}/payment-methods.");
    }
}
