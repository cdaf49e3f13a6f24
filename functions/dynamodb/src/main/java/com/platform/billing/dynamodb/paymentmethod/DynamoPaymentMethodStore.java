package com.platform.billing.dynamodb.paymentmethod;

import static com.platform.billing.dynamodb.ConsistentReads.find;
import static com.platform.billing.dynamodb.TransactionPart.part;

import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.ConcurrentUpdateException;
import com.platform.billing.domain.paymentmethod.PaymentMethodInUseException;
import com.platform.billing.domain.paymentmethod.PaymentMethodStore;
import com.platform.billing.domain.paymentmethod.StoredCard;
import com.platform.billing.dynamodb.AccountItems;
import com.platform.billing.dynamodb.ConsistentReads;
import com.platform.billing.dynamodb.DomainEvents;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.TransactionPart;
import com.platform.billing.dynamodb.Transactions;
import com.platform.billing.dynamodb.billingrun.PaymentMethodItems;
import com.platform.billing.dynamodb.topup.EventDetail;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The org's saved card on the single table. {@link #read}: one BatchGetItem (account + card, consistent).
 * {@link #remove}: one TransactWriteItems (ConditionCheck account not POSTPAID, Delete card if it is the token read,
 * event {@code PaymentMethodRemoved}) — so a removal and a switch to POSTPAID (which checks the card exists in its
 * own transaction) can never both succeed.
 */
public final class DynamoPaymentMethodStore implements PaymentMethodStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPaymentMethodStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public OrgCard read(String orgId) {
        Map<String, AttributeValue> accountKey = AccountItems.key(orgId);
        Map<String, AttributeValue> cardKey = PaymentMethodItems.key(orgId);
        List<Map<String, AttributeValue>> read = ConsistentReads.batchGet(dynamo, table, List.of(accountKey, cardKey));
        return new OrgCard(find(read, accountKey).map(AccountItems::fromItem),
                find(read, cardKey).map(PaymentMethodItems::storedFromItem));
    }

    @Override
    public void remove(String orgId, StoredCard card, String actor, Instant at) {
        TransactionPart notPostpaid = part(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                .tableName(table).key(AccountItems.key(orgId))
                .conditionExpression("attribute_exists(PK) AND #type <> :postpaid")
                .expressionAttributeNames(Map.of("#type", "billingType"))
                .expressionAttributeValues(Map.of(":postpaid", Items.s(BillingType.POSTPAID.name()))).build())
                .build(), r -> new PaymentMethodInUseException());
        TransactionPart delete = part(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(PaymentMethodItems.key(orgId)).conditionExpression("#token = :token")
                .expressionAttributeNames(Map.of("#token", "cardToken"))
                .expressionAttributeValues(Map.of(":token", Items.s(card.card().cardToken()))).build()).build(),
                r -> new ConcurrentUpdateException());
        // The event id is unique per removal: the card's registration (or its setAt) identifies what was removed.
        String removed = card.registrationOrderId() != null ? card.registrationOrderId()
                : orgId + "." + card.card().setAt().toEpochMilli();
        TransactionPart event = DomainEvents.record(removed + ".card-removed", "PaymentMethodRemoved", orgId, at,
                new EventDetail().put("provider", card.card().provider()).put("brand", card.card().brand())
                        .put("maskedNumber", card.card().maskedNumber()).put("removedBy", actor).json());
        Transactions.write(dynamo, table, List.of(notPostpaid, delete, event));
    }
}
