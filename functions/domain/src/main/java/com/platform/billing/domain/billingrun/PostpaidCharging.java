package com.platform.billing.domain.billingrun;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.billingrun.ChargeState.AttemptStatus;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.domain.payment.CardChargeRequest;
import com.platform.billing.domain.payment.CardChargeResult;
import com.platform.billing.domain.payment.GatewayException;
import com.platform.billing.domain.payment.GatewayStatus;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.domain.payment.PaymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Charges a postpaid invoice to the org's saved card. Rules:
 * <ul>
 *   <li>attempt ids are deterministic ({@code {invoiceId}-a{n}}) and each attempt is recorded (conditional write)
 *       <b>before</b> it is sent, so no attempt id is ever sent twice;</li>
 *   <li>an attempt whose outcome is unknown (timeout, pending) is resolved with {@code fetchStatus(attemptId)} before
 *       any new attempt: paid → PAID; still pending → check again later; no transaction or failed → a new attempt
 *       may be made when one is due;</li>
 *   <li>a decline (or an invalid or missing card) schedules the next attempt 1, 3 and 7 days after issue; after the
 *       fourth failed attempt the invoice is PAST_DUE.</li>
 * </ul>
 */
public final class PostpaidCharging {

    /** Retries after issue: days 1, 3 and 7. */
    public static final List<Duration> RETRY_AFTER = List.of(Duration.ofDays(1), Duration.ofDays(3),
            Duration.ofDays(7));
    /** How long until an unknown outcome is checked again. */
    public static final Duration RECHECK_AFTER = Duration.ofHours(24);

    public enum Result { PAID, DECLINED, TOKEN_INVALID, NO_CARD, PAST_DUE, UNKNOWN, NOT_DUE, NOTHING_DUE, BUSY }

    private final CardChargeStore store;
    private final PaymentGateway gateway;
    private final Clock clock;

    public PostpaidCharging(CardChargeStore store, PaymentGateway gateway, Clock clock) {
        this.store = store;
        this.gateway = gateway;
        this.clock = clock;
    }

    public Result charge(String orgId, String invoiceId) {
        Optional<ChargeState> read = store.read(orgId, invoiceId);
        if (read.isEmpty()) {
            return Result.NOTHING_DUE;
        }
        ChargeState state = read.get();
        Invoice invoice = state.invoice();
        Instant now = clock.instant();
        if (!invoice.status().isPayable() || !invoice.amountDue().isPositive()
                || state.lastStatus() == AttemptStatus.SUCCEEDED) {
            return Result.NOTHING_DUE;
        }
        if (state.lastStatus().outcomeUnknown()) {
            Optional<Result> resolved = resolve(state, now);
            if (resolved.isPresent()) {
                return resolved.get();
            }
            // Nothing was collected for that attempt: read again (it is now DECLINED) and go on if a charge is due.
            state = store.read(orgId, invoiceId).orElseThrow();
            invoice = state.invoice();
        }
        if (state.lastAttempt() > 0 && state.nextChargeAt() != null && state.nextChargeAt().isAfter(now)) {
            return Result.NOT_DUE;
        }
        if (invoice.status() == InvoiceStatus.PAST_DUE) {
            return Result.PAST_DUE;
        }
        int attempt = state.lastAttempt() + 1;
        Money amount = invoice.amountDue();
        if (!store.recordAttempt(state, attempt, amount, now)) {
            return Result.BUSY;
        }
        if (state.card().isEmpty()) {
            return fail(state, attempt, AttemptStatus.NO_CARD, "no saved card", now);
        }
        SavedCard card = state.card().get();
        CardChargeResult result;
        try {
            result = gateway.chargeSavedCard(new CardChargeRequest(ChargeState.attemptId(invoiceId, attempt), orgId,
                    card.cardToken(), amount, "Invoice " + invoice.number().value()));
        } catch (GatewayException timeout) {
            store.unknown(state, attempt, now.plus(RECHECK_AFTER), now);
            return Result.UNKNOWN;
        }
        return switch (result.outcome()) {
            case SUCCEEDED -> {
                store.succeeded(state, attempt, amount, result.transactionId(), now);
                yield Result.PAID;
            }
            case DECLINED -> fail(state, attempt, AttemptStatus.DECLINED, "declined", now);
            case TOKEN_INVALID -> fail(state, attempt, AttemptStatus.TOKEN_INVALID, "card token invalid", now);
            case PENDING -> {
                store.unknown(state, attempt, now.plus(RECHECK_AFTER), now);
                yield Result.UNKNOWN;
            }
        };
    }

    /** Empty when the unknown attempt collected nothing (it is then recorded as declined). */
    private Optional<Result> resolve(ChargeState state, Instant now) {
        int attempt = state.lastAttempt();
        String attemptId = ChargeState.attemptId(state.invoice().id(), attempt);
        Optional<GatewayStatus> status;
        try {
            status = gateway.fetchStatus(attemptId);
        } catch (GatewayException unavailable) {
            store.unknown(state, attempt, now.plus(RECHECK_AFTER), now);
            return Optional.of(Result.UNKNOWN);
        }
        if (status.isPresent() && status.get().status() == PaymentStatus.PAID) {
            Money amount = status.get().amount() != null ? status.get().amount() : state.invoice().amountDue();
            store.succeeded(state, attempt, amount.min(state.invoice().amountDue()),
                    status.get().transactionId() == null ? "" : status.get().transactionId(), now);
            return Optional.of(Result.PAID);
        }
        if (status.isPresent() && status.get().status() == PaymentStatus.PENDING
                && !"not_found".equals(status.get().gatewayStatus())) {
            store.unknown(state, attempt, now.plus(RECHECK_AFTER), now);
            return Optional.of(Result.UNKNOWN);
        }
        // Not found at the gateway, failed or expired: nothing collected. Count it as a failed attempt, scheduled as
        // usual; if that schedule makes a charge due now, the caller goes on.
        Result failed = fail(state, attempt, AttemptStatus.DECLINED, "no charge at the gateway", now);
        return failed == Result.PAST_DUE ? Optional.of(failed) : Optional.empty();
    }

    private Result fail(ChargeState state, int attempt, AttemptStatus status, String reason, Instant now) {
        int failures = state.failures() + 1;
        Instant next = failures <= RETRY_AFTER.size()
                ? state.invoice().issuedAt().plus(RETRY_AFTER.get(failures - 1)) : null;
        store.failed(state, attempt, status, reason, next, now);
        if (next == null) {
            return Result.PAST_DUE;
        }
        return switch (status) {
            case TOKEN_INVALID -> Result.TOKEN_INVALID;
            case NO_CARD -> Result.NO_CARD;
            default -> Result.DECLINED;
        };
    }
}
