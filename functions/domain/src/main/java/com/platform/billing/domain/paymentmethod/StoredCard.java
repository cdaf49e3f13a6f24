package com.platform.billing.domain.paymentmethod;

import com.platform.billing.domain.billingrun.SavedCard;
import java.time.Instant;

/**
 * The org's saved card as stored: the card, the registration order that confirmed it (null for a token an admin
 * set), and whether the gateway has since reported its token expired or revoked at charge time.
 *
 * @param invalidAt     when a charge found the token invalid, or null while it is usable
 * @param invalidReason the gateway's words for it (for people), or null
 */
public record StoredCard(SavedCard card, String registrationOrderId, Instant invalidAt, String invalidReason) {

    public boolean usable() {
        return invalidAt == null;
    }
}
