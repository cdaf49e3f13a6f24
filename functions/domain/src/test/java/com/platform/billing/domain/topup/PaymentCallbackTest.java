package com.platform.billing.domain.topup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.domain.BillingException;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.Page;
import com.platform.billing.domain.invoice.Invoice;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The callback's decisions, with its collaborators faked: a gateway whose notifications are given by the test, and
 * an in-memory order store that records what it was asked to apply. (The DynamoDB behaviour is in the ITs.)
 */
class PaymentCallbackTest {

    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final FakeStore store = new FakeStore();
    private final FakeGateway gateway = new FakeGateway();
    private final PaymentOrder order = PaymentOrder.pending(PaymentOrderId.newId("org-1", CLOCK),
            PaymentPurpose.TOPUP, "org-1", "inv-1", "INV/2026/11/000001", idr(111_000), idr(100_000),
            idr(11_000), idr(111_000), null, "fake", "user-1", NOW, NOW.plusSeconds(3_600));

    private static Money idr(long amount) {
        return Money.of(amount, "IDR");
    }

    private PaymentCallback callback(String merchant) {
        store.orders.put(order.id(), order);
        return new PaymentCallback(store, Map.of("fake", gateway), merchant, CLOCK);
    }

    private GatewayNotification notification(PaymentStatus status, Money amount, String merchant) {
        return new GatewayNotification("fake", order.id(), status, status.name(), amount, merchant, "tx-1", "ref-1",
                "card", NOW, "{raw}");
    }

    @Test
    void handle_whenMerchantDiffers_is422KeptAndNothingApplied() {
        gateway.next = notification(PaymentStatus.PAID, idr(111_000), "M-OTHER");
        BillingException refused = assertThrows(BillingException.class,
                () -> callback("M-OURS").handle("fake", Map.of(), "{raw}"));
        assertEquals("payment-mismatch", refused.code());
        assertEquals(List.of("mismatch"), store.kept);
        assertTrue(store.applied.isEmpty());
    }

    @Test
    void handle_whenMerchantMatchesOrIsNotGiven_applies() {
        gateway.next = notification(PaymentStatus.PAID, idr(111_000), "M-OURS");
        assertEquals(PaymentCallback.Outcome.APPLIED, callback("M-OURS").handle("fake", Map.of(), "").outcome());
        gateway.next = notification(PaymentStatus.PAID, idr(111_000), null);
        store.orders.clear();
        assertEquals(PaymentCallback.Outcome.APPLIED, callback("M-OURS").handle("fake", Map.of(), "").outcome());
    }

    @Test
    void handle_whenProviderIsNotConfigured_is404BeforeAuthenticating() {
        BillingException refused = assertThrows(BillingException.class,
                () -> callback(null).handle("other", Map.of(), "{}"));
        assertEquals("not-found", refused.code());
        assertEquals(0, gateway.authenticated);
    }

    @Test
    void handle_whenOrderWasMadeWithAnotherGateway_is422() {
        store.orders.put(order.id(), order);
        PaymentCallback callback = new PaymentCallback(store, Map.of("fake", gateway, "second", gateway), null,
                CLOCK);
        gateway.next = notification(PaymentStatus.PAID, idr(111_000), null);
        BillingException refused = assertThrows(BillingException.class,
                () -> callback.handle("second", Map.of(), "{}"));
        assertEquals("payment-mismatch", refused.code());
    }

    @Test
    void handle_whenStatusApiIsDown_is502AndNothingApplied() {
        gateway.next = notification(PaymentStatus.PAID, idr(111_000), null);
        gateway.statusDown = true;
        BillingException refused = assertThrows(BillingException.class,
                () -> callback(null).handle("fake", Map.of(), "{}"));
        assertEquals("gateway-unavailable", refused.code());
        assertTrue(store.applied.isEmpty());
    }

    @Test
    void handle_whenStillPending_isIgnored() {
        gateway.next = notification(PaymentStatus.PENDING, idr(111_000), null);
        assertEquals(PaymentCallback.Outcome.IGNORED, callback(null).handle("fake", Map.of(), "{}").outcome());
        assertTrue(store.applied.isEmpty());
    }

    private static final class FakeGateway implements PaymentGateway {
        GatewayNotification next;
        boolean statusDown;
        int authenticated;

        @Override
        public String provider() {
            return "fake";
        }

        @Override
        public List<PaymentMethod> paymentMethods() {
            return List.of(new PaymentMethod("card", "Card"));
        }

        @Override
        public Checkout createCheckout(CheckoutRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public GatewayNotification authenticateNotification(Map<String, String> headers, String body) {
            authenticated++;
            return next;
        }

        @Override
        public Optional<GatewayStatus> fetchStatus(String orderId) {
            if (statusDown) {
                throw new GatewayException("down", true, null);
            }
            return Optional.empty();
        }

        @Override
        public CardChargeResult chargeSavedCard(CardChargeRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class FakeStore implements PaymentOrderStore {
        final Map<String, PaymentOrder> orders = new java.util.HashMap<>();
        final List<String> kept = new ArrayList<>();
        final List<PaymentStatus> applied = new ArrayList<>();

        @Override
        public Created createTopUp(PaymentOrder order, Invoice draft, Idempotency idempotency) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InvoicePaymentContext readForInvoicePayment(String orgId, String invoiceId, Idempotency idempotency) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Created createInvoicePayment(PaymentOrder order, Invoice invoiceAsRead, Idempotency idempotency) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PaymentOrder recordCheckout(PaymentOrder order, Checkout checkout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void failCheckout(PaymentOrder order, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<CallbackRead> findForCallback(String orderId) {
            return Optional.ofNullable(orders.get(orderId)).map(o -> new CallbackRead(o, Optional.empty()));
        }

        @Override
        public boolean settlePaid(CallbackRead read, GatewayNotification notification, boolean late, Instant at) {
            applied.add(PaymentStatus.PAID);
            return true;
        }

        @Override
        public boolean settleEnded(PaymentOrder order, PaymentStatus status, GatewayNotification notification,
                                   Instant at) {
            applied.add(status);
            return true;
        }

        @Override
        public Reversal settleReversal(CallbackRead read, PaymentStatus status, GatewayNotification notification,
                                       Instant at) {
            applied.add(status);
            return new Reversal(true, Money.of(0, "IDR"), Money.of(0, "IDR"));
        }

        @Override
        public Page<PaymentOrder> topUps(String orgId, String cursor, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void keepUnapplied(String provider, String orderId, String reason, String rawBody, Instant at) {
            kept.add(reason);
        }
    }
}
