package com.platform.billing.domain.payment;

import java.net.URI;
import java.time.Instant;

/** The gateway's answer to a checkout: its own reference (Snap token, Xendit invoice id) and the payment page. */
public record Checkout(String gatewayReference, URI paymentUrl, Instant expiresAt) {
}
