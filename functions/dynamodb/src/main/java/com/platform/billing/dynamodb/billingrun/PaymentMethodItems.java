package com.platform.billing.dynamodb.billingrun;

import com.platform.billing.domain.billingrun.SavedCard;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** ORG#{org}/PAYMENT-METHOD: the saved card (token, brand, masked number, expiry). */
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

    public static SavedCard fromItem(Map<String, AttributeValue> item) {
        return new SavedCard(Items.str(item, "orgId"), Items.str(item, "provider"), Items.str(item, "cardToken"),
                Items.str(item, "brand"), Items.str(item, "maskedNumber"), (int) Items.num(item, "expiryMonth"),
                (int) Items.num(item, "expiryYear"), Items.str(item, "setBy"), Items.instant(item, "setAt"));
    }
}
