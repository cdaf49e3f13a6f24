package com.platform.billing.domain.payment;

import com.platform.billing.domain.Money;

/** What the gateway's status API says about an order. */
public record GatewayStatus(String orderId, PaymentStatus status, String gatewayStatus, Money amount,
                            String transactionId) {
}
