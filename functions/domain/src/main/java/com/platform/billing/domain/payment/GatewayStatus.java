package com.platform.billing.domain.payment;

import com.platform.billing.domain.Money;

/**
 * What the gateway's status API says about an order.
 *
 * @param amount        what the gateway says was (or is to be) paid; <b>null</b> when the gateway has no transaction
 *                      for the order yet (Midtrans answers 404 until the customer picks a method): the status is then
 *                      PENDING and {@code gatewayStatus} is {@code "not_found"}
 * @param transactionId the gateway's transaction id, or null when there is none yet
 */
public record GatewayStatus(String orderId, PaymentStatus status, String gatewayStatus, Money amount,
                            String transactionId) {
}
