package com.platform.billing.domain.topup;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.OrgId;
import com.platform.billing.domain.payment.PaymentStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A payment through the gateway: buying credit (TOPUP) or paying an invoice (INVOICE_PAYMENT).
 *
 * <p>States only move forward ({@link #canMove}): PENDING → PAID | FAILED | EXPIRED; FAILED or EXPIRED → PAID (money
 * that arrives after the order ended is still money received: it is credited and {@code paidLate} is set); PAID →
 * REFUNDED | PARTIALLY_REFUNDED | CHARGED_BACK; PARTIALLY_REFUNDED → REFUNDED | CHARGED_BACK.
 *
 * @param total            what the customer pays the gateway
 * @param subtotal         TOPUP: the credit bought (the top-up invoice's subtotal); INVOICE_PAYMENT: = total
 * @param tax              TOPUP: the top-up invoice's tax; INVOICE_PAYMENT: zero (the invoice carries its own tax)
 * @param invoiceAmountDue INVOICE_PAYMENT: the invoice's amount due when the order was made (the callback applies
 *                         that much to the invoice and credits the rest, re-deciding if the invoice changed since);
 *                         TOPUP: = total
 * @param requestedMethod  the payment method the caller asked for, or null (every configured method offered)
 * @param paidMethod       the method the customer actually used, as the gateway reports it, or null
 * @param creditedAmount   what the ledger credited when it was paid (TOPUP: subtotal; INVOICE_PAYMENT: surplus)
 * @param reversedAmount   what was debited back after a refund or chargeback
 * @param reversalShortfall what could not be debited back because the prepaid balance was too low (see README)
 */
public record PaymentOrder(String id, PaymentPurpose purpose, String orgId, String invoiceId, String invoiceNumber,
                           Money total, Money subtotal, Money tax, Money invoiceAmountDue, String requestedMethod,
                           String provider, PaymentStatus status, String gatewayReference, String paymentUrl,
                           Instant gatewayExpiresAt, String transactionId, String referenceNumber, String paidMethod,
                           boolean paidLate, Money creditedAmount, Money reversedAmount, Money reversalShortfall,
                           String requestedBy, Instant createdAt, Instant expiresAt, Instant paidAt,
                           Instant endedAt) {

    public PaymentOrder {
        if (!PaymentOrderId.isValid(id)) {
            throw new IllegalArgumentException("invalid payment order id");
        }
        Objects.requireNonNull(purpose, "purpose");
        OrgId.requireValid(orgId);
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(invoiceNumber, "invoiceNumber");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(invoiceAmountDue, "invoiceAmountDue");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(creditedAmount, "creditedAmount");
        Objects.requireNonNull(reversedAmount, "reversedAmount");
        Objects.requireNonNull(reversalShortfall, "reversalShortfall");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!total.isPositive()) {
            throw new IllegalArgumentException("a payment order is for a positive amount");
        }
    }

    /** A new PENDING order. */
    public static PaymentOrder pending(String id, PaymentPurpose purpose, String orgId, String invoiceId,
                                       String invoiceNumber, Money total, Money subtotal, Money tax,
                                       Money invoiceAmountDue, String requestedMethod, String provider,
                                       String requestedBy, Instant createdAt, Instant expiresAt) {
        Money zero = Money.zero(total.currency());
        return new PaymentOrder(id, purpose, orgId, invoiceId, invoiceNumber, total, subtotal, tax, invoiceAmountDue,
                requestedMethod, provider, PaymentStatus.PENDING, null, null, null, null, null, null, false, zero,
                zero, zero, requestedBy, createdAt, expiresAt, null, null);
    }

    public String currency() {
        return total.currency();
    }

    /** The forward-only state machine. */
    public static boolean canMove(PaymentStatus from, PaymentStatus to) {
        return switch (from) {
            case PENDING -> to == PaymentStatus.PAID || to == PaymentStatus.FAILED || to == PaymentStatus.EXPIRED;
            case FAILED, EXPIRED -> to == PaymentStatus.PAID;
            case PAID -> to.isReversal();
            case PARTIALLY_REFUNDED -> to == PaymentStatus.REFUNDED || to == PaymentStatus.CHARGED_BACK;
            case REFUNDED, CHARGED_BACK -> false;
        };
    }

    /** Whether the money for this order was received at some point (it may since have been reversed). */
    public boolean wasPaid() {
        return status == PaymentStatus.PAID || status.isReversal();
    }

    /** A payment arriving now is late if the order had already ended, or its payment window had passed. */
    public boolean wouldBeLate(Instant now) {
        return status == PaymentStatus.FAILED || status == PaymentStatus.EXPIRED || now.isAfter(expiresAt);
    }

    public PaymentOrder withInvoiceNumber(String number) {
        return new PaymentOrder(id, purpose, orgId, invoiceId, number, total, subtotal, tax, invoiceAmountDue,
                requestedMethod, provider, status, gatewayReference, paymentUrl, gatewayExpiresAt, transactionId,
                referenceNumber, paidMethod, paidLate, creditedAmount, reversedAmount, reversalShortfall, requestedBy,
                createdAt, expiresAt, paidAt, endedAt);
    }

    /** INVOICE_PAYMENT: what its payment applied to the invoice (the rest was credited as surplus). */
    public Money appliedToInvoice() {
        return purpose == PaymentPurpose.INVOICE_PAYMENT && wasPaid() ? total.minus(creditedAmount)
                : Money.zero(total.currency());
    }

    public PaymentOrder withCheckout(String reference, String url, Instant gatewayExpiry) {
        return new PaymentOrder(id, purpose, orgId, invoiceId, invoiceNumber, total, subtotal, tax, invoiceAmountDue,
                requestedMethod, provider, status, reference, url, gatewayExpiry, transactionId, referenceNumber,
                paidMethod, paidLate, creditedAmount, reversedAmount, reversalShortfall, requestedBy, createdAt,
                expiresAt, paidAt, endedAt);
    }

    public PaymentOrder withStatus(PaymentStatus next, Instant at) {
        if (!canMove(status, next)) {
            throw new IllegalStateException("payment order cannot move from " + status + " to " + next);
        }
        return new PaymentOrder(id, purpose, orgId, invoiceId, invoiceNumber, total, subtotal, tax, invoiceAmountDue,
                requestedMethod, provider, next, gatewayReference, paymentUrl, gatewayExpiresAt, transactionId,
                referenceNumber, paidMethod, paidLate, creditedAmount, reversedAmount, reversalShortfall, requestedBy,
                createdAt, expiresAt, next == PaymentStatus.PAID ? at : paidAt,
                next == PaymentStatus.PAID ? endedAt : at);
    }
}
