package com.platform.billing.dynamodb;

import static com.platform.billing.dynamodb.Items.instant;
import static com.platform.billing.dynamodb.Items.num;
import static com.platform.billing.dynamodb.Items.str;

import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.Money;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Mapping of the ORG#{org}/ACCOUNT item. */
public final class AccountItems {

    public static final String TYPE = "ACCOUNT";

    private AccountItems() {
    }

    public static Map<String, AttributeValue> key(String orgId) {
        return Items.key(Keys.orgPk(orgId), Keys.accountSk());
    }

    public static Map<String, AttributeValue> toItem(BillingAccount account) {
        Map<String, AttributeValue> item = new HashMap<>(key(account.orgId()));
        item.put(Keys.TYPE, Items.s(TYPE));
        item.put(Keys.GSI2PK, Items.s(Keys.accountShardPk(account.orgId())));
        item.put(Keys.GSI2SK, Items.s(account.orgId()));
        item.put("orgId", Items.s(account.orgId()));
        item.put("billingType", Items.s(account.billingType().name()));
        item.put("balance", Items.n(account.balance().amount()));
        item.put("currency", Items.s(account.currency()));
        item.put("version", Items.n(account.version()));
        item.put("createdAt", Items.time(account.createdAt()));
        item.put("updatedAt", Items.time(account.updatedAt()));
        return item;
    }

    public static BillingAccount fromItem(Map<String, AttributeValue> item) {
        return new BillingAccount(str(item, "orgId"), BillingType.valueOf(str(item, "billingType")),
                Money.of(num(item, "balance"), str(item, "currency")), num(item, "version"),
                instant(item, "createdAt"), instant(item, "updatedAt"));
    }
}
