package com.platform.billing.domain.billingrun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.billingrun.ChargeState.AttemptStatus;
import com.platform.billing.domain.billingrun.PostpaidCharging.Result;
import com.platform.billing.domain.invoice.AppliedPayment;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceNumber;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.domain.invoice.TaxRule;
import com.platform.billing.domain.payment.CardChargeRequest;
import com.platform.billing.domain.payment.CardChargeResult;
import com.platform.billing.domain.payment.Checkout;
import com.platform.billing.domain.payment.CheckoutRequest;
import com.platform.billing.domain.payment.GatewayException;
import com.platform.billing.domain.payment.GatewayNotification;
import com.platform.billing.domain.payment.GatewayStatus;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.domain.payment.PaymentMethod;
import com.platform.billing.domain.payment.PaymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostpaidChargingTest {

    private static final Instant ISSUED = Instant.parse("2026-10-31T17:00:00Z");

    /** The store's state in memory, with the same rules as the DynamoDB one (CAS on lastAttempt). */
    private static final class MemoryStore implements CardChargeStore {
        Invoice invoice;
        int lastAttempt;
        AttemptStatus lastStatus = AttemptStatus.NONE;
        int failures;
        Instant next;

        @Override
        public Optional<ChargeState> read(String orgId, String invoiceId) {
            return Optional.of(new ChargeState(invoice, Optional.of(new SavedCard(orgId, "sandbox", "tok_ok", "visa",
                    "•••• 4242", 12, 2030, "admin", ISSUED)), lastAttempt, lastStatus, failures, next));
        }

        @Override
        public boolean recordAttempt(ChargeState state, int attempt, Money amount, Instant at) {
            if (lastAttempt != attempt - 1) {
                return false;
            }
            lastAttempt = attempt;
            lastStatus = AttemptStatus.SENT;
            next = null;
            return true;
        }

        @Override
        public void succeeded(ChargeState state, int attempt, Money amount, String transactionId, Instant at) {
            invoice = invoice.apply(new AppliedPayment(AppliedPayment.Source.CARD, "a" + attempt, amount, at, "card",
                    ""));
            lastStatus = AttemptStatus.SUCCEEDED;
            next = null;
        }

        @Override
        public void failed(ChargeState state, int attempt, AttemptStatus status, String reason, Instant nextChargeAt,
                           Instant at) {
            lastStatus = status;
            failures++;
            next = nextChargeAt;
            if (nextChargeAt == null) {
                invoice = new Invoice(invoice.id(), invoice.orgId(), invoice.number(), invoice.type(),
                        InvoiceStatus.PAST_DUE, invoice.lines(), invoice.tax(), invoice.payments(), invoice.period(),
                        invoice.reference(), invoice.issuedAt(), invoice.dueAt(), null, null, "", null, null);
            }
        }

        @Override
        public void unknown(ChargeState state, int attempt, Instant checkAt, Instant at) {
            lastStatus = AttemptStatus.UNKNOWN;
            next = checkAt;
        }

        @Override
        public List<DueCharge> dueOn(LocalDate day) {
            return List.of();
        }
    }

    private static final class ScriptedGateway implements PaymentGateway {
        final Deque<String> script = new ArrayDeque<>();
        final List<String> sent = new ArrayList<>();
        final List<String> charged = new ArrayList<>();

        @Override
        public String provider() {
            return "sandbox";
        }

        @Override
        public List<PaymentMethod> paymentMethods() {
            return List.of();
        }

        @Override
        public Checkout createCheckout(CheckoutRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public GatewayNotification authenticateNotification(Map<String, String> headers, String body) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<GatewayStatus> fetchStatus(String orderId) {
            return Optional.of(charged.contains(orderId)
                    ? new GatewayStatus(orderId, PaymentStatus.PAID, "settlement", Money.of(11_100, "IDR"), "tx")
                    : new GatewayStatus(orderId, PaymentStatus.PENDING, "not_found", null, null));
        }

        @Override
        public CardChargeResult chargeSavedCard(CardChargeRequest request) {
            sent.add(request.attemptId());
            switch (script.isEmpty() ? "ok" : script.poll()) {
                case "decline" -> {
                    return new CardChargeResult(CardChargeResult.Outcome.DECLINED, null, "");
                }
                case "timeout" -> throw new GatewayException("timeout", true, null);
                default -> {
                    charged.add(request.attemptId());
                    return new CardChargeResult(CardChargeResult.Outcome.SUCCEEDED, "tx", "");
                }
            }
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final ScriptedGateway gateway = new ScriptedGateway();

    PostpaidChargingTest() {
        YearMonth october = YearMonth.parse("2026-10");
        store.invoice = UsageInvoice.draft("inv-1", "org-1", october, List.of(new BilledUsage("compute.a", "compute",
                        "hour", 8_000_000, 1_250_000_000L, 10_000_000_000L, october, false)), "IDR",
                TaxRule.indonesianVat(), ISSUED, Duration.ofDays(14)).orElseThrow()
                .withNumber(InvoiceNumber.of(october, 1));
    }

    private Result chargeAt(Duration afterIssue) {
        return new PostpaidCharging(store, gateway, Clock.fixed(ISSUED.plus(afterIssue), ZoneOffset.UTC))
                .charge("org-1", "inv-1");
    }

    @Test
    void charge_whenDeclinedEveryTime_retriesOnDaysOneThreeSevenThenPastDue() {
        gateway.script.addAll(List.of("decline", "decline", "decline", "decline"));

        List<Result> results = List.of(chargeAt(Duration.ZERO), chargeAt(Duration.ofHours(23)),
                chargeAt(Duration.ofDays(1)), chargeAt(Duration.ofDays(2)), chargeAt(Duration.ofDays(3)),
                chargeAt(Duration.ofDays(7)), chargeAt(Duration.ofDays(30)));

        assertEquals(List.of(Result.DECLINED, Result.NOT_DUE, Result.DECLINED, Result.NOT_DUE, Result.DECLINED,
                Result.PAST_DUE, Result.PAST_DUE), results);
        assertEquals(List.of("inv-1-a1", "inv-1-a2", "inv-1-a3", "inv-1-a4"), gateway.sent);
        assertEquals(InvoiceStatus.PAST_DUE, store.invoice.status());
    }

    @Test
    void charge_whenTimeoutCollectedNothing_checksStatusThenMakesTheNextAttemptWhenDue() {
        gateway.script.addAll(List.of("timeout", "ok"));

        Result first = chargeAt(Duration.ZERO);
        Result sameDay = chargeAt(Duration.ofHours(1));
        Result nextDay = chargeAt(Duration.ofDays(1).plusHours(1));

        assertEquals(Result.UNKNOWN, first);
        assertEquals(Result.NOT_DUE, sameDay, "not found at the gateway: a failed attempt, retried on day 1");
        assertEquals(Result.PAID, nextDay);
        assertEquals(List.of("inv-1-a1", "inv-1-a2"), gateway.sent);
    }

    @Test
    void charge_whenTimeoutButCharged_resolvesToPaidWithoutSendingAgain() {
        // attempt 1 timed out after the gateway had taken the money
        gateway.charged.add("inv-1-a1");
        store.lastAttempt = 1;
        store.lastStatus = AttemptStatus.UNKNOWN;

        assertEquals(Result.PAID, chargeAt(Duration.ofHours(1)));
        assertEquals(List.of(), gateway.sent);
        assertEquals(InvoiceStatus.PAID, store.invoice.status());
        assertEquals(Result.NOTHING_DUE, chargeAt(Duration.ofDays(1)));
    }
}
