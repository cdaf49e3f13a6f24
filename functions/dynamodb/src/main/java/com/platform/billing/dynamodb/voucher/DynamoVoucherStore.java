package com.platform.billing.dynamodb.voucher;

import com.platform.billing.domain.ConcurrentUpdateException;
import com.platform.billing.domain.Page;
import com.platform.billing.domain.TransferOutcome;
import com.platform.billing.domain.voucher.AttemptPolicy;
import com.platform.billing.domain.voucher.OrgUsage;
import com.platform.billing.domain.voucher.Redemption;
import com.platform.billing.domain.voucher.RedemptionContext;
import com.platform.billing.domain.voucher.RedemptionPlan;
import com.platform.billing.domain.voucher.Voucher;
import com.platform.billing.domain.voucher.VoucherAlreadyRedeemedException;
import com.platform.billing.domain.voucher.VoucherCodeExistsException;
import com.platform.billing.domain.voucher.VoucherInvalidException;
import com.platform.billing.domain.voucher.VoucherRateLimitedException;
import com.platform.billing.domain.voucher.VoucherRedemptions;
import com.platform.billing.domain.voucher.VoucherStatus;
import com.platform.billing.domain.voucher.VoucherStore;
import com.platform.billing.dynamodb.AccountItems;
import com.platform.billing.dynamodb.Backoff;
import com.platform.billing.dynamodb.ConsistentReads;
import com.platform.billing.dynamodb.Cursors;
import com.platform.billing.dynamodb.DomainEvents;
import com.platform.billing.dynamodb.DynamoLedger;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import com.platform.billing.dynamodb.TransactionPart;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Vouchers on the single table.
 *
 * <p>A redemption reads with one {@code BatchGetItem} (voucher, account, the org's count, both attempt counters;
 * strongly consistent) and writes with one {@code TransactWriteItems} through {@link DynamoLedger}: the ledger's
 * account, entry and transfer record, then, in this order, a condition check on each attempt counter, the voucher's
 * count, the org's count, the history record and the VoucherRedeemed event. Each part's failed condition is turned
 * into the domain's answer from the item as it was ({@code ALL_OLD}), so "fully redeemed" and "expired" are told
 * apart without another read.
 */
public final class DynamoVoucherStore implements VoucherStore {

    private static final int BATCH_WRITE_SIZE = 25;
    private static final int MAX_UNPROCESSED_ROUNDS = 8;

    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoLedger ledger;

    public DynamoVoucherStore(DynamoDbClient dynamo, String table, DynamoLedger ledger) {
        this.dynamo = dynamo;
        this.table = table;
        this.ledger = ledger;
    }

    // ------------------------------------------------------------------ redemption

    @Override
    public RedemptionContext loadForRedemption(String voucherId, String orgId, String callerSubject,
                                               Instant attemptWindowStart) {
        Map<String, AttributeValue> voucherKey = VoucherItems.voucherKey(voucherId);
        Map<String, AttributeValue> usageKey = VoucherItems.orgUsageKey(voucherId, orgId);
        Map<String, AttributeValue> accountKey = AccountItems.key(orgId);
        Map<String, AttributeValue> orgLimiterKey = VoucherItems.orgLimiterKey(orgId, attemptWindowStart);
        Map<String, AttributeValue> callerLimiterKey = VoucherItems.callerLimiterKey(callerSubject,
                attemptWindowStart);
        Map<String, Map<String, AttributeValue>> found = batchGet(List.of(voucherKey, usageKey, accountKey,
                orgLimiterKey, callerLimiterKey));
        Map<String, AttributeValue> voucher = found.get(id(voucherKey));
        Map<String, AttributeValue> account = found.get(id(accountKey));
        return new RedemptionContext(
                Optional.ofNullable(voucher).map(VoucherItems::fromItem),
                Optional.ofNullable(account).map(AccountItems::fromItem),
                VoucherItems.orgRedemptions(found.get(id(usageKey))),
                VoucherItems.attemptWindow(found.get(id(orgLimiterKey))),
                VoucherItems.attemptWindow(found.get(id(callerLimiterKey))));
    }

