package com.platform.billing.domain.topup;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.OrgId;
import com.platform.billing.domain.StateConflictException;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceNotFoundException;
import com.platform.billing.domain.payment.PaymentGateway;
import java.time.Clock;
import java.time.Instant;

/**
 * "Pay this invoice through the gateway": the customer pays max(amount due, minimum payment); the callback applies
 * the amount due to the invoice and credits the rest as surplus, in one transaction. Refused (409) for an invoice
 * that is paid or void, and while another gateway payment of it is pending (until that order ends or expires).
 */
public final class InvoicePayment {

    private final PaymentOrderStore store;
    private final PaymentGateway gateway;
    private final TopUpSettings settings;
    private final Clock clock;
    private final CheckoutStep checkout;

    public InvoicePayment(PaymentOrderStore store, PaymentGateway gateway, TopUpSettings settings, Clock clock) {
        this.store = store;
        this.gateway = gateway;
        this.settings = settings;
        this.clock = clock;
        this.checkout = new CheckoutStep(store, gateway, settings, clock);
    }

    public TopUpInquiry.Result pay(String orgId, String invoiceId, String paymentMethod, String idempotencyKey,
                                   String actor) {
        OrgId.requireValid(orgId);
        if (!InvoiceNotFoundException.isValidId(invoiceId)) {
            throw new InvoiceNotFoundException();
        }
        String method = TopUpInquiry.validMethod(gateway, paymentMethod);
        PaymentOrderStore.Idempotency idempotency = IdempotencyKeys.of(idempotencyKey,
                "INVOICE_PAYMENT|" + invoiceId + "|" + (method == null ? "" : method));

        PaymentOrderStore.InvoicePaymentContext context = store.readForInvoicePayment(orgId, invoiceId, idempotency);
        if (context.replay().isPresent()) {
            return new TopUpInquiry.Result(checkout.replay(context.replay().get()), true);
        }
        Invoice invoice = context.invoice().orElseThrow(InvoiceNotFoundException::new);
        Instant now = clock.instant();
        Money due = invoice.amountDue();
        if (!invoice.status().isPayable() || !due.isPositive()) {
            throw new StateConflictException("invoice-not-payable", "The invoice is " + invoice.status()
                    + "; there is nothing to pay.");
        }
        if (invoice.hasPendingPayment(now)) {
            throw new StateConflictException("invoice-payment-pending", "A payment of this invoice is already in"
                    + " progress; finish or abandon it (it expires at " + invoice.pendingUntil() + ") first.");
        }
        Money amount = due.max(Money.of(settings.minimumAmount(), due.currency()));
        Instant expiresAt = now.plus(settings.orderExpiry());
        PaymentOrder order = PaymentOrder.pending(PaymentOrderId.newId(orgId, clock), PaymentPurpose.INVOICE_PAYMENT,
                orgId, invoice.id(), invoice.number() == null ? "" : invoice.number().value(), amount, amount,
                Money.zero(amount.currency()), due, method, gateway.provider(), actor, now, expiresAt);
        PaymentOrderStore.Created created = store.createInvoicePayment(order, invoice, idempotency);
        return switch (created) {
            case PaymentOrderStore.Created.Replayed replayed ->
                    new TopUpInquiry.Result(checkout.replay(replayed.order()), true);
            case PaymentOrderStore.Created.New stored -> new TopUpInquiry.Result(checkout.checkout(stored.order(),
                    "Payment of invoice " + stored.order().invoiceNumber()), false);
        };
    }
}
