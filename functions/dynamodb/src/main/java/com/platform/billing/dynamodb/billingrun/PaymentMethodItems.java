package com.platform.billing.dynamodb.billingrun;

import com.platform.billing.domain.billingrun.SavedCard;
import com.platform.billing.domain.paymentmethod.StoredCard;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ORG#{org}/PAYMENT-METHOD: the saved card (token, brand, masked number, expiry), set by an admin or by a confirmed
 * card registration ({@code registrationOrderId}); {@code invalidAt}/{@code invalidReason} once a charge found its
 * token expired or revoked (a new registration replaces the whole item, clearing them).
 */
public final class PaymentMethodItems {

    public static final String TYPE = "PAYMENT_METHOD";

    private PaymentMethodItems() {
    }

    public static Map<String, AttributeValue> key(String orgId) {
        return Items.key(Keys.orgPk(orgId), Keys.paymentMethodSk());
    }

    public static Map<String, AttributeValue> toItem(SavedCard card) {
        Map<String, AttributeValue> item = new HashMap<>(key(card.orgId()));
        item.put(Keys.TYPE, Items.s(TYPE));
        item.put("orgId", Items.s(card.orgId()));
        item.put("provider", Items.s(card.provider()));
        item.put("cardToken", Items.s(card.cardToken()));
        item.put("brand", Items.s(card.brand()));
        item.put("maskedNumber", Items.s(card.maskedNumber()));
        item.put("expiryMonth", Items.n(card.expiryMonth()));
        item.put("expiryYear", Items.n(card.expiryYear()));
        item.put("setBy", Items.s(card.setBy()));
        item.put("setAt", Items.time(card.setAt()));
        return item;
    }

    /** The item for a card a registration confirmed. */
    public static Map<String, AttributeValue> registered(SavedCard card, String registrationOrderId) {
        Map<String, AttributeValue> item = toItem(card);
        item.put("registrationOrderId", Items.s(registrationOrderId));
        return item;
    }

    public static StoredCard storedFromItem(Map<String, AttributeValue> item) {
        String invalidAt = Items.strOr(item, "invalidAt", null);
        return new StoredCard(fromItem(item), Items.strOr(item, "registrationOrderId", null),
                invalidAt == null ? null : Instant.parse(invalidAt), Items.strOr(item, "invalidReason", null));
    }

    public static SavedCard fromItem(Map<String, AttributeValue> item) {
        return new SavedCard(Items.str(item, "orgId"), Items.str(item, "provider"), Items.str(item, "cardToken"),
                Items.str(item, "brand"), Items.str(item, "maskedNumber"), (int) Items.num(item, "expiryMonth"),
                (int) Items.num(item, "expiryYear"), Items.str(item, "setBy"), Items.instant(item, "setAt"));
    }
}
