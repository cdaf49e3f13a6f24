package com.platform.billing.domain.paymentmethod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.domain.AccountNotFoundException;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.billingrun.SavedCard;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The removal rule of an org's saved card, on an in-memory store. */
class PaymentMethodSettingsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");
    private static final StoredCard CARD = new StoredCard(new SavedCard("org-1", "sandbox", "tok_ok_1", "VISA",
            "•••• 1114", 12, 2030, "owner-1", NOW), "org-1~AbCdEfGhIjKlM", null, null);

    private final List<String> removed = new ArrayList<>();

    private PaymentMethodSettings settings(Optional<BillingAccount> account, Optional<StoredCard> card) {
        return new PaymentMethodSettings(new PaymentMethodStore() {
            @Override
            public OrgCard read(String orgId) {
                return new OrgCard(account, card);
            }

            @Override
            public void remove(String orgId, StoredCard stored, String actor, Instant at) {
                removed.add(orgId + ":" + stored.card().cardToken() + ":" + actor + ":" + at);
            }
        }, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Optional<BillingAccount> account(BillingType type) {
        return Optional.of(BillingAccount.open("org-1", type, "IDR", NOW));
    }

    @Test
    void remove_ofAPrepaidOrgsCard_removesTheCardReadWithTheActorAndTime() {
        StoredCard gone = settings(account(BillingType.PREPAID), Optional.of(CARD)).remove("org-1", "owner-1");

        assertEquals(CARD, gone);
        assertEquals(List.of("org-1:tok_ok_1:owner-1:" + NOW), removed);
    }

    @Test
    void remove_ofAPostpaidOrgsCard_isRefusedAndRemovesNothing() {
        PaymentMethodInUseException refused = assertThrows(PaymentMethodInUseException.class,
                () -> settings(account(BillingType.POSTPAID), Optional.of(CARD)).remove("org-1", "owner-1"));

        assertEquals("payment-method-in-use", refused.code());
        assertTrue(removed.isEmpty());
    }

    @Test
    void remove_withoutACard_isNotFound() {
        PaymentMethodSettings.NoPaymentMethodException none = assertThrows(
                PaymentMethodSettings.NoPaymentMethodException.class,
                () -> settings(account(BillingType.PREPAID), Optional.empty()).remove("org-1", "owner-1"));

        assertEquals("not-found", none.code());
    }

    @Test
    void view_withoutAccount_isNotFound() {
        assertThrows(AccountNotFoundException.class, () -> settings(Optional.empty(), Optional.empty())
                .view("org-1"));
    }

    @Test
    void storedCard_isUsableUntilTheGatewayReportsItInvalid() {
        assertTrue(CARD.usable());
        assertTrue(!new StoredCard(CARD.card(), null, NOW, "token expired").usable());
    }
}
