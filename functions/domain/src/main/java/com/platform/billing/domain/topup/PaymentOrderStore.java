package com.platform.billing.domain.topup;

import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.billingrun.SavedCard;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.payment.Checkout;
import com.platform.billing.domain.payment.GatewayNotification;
import com.platform.billing.domain.payment.PaymentStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * Persistence of payment orders and the invoices they create or pay. Each method is one unit of work with a stated
 * request budget; conditions make every write safe to repeat and every state change forward-only.
 */
public interface PaymentOrderStore {

    /** An Idempotency-Key and the fingerprint of the request it was sent with. */
    record Idempotency(String key, String fingerprint) {
    }

    /** What a create did. */
    sealed interface Created permits Created.New, Created.Replayed {
        /** Wrote the order (and, for a top-up, its numbered invoice). */
        record New(PaymentOrder order) implements Created {
        }

        /** An earlier request with the same Idempotency-Key and body made this order; nothing was written. */
        record Replayed(PaymentOrder order) implements Created {
        }
    }

    /**
     * Writes a PENDING top-up (or card registration) order and its OPEN invoice, numbering the invoice, in one transaction that also checks
     * the org has a billing account and records the idempotency key. The invoice number allocation is part of the
     * same transaction (no number is used up by a failed write).
     *
     * @param order a PENDING order whose {@code invoiceNumber} is still empty
     * @param draft the invoice without a number
     * @throws com.platform.billing.domain.AccountNotFoundException when the org has no billing account
     * @throws IdempotencyKeyReusedException                         same key, different request
     */
    Created createTopUp(PaymentOrder order, Invoice draft, Idempotency idempotency);

    /** The invoice, and the order an earlier request with the same key made (if any), in one read. */
    record InvoicePaymentContext(Optional<Invoice> invoice, Optional<PaymentOrder> replay) {
    }

    InvoicePaymentContext readForInvoicePayment(String orgId, String invoiceId, Idempotency idempotency);

    /**
     * Writes a PENDING INVOICE_PAYMENT order and marks the invoice as having a payment in progress, conditioned on
     * the invoice being as read (same status and amount due, no other payment pending).
     */
    Created createInvoicePayment(PaymentOrder order, Invoice invoiceAsRead, Idempotency idempotency);

    /** Records the gateway's reference and payment page on the order (one UpdateItem). */
    PaymentOrder recordCheckout(PaymentOrder order, Checkout checkout);

    /**
     * The gateway could not make a checkout: the order becomes FAILED and its top-up invoice VOID (or the paid
     * invoice's pending mark is released), with a PaymentFailed event, in one transaction. No-op if the order
     * already moved on.
     */
    void failCheckout(PaymentOrder order, Instant at);

    /** An order as the webhook reads it, with the org's account when the same read could fetch it. */
    record CallbackRead(PaymentOrder order, Optional<BillingAccount> account) {
    }

    /** One read: the order, plus the org's account when the order id carries the org ({@link PaymentOrderId}). */
    Optional<CallbackRead> findForCallback(String orderId);

    /**
     * Money received: order PAID (late or not) with the gateway's ids and the raw notification, credit transfer
     * {@code topup:{orderId}} (TOPUP) or the invoice paid and any surplus credited ({@code surplus:{orderId}}), and
     * the domain event, all in one transaction.
     *
     * @return false when the order had already been paid (a duplicate or an interleaved delivery): nothing changed
     */
    boolean settlePaid(CallbackRead read, GatewayNotification notification, boolean late, Instant at);

    /**
     * A card registration's verification payment received: everything {@link #settlePaid} does for a top-up (order
     * PAID, credit {@code topup:{orderId}}, its invoice PAID) and, when the gateway saved the card, the org's saved
     * card replaced by it, with a {@code PaymentMethodRegistered} event — in one transaction. A default so that
     * stores which never see registrations need not implement it.
     *
     * @return false when the order had already been paid: nothing changed (a duplicate stores no second card)
     */
    default boolean settleCardRegistration(CallbackRead read, GatewayNotification notification,
                                           Optional<SavedCard> card,
                                           boolean late, Instant at) {
        throw new UnsupportedOperationException("this store does not take card registrations");
    }

    /**
     * The payment failed or expired: order FAILED/EXPIRED, its top-up invoice VOID (or the pending mark on the paid
     * invoice released), PaymentFailed event, in one transaction, only if the order is still PENDING.
     *
     * @return false when the order had already moved on: nothing changed
     */
    boolean settleEnded(PaymentOrder order, PaymentStatus status, GatewayNotification notification, Instant at);

    /** What a reversal did. */
    record Reversal(boolean applied, Money debited, Money shortfall) {
    }

    /**
     * Money returned after payment (refund, chargeback): the order records it and, for a full reversal, the credit it
     * gave is debited back ({@code reversal:{orderId}}) as far as the balance allows (prepaid can't go negative); what
     * could not be debited is recorded as a shortfall. Event PaymentReversed. One transaction.
     */
    Reversal settleReversal(CallbackRead read, PaymentStatus status, GatewayNotification notification, Instant at);

    /** The org's top-ups, newest first ({@code cursor} from a previous page, or null). */
    com.platform.billing.domain.Page<PaymentOrder> topUps(String orgId, String cursor, int limit);

    /** Keeps a notification that was not applied (unknown order, mismatch) for reconciliation, with a TTL. */
    void keepUnapplied(String provider, String orderId, String reason, String rawBody, Instant at);
}
