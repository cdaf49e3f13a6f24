package com.platform.billing.domain.billingrun;

import com.platform.billing.domain.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The persistence port of {@link PostpaidCharging}; every write is one transaction with its own conditions. */
public interface CardChargeStore {

    Optional<ChargeState> read(String orgId, String invoiceId);

    /**
     * Records attempt {@code attempt} (status SENT) <b>before</b> it is sent, on condition that no attempt with that
     * number exists and the schedule's last attempt is still {@code attempt − 1}. False: another worker took it.
     */
    boolean recordAttempt(ChargeState state, int attempt, Money amount, Instant at);

    /** Attempt SUCCEEDED, invoice PAID (card payment), schedule cleared, {@code InvoicePaid} — one transaction. */
    void succeeded(ChargeState state, int attempt, Money amount, String transactionId, Instant at);

    /**
     * Attempt failed with {@code status} (DECLINED, TOKEN_INVALID, NO_CARD); the next attempt is scheduled at
     * {@code nextChargeAt}, or, when null, the invoice becomes PAST_DUE ({@code InvoicePastDue}). Records
     * {@code PaymentFailed} or {@code PaymentMethodInvalid}. One transaction.
     */
    void failed(ChargeState state, int attempt, ChargeState.AttemptStatus status, String reason,
                Instant nextChargeAt, Instant at);

    /** The attempt's outcome is unknown (timeout, pending); check it again at {@code checkAt}. */
    void unknown(ChargeState state, int attempt, Instant checkAt, Instant at);

    /** The charges due on a (platform time zone) day: (orgId, invoiceId) pairs. */
    List<DueCharge> dueOn(LocalDate day);

    record DueCharge(String orgId, String invoiceId) {
    }
}
