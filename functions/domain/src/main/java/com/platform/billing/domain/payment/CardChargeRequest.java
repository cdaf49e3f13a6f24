package com.platform.billing.domain.payment;

import com.platform.billing.domain.Money;

/** @param attemptId our id for this charge attempt, sent as the gateway's order id so it can never run twice */
public record CardChargeRequest(String attemptId, String orgId, String cardToken, Money amount, String description) {
}
