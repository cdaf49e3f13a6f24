package com.platform.billing.domain.payment;

import com.platform.billing.domain.Money;
import java.time.Instant;

/**
 * An authenticated webhook delivery, mapped to our terms.
 *
 * @param gatewayStatus   the gateway's own status words, kept for the record (e.g. "capture/accept", "SETTLED")
 * @param merchantId      the merchant the gateway says it is for, or null when the gateway does not say
 * @param transactionId   the gateway's transaction id
 * @param referenceNumber the reference a customer sees (VA number, payment reference…), or null
 * @param rawBody         the body exactly as received, stored for reconciliation
 */
public record GatewayNotification(String provider, String orderId, PaymentStatus status, String gatewayStatus,
                                  Money amount, String merchantId, String transactionId, String referenceNumber,
                                  String paymentMethod, Instant occurredAt, String rawBody) {
}
