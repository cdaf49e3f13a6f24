package com.platform.billing.dynamodb;

import com.platform.billing.domain.AccountStore;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.paymentmethod.PaymentMethodRequiredException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

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
        return ConsistentReads.get(dynamo, table, AccountItems.key(orgId)).map(AccountItems::fromItem);
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

    /**
     * One TransactWriteItems: Update the account (type PREPAID → POSTPAID, if type and version are as read) and a
     * ConditionCheck that the org's saved card exists and has not been found invalid. The result is built from the
     * account read (only type and updatedAt change), so the switch still costs one read and one write request.
     */
    @Override
    public Optional<BillingAccount> switchToPostpaid(BillingAccount current, String actor, Instant now) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().update(Update.builder().tableName(table)
                            .key(AccountItems.key(current.orgId()))
                            .updateExpression("SET #type = :new, #updatedAt = :now, #typeChangedBy = :actor")
                            .conditionExpression("#type = :expected AND #version = :version")
                            .expressionAttributeNames(Map.of("#type", "billingType", "#updatedAt", "updatedAt",
                                    "#typeChangedBy", "billingTypeChangedBy", "#version", "version"))
                            .expressionAttributeValues(Map.of(":new", Items.s(BillingType.POSTPAID.name()),
                                    ":expected", Items.s(current.billingType().name()),
                                    ":version", Items.n(current.version()), ":now", Items.time(now),
                                    ":actor", Items.s(actor))).build()).build(),
                    TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                            .key(Items.key(Keys.orgPk(current.orgId()), Keys.paymentMethodSk()))
                            .conditionExpression("attribute_exists(PK) AND attribute_not_exists(#invalidAt)")
                            .expressionAttributeNames(Map.of("#invalidAt", "invalidAt")).build()).build()));
            return Optional.of(new BillingAccount(current.orgId(), BillingType.POSTPAID, current.balance(),
                    current.version(), current.createdAt(), now));
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.cancellationReasons();
            if (reasons != null && reasons.size() == 2
                    && "ConditionalCheckFailed".equals(reasons.get(1).code())
                    && !"ConditionalCheckFailed".equals(reasons.get(0).code())) {
                throw new PaymentMethodRequiredException();
            }
            if (reasons != null && !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return Optional.empty();
            }
            throw cancelled;
        }
    }
}