    /** One BatchGetItem; unprocessed keys (throttling) are asked for again, which is the only extra read. */
    private Map<String, Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        List<Map<String, AttributeValue>> pending = keys;
        for (int round = 1; !pending.isEmpty(); round++) {
            List<Map<String, AttributeValue>> ask = pending;
            BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(Map.of(table,
                    KeysAndAttributes.builder().keys(ask).consistentRead(true).build())));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                found.put(id(item), item);
            }
            KeysAndAttributes left = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(table) : null;
            pending = left == null || !left.hasKeys() ? List.of() : left.keys();
            if (!pending.isEmpty()) {
                if (round >= MAX_UNPROCESSED_ROUNDS) {
                    throw new ConcurrentUpdateException();
                }
                backOff(round);
            }
        }
        return found;
    }

    private static String id(Map<String, AttributeValue> keyOrItem) {
        return Items.str(keyOrItem, Keys.PK) + "\n" + Items.str(keyOrItem, Keys.SK);
    }

    @Override
    public TransferOutcome redeem(RedemptionPlan plan) {
        Instant windowStart = plan.policy().windowStart(plan.now());
        List<TransactionPart> parts = List.of(
                attemptCheck(VoucherItems.orgLimiterKey(plan.orgId(), windowStart), plan),
                attemptCheck(VoucherItems.callerLimiterKey(plan.actor(), windowStart), plan),
                voucherCount(plan),
                orgCount(plan),
                redemptionRecord(plan),
                DomainEvents.record(plan.transfer().id().value(), VoucherRedemptions.EVENT_TYPE, plan.orgId(),
                        plan.now(), eventDetail(plan)));
        return ledger.commit(new DynamoLedger.PreparedTransfer(plan.transfer(), plan.readAccount(), plan.entry(),
                parts));
    }

    /** Refuses the whole transaction if the org or the caller got locked out since the read. */
    private TransactionPart attemptCheck(Map<String, AttributeValue> key, RedemptionPlan plan) {
        Instant now = plan.now();
        return part(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table).key(key)
                        .conditionExpression("attribute_not_exists(#failures) OR #failures < :max")
                        .expressionAttributeNames(Map.of("#failures", "failures"))
                        .expressionAttributeValues(Map.of(":max", Items.n(plan.policy().maxFailures())))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build())
                .build(), old -> new VoucherRateLimitedException(
                        Duration.between(now, plan.policy().windowEnd(now))));
    }

    /** +1 on the voucher, only if it is active, inside its window, under its total limit and open to this org. */
    private TransactionPart voucherCount(RedemptionPlan plan) {
        Voucher voucher = plan.voucher();
        String condition = "#status = :active AND #validFrom <= :now AND #validUntil > :now"
                + " AND #redeemedCount < #totalLimit";
        Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#validFrom", "validFrom",
                "#validUntil", "validUntil", "#redeemedCount", "redeemedCount", "#totalLimit", "totalLimit",
                "#lastRedeemedAt", "lastRedeemedAt"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":active", Items.s(VoucherStatus.ACTIVE.name()),
                ":now", Items.time(plan.now()), ":one", Items.n(1)));
        if (voucher.terms().restricted()) {
            condition += " AND contains(#allowedOrgs, :org)";
            names.put("#allowedOrgs", "allowedOrgs");
            values.put(":org", Items.s(plan.orgId()));
        }
        return part(TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(VoucherItems.voucherKey(voucher.id()))
                        .updateExpression("SET #redeemedCount = #redeemedCount + :one, #lastRedeemedAt = :now")
                        .conditionExpression(condition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build())
                .build(), old -> {
                    if (old == null || old.isEmpty()) {
                        return new VoucherInvalidException();
                    }
                    return VoucherItems.fromItem(old).refusalFor(plan.orgId(), plan.now())
                            .<RuntimeException>map(refusal -> refusal)
                            .orElseGet(ConcurrentUpdateException::new);
                });
    }

    /** The org's count moves from what was read to the redemption's ordinal (a compare-and-set). */
    private TransactionPart orgCount(RedemptionPlan plan) {
        int perOrgLimit = plan.voucher().terms().perOrgLimit();
        Map<String, String> names = Map.of("#redemptions", "redemptions", "#type", Keys.TYPE, "#orgId", "orgId",
                "#voucherId", "voucherId", "#lastRedeemedAt", "lastRedeemedAt", "#firstRedeemedAt", "firstRedeemedAt");
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":n", Items.n(plan.ordinal()),
                ":type", Items.s(VoucherItems.ORG_USAGE_TYPE), ":org", Items.s(plan.orgId()),
                ":voucher", Items.s(plan.voucher().id()), ":now", Items.time(plan.now())));
        String condition;
        if (plan.orgRedemptionsRead() == 0) {
            condition = "attribute_not_exists(PK)";
        } else {
            condition = "#redemptions = :read";
            values.put(":read", Items.n(plan.orgRedemptionsRead()));
        }
        return part(TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(VoucherItems.orgUsageKey(plan.voucher().id(), plan.orgId()))
                        .updateExpression("SET #redemptions = :n, #type = :type, #orgId = :org, #voucherId = :voucher,"
                                + " #lastRedeemedAt = :now, #firstRedeemedAt = if_not_exists(#firstRedeemedAt, :now)")
                        .conditionExpression(condition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build())
                .build(), old -> VoucherItems.orgRedemptions(old) >= perOrgLimit
                        ? new VoucherAlreadyRedeemedException(perOrgLimit)
                        : new ConcurrentUpdateException());
    }

    private TransactionPart redemptionRecord(RedemptionPlan plan) {
        return part(TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(VoucherItems.redemptionItem(plan.redemption()))
                        .conditionExpression("attribute_not_exists(PK)").build()).build(),
                old -> new ConcurrentUpdateException());
    }

    private static String eventDetail(RedemptionPlan plan) {
        Redemption redemption = plan.redemption();
        return "{\"orgId\":" + DomainEvents.jsonString(plan.orgId())
                + ",\"voucherId\":" + DomainEvents.jsonString(redemption.voucherId())
                + ",\"transferId\":" + DomainEvents.jsonString(redemption.transferId().value())
                + ",\"amount\":" + redemption.amount().amount()
                + ",\"currency\":" + DomainEvents.jsonString(redemption.amount().currency())
                + ",\"ordinal\":" + redemption.ordinal()
                + ",\"redeemedAt\":" + DomainEvents.jsonString(Items.formatTime(redemption.redeemedAt())) + "}";
    }

    private static TransactionPart part(TransactWriteItem item,
                                        Function<Map<String, AttributeValue>, RuntimeException> onFailure) {
        return TransactionPart.part(item, reason -> onFailure.apply(reason.item()));
    }

    // ------------------------------------------------------------------ failed attempts

    @Override
    public Optional<Instant> recordFailure(String orgId, String callerSubject, Instant now, AttemptPolicy policy) {
        Instant windowStart = policy.windowStart(now);
        boolean orgLocked = countFailure(VoucherItems.orgLimiterKey(orgId, windowStart), "orgId", orgId, now,
                policy);
        boolean callerLocked = countFailure(VoucherItems.callerLimiterKey(callerSubject, windowStart), "subject",
                callerSubject, now, policy);
        return orgLocked || callerLocked ? Optional.of(policy.windowEnd(now)) : Optional.empty();
    }

    /**
     * Adds one failure to the window's counter (creating it at 1), unless the failures are used up already: then
     * nothing is written and the answer is true (locked). One UpdateItem either way.
     */
    private boolean countFailure(Map<String, AttributeValue> key, String ownerAttribute, String owner, Instant now,
                                 AttemptPolicy policy) {
        Instant windowEnd = policy.windowEnd(now);
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key)
                    .updateExpression("ADD #failures :one SET #type = :type, #owner = :owner, #windowEnd = :end,"
                            + " #windowEndsAt = :endsAt, #ttl = :ttl")
                    .conditionExpression("attribute_not_exists(#failures) OR #failures < :max")
                    .expressionAttributeNames(Map.of("#failures", "failures", "#type", Keys.TYPE,
                            "#owner", ownerAttribute, "#windowEnd", "windowEnd", "#windowEndsAt", "windowEndsAt",
                            "#ttl", Keys.TTL))
                    .expressionAttributeValues(Map.of(":one", Items.n(1), ":max", Items.n(policy.maxFailures()),
                            ":type", Items.s(VoucherItems.LIMITER_TYPE), ":owner", Items.s(owner),
                            ":end", Items.n(windowEnd.toEpochMilli()), ":endsAt", Items.time(windowEnd),
                            // TTL only tidies up: a window's counter is never read after the window ends.
                            ":ttl", Items.n(windowEnd.getEpochSecond() + 3600))));
            return false;
        } catch (ConditionalCheckFailedException usedUp) {
            return true;
        }
    }

    // ------------------------------------------------------------------ history and usage

    @Override
    public Page<Redemption> redemptions(String orgId, String cursor, int limit) {
        return query(Keys.orgPk(orgId), VoucherKeys.REDEMPTION_PREFIX, cursor, limit, false,
                VoucherItems::redemptionFromItem);
    }

    @Override
    public Page<OrgUsage> usage(String voucherId, String cursor, int limit) {
        return query(VoucherKeys.voucherPk(voucherId), VoucherKeys.ORG_USAGE_PREFIX, cursor, limit, true,
                VoucherItems::orgUsageFromItem);
    }

    private <T> Page<T> query(String pk, String prefix, String cursor, int limit, boolean forward,
                              Function<Map<String, AttributeValue>, T> mapper) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Items.s(pk), ":prefix", Items.s(prefix)))
                .scanIndexForward(forward)
                .limit(limit);
        if (cursor != null) {
            query.exclusiveStartKey(Items.key(pk, Cursors.decode(cursor, prefix)));
        }
        QueryResponse response = dynamo.query(query.build());
        List<T> items = response.items().stream().map(mapper).toList();
        Optional<String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(Cursors.encode(Items.str(response.lastEvaluatedKey(), Keys.SK)))
                : Optional.empty();
        return new Page<>(items, next);
    }

    // ------------------------------------------------------------------ admin

    @Override
    public void create(Voucher voucher) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(VoucherItems.toItem(voucher))
                    .conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException exists) {
            throw new VoucherCodeExistsException();
        }
    }

    /**
     * BatchWriteItem in chunks of 25, unconditional (BatchWriteItem takes no conditions). That is safe for batch
     * codes only: their ids are keyed hashes of fresh 80-bit random codes, distinct within the batch, and the chance
     * that one equals an existing voucher's is below 2^-60 even with millions of vouchers.
     */
    @Override
    public void createAll(List<Voucher> vouchers) {
        for (int from = 0; from < vouchers.size(); from += BATCH_WRITE_SIZE) {
            List<WriteRequest> chunk = new ArrayList<>();
            for (Voucher voucher : vouchers.subList(from, Math.min(from + BATCH_WRITE_SIZE, vouchers.size()))) {
                chunk.add(WriteRequest.builder().putRequest(PutRequest.builder().item(VoucherItems.toItem(voucher))
                        .build()).build());
            }
            writeAll(chunk);
        }
    }

    private void writeAll(List<WriteRequest> chunk) {
        List<WriteRequest> pending = chunk;
        for (int round = 1; !pending.isEmpty(); round++) {
            List<WriteRequest> send = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, send)));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems().getOrDefault(table, List.of())
                    : List.of();
            if (!pending.isEmpty()) {
                if (round >= MAX_UNPROCESSED_ROUNDS) {
                    throw new IllegalStateException("DynamoDB left " + pending.size()
                            + " voucher items unprocessed after " + round + " rounds");
                }
                backOff(round);
            }
        }
    }

    @Override
    public Optional<Voucher> find(String voucherId) {
        return ConsistentReads.get(dynamo, table, VoucherItems.voucherKey(voucherId)).map(VoucherItems::fromItem);
    }

    @Override
    public Optional<Voucher> disable(String voucherId, Voucher.Disablement disablement) {
        try {
            Map<String, AttributeValue> updated = dynamo.updateItem(r -> r.tableName(table)
                    .key(VoucherItems.voucherKey(voucherId))
                    .updateExpression("SET #status = :disabled, #by = :by, #at = :at, #reason = :reason")
                    .conditionExpression("#status = :active")
                    .expressionAttributeNames(Map.of("#status", "status", "#by", "disabledBy", "#at", "disabledAt",
                            "#reason", "disabledReason"))
                    .expressionAttributeValues(Map.of(":disabled", Items.s(VoucherStatus.DISABLED.name()),
                            ":active", Items.s(VoucherStatus.ACTIVE.name()), ":by", Items.s(disablement.by()),
                            ":at", Items.time(disablement.at()), ":reason", Items.s(disablement.reason())))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return Optional.of(VoucherItems.fromItem(updated));
        } catch (ConditionalCheckFailedException notActive) {
            Map<String, AttributeValue> old = notActive.item();
            return old == null || old.isEmpty() ? Optional.empty() : Optional.of(VoucherItems.fromItem(old));
        }
    }

    /** Throttled batch requests back off longer than a lost race: up to 10 ms × 2^round, capped at 640 ms. */
    private static void backOff(int round) {
        Backoff.sleepUpTo(10L << Math.min(round, 6));
    }
}
