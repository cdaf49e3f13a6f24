package com.platform.billing.dynamodb.usage;

import com.platform.billing.domain.ConcurrentUpdateException;
import com.platform.billing.domain.usage.RatedUsage;
import com.platform.billing.domain.usage.UsageBreakdown;
import com.platform.billing.domain.usage.UsageLine;
import com.platform.billing.domain.usage.UsageStore;
import com.platform.billing.domain.usage.UsageTotals;
import com.platform.billing.dynamodb.AccountItems;
import com.platform.billing.dynamodb.Backoff;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Usage on the single table. Recording one record is ONE {@code TransactWriteItems}:
 * <ol>
 *   <li>Put the record marker {@code USAGEREC#{org}#{id}} if absent (the replay guard; its old image tells a replay
 *       from a conflicting reuse of the id);</li>
 *   <li>ConditionCheck the org's account exists;</li>
 *   <li>ConditionCheck the booked period is not closed for the org ({@code PERIOD#{p}/CLOSED#{org}} absent) — the
 *       invoicing run writes that marker in the transaction that issues the invoice, conditioned on the TOTAL item's
 *       {@code records} count it read, so a record either makes it into the invoice or is booked late, never
 *       lost;</li>
 *   <li>ADD quantity, amount and count on the line
 *       {@code ORG#{org}/USAGE#{p}#LINE#{sku}#{priceDate}#{usagePeriod}};</li>
 *   <li>ADD amount (overall and per category) and count on {@code ORG#{org}/USAGE#{p}#TOTAL};</li>
 *   <li>for invoiced categories with a non-zero amount: SET-if-absent the org's entry in the billable-orgs index
 *       ({@code ORG#{org}/BILLABLE#{p}}, GSI2PK {@code BILLABLE#{p}#{shard}}); an UpdateItem never fails on an
 *       existing item, and if_not_exists leaves it (and so the index) unchanged.</li>
 * </ol>
 */
public final class DynamoUsageStore implements UsageStore {

    private static final int MARKER = 0;
    private static final int ACCOUNT = 1;
    private static final int CLOSED = 2;
    private static final int MAX_ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoUsageStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Outcome record(RatedUsage usage, YearMonth booked, String recordedBy, Instant now) {
        List<TransactWriteItem> items = transaction(usage, booked, recordedBy, now);
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(items));
                return new Recorded();
            } catch (TransactionCanceledException cancelled) {
                Optional<Outcome> outcome = outcomeOf(usage, booked, cancelled);
                if (outcome.isPresent()) {
                    return outcome.get();
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw new ConcurrentUpdateException();
                }
                Backoff.afterConflict(attempt);
            }
        }
    }

    /** The items of the one transaction that records {@code usage} into {@code booked}. */
    public List<TransactWriteItem> transaction(RatedUsage usage, YearMonth booked, String recordedBy, Instant now) {
        String org = usage.orgId();
        List<TransactWriteItem> items = new ArrayList<>(6);
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(UsageItems.recordItem(usage, booked, recordedBy, now))
                .conditionExpression("attribute_not_exists(PK)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build());
        items.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                .key(AccountItems.key(org)).conditionExpression("attribute_exists(PK)").build()).build());
        items.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                .key(Items.key(Keys.periodClosedPk(booked), Keys.periodClosedSk(org)))
                .conditionExpression("attribute_not_exists(PK)").build()).build());
        AttributeValue amount = Items.n(usage.amountMicros());
        AttributeValue one = Items.n(1);
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Items.key(Keys.orgPk(org), Keys.usageLineSk(booked, usage.sku().sku(),
                        usage.price().effectiveFrom(), usage.usagePeriod())))
                .updateExpression("SET #type = :type, #org = :org, #period = :period, #usagePeriod = :usagePeriod,"
                        + " #sku = :sku, #category = :category, #unit = :unit, #priceFrom = :priceFrom,"
                        + " #unitPrice = :unitPrice, #late = :late, #updatedAt = :now"
                        + " ADD #quantity :quantity, #amount :amount, #records :one")
                .expressionAttributeNames(Map.ofEntries(Map.entry("#type", Keys.TYPE), Map.entry("#org", "orgId"),
                        Map.entry("#period", "period"), Map.entry("#usagePeriod", "usagePeriod"),
                        Map.entry("#sku", "sku"), Map.entry("#category", "category"), Map.entry("#unit", "unit"),
                        Map.entry("#priceFrom", "priceEffectiveFrom"), Map.entry("#unitPrice", "unitPriceMicros"),
                        Map.entry("#late", "late"), Map.entry("#updatedAt", "updatedAt"),
                        Map.entry("#quantity", "quantityMicros"), Map.entry("#amount", "amountMicros"),
                        Map.entry("#records", "records")))
                .expressionAttributeValues(Map.ofEntries(Map.entry(":type", Items.s(UsageItems.LINE_TYPE)),
                        Map.entry(":org", Items.s(org)), Map.entry(":period", Items.s(booked.toString())),
                        Map.entry(":usagePeriod", Items.s(usage.usagePeriod().toString())),
                        Map.entry(":sku", Items.s(usage.sku().sku())),
                        Map.entry(":category", Items.s(usage.sku().category().wire())),
                        Map.entry(":unit", Items.s(usage.sku().unit().wire())),
                        Map.entry(":priceFrom", Items.s(usage.price().effectiveFrom().toString())),
                        Map.entry(":unitPrice", Items.n(usage.price().unitPriceMicros())),
                        Map.entry(":late", AttributeValue.fromBool(!booked.equals(usage.usagePeriod()))),
                        Map.entry(":now", Items.time(now)), Map.entry(":quantity", Items.n(usage.quantityMicros())),
                        Map.entry(":amount", amount), Map.entry(":one", one)))
                .build()).build());
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Items.key(Keys.orgPk(org), Keys.usageTotalSk(booked)))
                .updateExpression("SET #type = :type, #org = :org, #period = :period, #updatedAt = :now"
                        + " ADD #amount :amount, #categoryAmount :amount, #records :one")
                .expressionAttributeNames(Map.of("#type", Keys.TYPE, "#org", "orgId", "#period", "period",
                        "#updatedAt", "updatedAt", "#amount", "amountMicros",
                        "#categoryAmount", UsageItems.CATEGORY_AMOUNT_PREFIX + usage.sku().category().wire(),
                        "#records", "records"))
                .expressionAttributeValues(Map.of(":type", Items.s(UsageItems.TOTAL_TYPE), ":org", Items.s(org),
                        ":period", Items.s(booked.toString()), ":now", Items.time(now), ":amount", amount,
                        ":one", one))
                .build()).build());
        if (usage.amountMicros() > 0 && usage.sku().category().onMonthlyInvoice()) {
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Items.key(Keys.orgPk(org), Keys.billableSk(booked)))
                    .updateExpression("SET #type = if_not_exists(#type, :type), #org = if_not_exists(#org, :org),"
                            + " #period = if_not_exists(#period, :period),"
                            + " #gsi2pk = if_not_exists(#gsi2pk, :shard), #gsi2sk = if_not_exists(#gsi2sk, :org),"
                            + " #first = if_not_exists(#first, :now)")
                    .expressionAttributeNames(Map.of("#type", Keys.TYPE, "#org", "orgId", "#period", "period",
                            "#gsi2pk", Keys.GSI2PK, "#gsi2sk", Keys.GSI2SK, "#first", "firstUsageAt"))
                    .expressionAttributeValues(Map.of(":type", Items.s(UsageItems.BILLABLE_TYPE),
                            ":org", Items.s(org), ":period", Items.s(booked.toString()),
                            ":shard", Items.s(Keys.billableShardPk(booked, org)), ":now", Items.time(now)))
                    .build()).build());
        }
        return items;
    }

    /** The outcome a cancelled transaction means, or empty when it should simply be tried again. */
    private Optional<Outcome> outcomeOf(RatedUsage usage, YearMonth booked, TransactionCanceledException cancelled) {
        List<CancellationReason> reasons = cancelled.cancellationReasons();
        if (reasons == null || reasons.isEmpty()) {
            throw cancelled;
        }
        if (failedCondition(reasons, MARKER)) {
            Map<String, AttributeValue> old = reasons.get(MARKER).item();
            if (old == null || old.isEmpty()) {
                old = dynamo.getItem(r -> r.tableName(table).key(UsageItems.recordKey(usage.orgId(), usage.id()))
                        .consistentRead(true)).item();
            }
            if (old == null || old.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new AlreadyRecorded(UsageItems.storedFrom(old)));
        }
        if (failedCondition(reasons, ACCOUNT)) {
            return Optional.of(new UnknownOrg());
        }
        if (failedCondition(reasons, CLOSED)) {
            return Optional.of(new PeriodClosed(booked));
        }
        if (reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) {
            return Optional.empty();
        }
        throw cancelled;
    }

    @Override
    public Optional<UsageTotals> totals(String orgId, YearMonth period) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(Items.key(Keys.orgPk(orgId), Keys.usageTotalSk(period))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(UsageItems.totalsFrom(orgId, period, item));
    }

    @Override
    public UsageBreakdown breakdown(String orgId, YearMonth period) {
        List<UsageLine> lines = new ArrayList<>();
        UsageTotals totals = UsageTotals.empty(orgId, period);
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", Items.s(Keys.orgPk(orgId)),
                            ":prefix", Items.s(Keys.usagePeriodPrefix(period))));
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(query.build());
            for (Map<String, AttributeValue> item : page.items()) {
                switch (Items.strOr(item, Keys.TYPE, "")) {
                    case UsageItems.LINE_TYPE -> lines.add(UsageItems.lineFrom(item));
                    case UsageItems.TOTAL_TYPE -> totals = UsageItems.totalsFrom(orgId, period, item);
                    default -> {
                        // not an aggregate of this period
                    }
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new UsageBreakdown(orgId, period, lines, totals);
    }

    private static boolean failedCondition(List<CancellationReason> reasons, int index) {
        return index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }
}
