package com.platform.billing.domain.payment;

/** The outcome of charging a saved card. A timeout is not an outcome: it is a {@link GatewayException}. */
public record CardChargeResult(Outcome outcome, String transactionId, String message) {

    public enum Outcome {
        SUCCEEDED,
        DECLINED,
        /** The token expired or was revoked: the org must register a new card. */
        TOKEN_INVALID,
        /**
         * Accepted but not final: the gateway holds it for fraud review (Midtrans {@code capture}/{@code challenge})
         * or authorised it without capturing. Nothing is collected yet; the outcome arrives by notification or
         * {@link PaymentGateway#fetchStatus} with the attempt id. Never charge again for the same debt meanwhile.
         */
        PENDING
    }
}
