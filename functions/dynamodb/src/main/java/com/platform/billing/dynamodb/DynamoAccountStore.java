package com.platform.billing.dynamodb;

import com.platform.billing.domain.AccountStore;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingType;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** Billing accounts on the single table. Balance and version are only ever written by {@link DynamoLedger}. */
public final class DynamoAccountStore implements AccountStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAccountStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<BillingAccount> find(String orgId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(AccountItems.key(orgId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(AccountItems.fromItem(item));
    }

    @Override
    public Optional<BillingAccount> createIfAbsent(BillingAccount account) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(AccountItems.toItem(account))
                    .conditionExpression("attribute_not_exists(PK)"));
            return Optional.of(account);
        } catch (ConditionalCheckFailedException exists) {
            return Optional.empty();
        }
    }

    @Override
    public Opened openOrGet(BillingAccount account) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(AccountItems.toItem(account))
                    .conditionExpression("attribute_not_exists(PK)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Opened(account, true);
        } catch (ConditionalCheckFailedException exists) {
            // The failed condition hands back the stored item, so "open or read" stays one request.
            Map<String, AttributeValue> stored = exists.hasItem() && !exists.item().isEmpty() ? exists.item()
                    : dynamo.getItem(r -> r.tableName(table).key(AccountItems.key(account.orgId()))
                            .consistentRead(true)).item();
            return new Opened(AccountItems.fromItem(stored), false);
        }
    }

    @Override
    public Optional<BillingAccount> changeType(String orgId, BillingType expectedType, BillingType newType,
                                               String actor, Instant now) {
        try {
            var updated = dynamo.updateItem(r -> r.tableName(table).key(AccountItems.key(orgId))
                    .returnValues(ReturnValue.ALL_NEW)
                    .updateExpression("SET #type = :new, #updatedAt = :now, #typeChangedBy = :actor")
                    .conditionExpression("attribute_exists(PK) AND #type = :expected")
                    .expressionAttributeNames(Map.of("#type", "billingType", "#updatedAt", "updatedAt",
                            "#typeChangedBy", "billingTypeChangedBy"))
                    .expressionAttributeValues(Map.of(":new", Items.s(newType.name()),
                            ":expected", Items.s(expectedType.name()), ":now", Items.time(now),
                            ":actor", Items.s(actor))));
            return Optional.of(AccountItems.fromItem(updated.attributes()));
        } catch (ConditionalCheckFailedException moved) {
            return Optional.empty();
        }
    }
}
