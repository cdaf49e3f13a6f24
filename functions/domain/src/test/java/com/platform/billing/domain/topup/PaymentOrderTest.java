package com.platform.billing.domain.topup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.payment.PaymentStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaymentOrderTest {

    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "PENDING, PAID, true", "PENDING, FAILED, true", "PENDING, EXPIRED, true", "PENDING, REFUNDED, false",
            // money that arrives after the order ended is still money received
            "FAILED, PAID, true", "EXPIRED, PAID, true", "FAILED, EXPIRED, false", "EXPIRED, FAILED, false",
            // a late expire after paid changes nothing
            "PAID, EXPIRED, false", "PAID, FAILED, false", "PAID, PENDING, false",
            "PAID, REFUNDED, true", "PAID, PARTIALLY_REFUNDED, true", "PAID, CHARGED_BACK, true",
            "PARTIALLY_REFUNDED, REFUNDED, true", "PARTIALLY_REFUNDED, CHARGED_BACK, true",
            "PARTIALLY_REFUNDED, PAID, false", "REFUNDED, CHARGED_BACK, false", "REFUNDED, PAID, false",
            "CHARGED_BACK, REFUNDED, false",
    })
    void canMove_onlyForward(PaymentStatus from, PaymentStatus to, boolean allowed) {
        assertEquals(allowed, PaymentOrder.canMove(from, to));
    }

    @Test
    void canMove_neverToPendingNorToItself() {
        for (PaymentStatus status : PaymentStatus.values()) {
            assertFalse(PaymentOrder.canMove(status, PaymentStatus.PENDING));
            assertFalse(PaymentOrder.canMove(status, status));
        }
    }

    @Test
    void wouldBeLate_afterExpiryOrEnd() {
        PaymentOrder order = order();
        assertFalse(order.wouldBeLate(NOW.plusSeconds(3_599)));
        assertTrue(order.wouldBeLate(NOW.plusSeconds(3_601)));
        assertTrue(order.withStatus(PaymentStatus.EXPIRED, NOW).wouldBeLate(NOW));
    }

    @Test
    void withStatus_whenBackwards_isRefused() {
        PaymentOrder paid = order().withStatus(PaymentStatus.PAID, NOW);
        assertEquals(NOW, paid.paidAt());
        assertThrows(IllegalStateException.class, () -> paid.withStatus(PaymentStatus.EXPIRED, NOW));
    }

    @Test
    void newId_carriesTheOrgAndFitsTheGatewayRule() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String id = PaymentOrderId.newId("org-1", CLOCK);
            assertTrue(id.matches("[A-Za-z0-9_.~-]{1,50}"), id);
            assertEquals("org-1", PaymentOrderId.orgHint(id).orElseThrow());
            ids.add(id);
        }
        assertEquals(2_000, ids.size(), "30 random bits per millisecond keep ids distinct");
        String uuidOrg = "0b7d3c2e-5f1a-4c9b-8e2d-1a2b3c4d5e6f";
        String id = PaymentOrderId.newId(uuidOrg, CLOCK);
        assertEquals(50, id.length());
        assertEquals(uuidOrg, PaymentOrderId.orgHint(id).orElseThrow());
    }

    @Test
    void newId_whenOrgIdTooLongToCarry_isAPlainUuidV7WithoutHint() {
        String longOrg = "o".repeat(37);
        String id = PaymentOrderId.newId(longOrg, CLOCK);
        assertEquals(22, id.length());
        assertTrue(PaymentOrderId.isValid(id));
        assertTrue(PaymentOrderId.orgHint(id).isEmpty());
    }

    @Test
    void orgHint_whenMalformed_isEmpty() {
        for (String id : new String[] {null, "", "~abc", "a~b~c", "org 1~abc", "x".repeat(51)}) {
            assertTrue(PaymentOrderId.orgHint(id).isEmpty(), String.valueOf(id));
        }
    }

    private static PaymentOrder order() {
        Money total = Money.of(111_000, "IDR");
        return PaymentOrder.pending(PaymentOrderId.newId("org-1", CLOCK), PaymentPurpose.TOPUP, "org-1", "inv-1",
                "INV/2026/11/000001", total, Money.of(100_000, "IDR"), Money.of(11_000, "IDR"), total, null,
                "sandbox", "user-1", NOW, NOW.plusSeconds(3_600));
    }
}
