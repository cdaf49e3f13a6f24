package com.platform.billing.dynamodb;

import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.LedgerEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Recomputes every org's balance from its entries and reports each difference. It walks the account index shards
 * (never a table scan), then each org's entries, and checks: the sum of entries equals the stored balance; sequences
 * run 1..version without gaps; each entry's balanceAfter continues the running sum; every entry has its transfer
 * record.
 */
public final class LedgerAuditor {

    /** One thing found wrong with one org. */
    public record Difference(String orgId, String problem) {
    }

    public record Report(int accounts, long entries, List<Difference> differences) {
        public boolean clean() {
            return differences.isEmpty();
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public LedgerAuditor(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Report audit() {
        List<Difference> differences = new ArrayList<>();
        int accounts = 0;
        long entries = 0;
        for (Map<String, AttributeValue> indexed : IndexQueries.gsi2Shards(dynamo, table, Keys.ACCOUNT_SHARDS,
                Keys::accountShardPk)) {
            accounts++;
            entries += auditOrg(Items.str(indexed, "orgId"), differences);
        }
        return new Report(accounts, entries, List.copyOf(differences));
    }

    private long auditOrg(String orgId, List<Difference> differences) {
        Map<String, AttributeValue> accountItem = dynamo.getItem(r -> r.tableName(table)
                .key(AccountItems.key(orgId)).consistentRead(true)).item();
        BillingAccount account = AccountItems.fromItem(accountItem);
        long sum = 0;
        long expectedSequence = 1;
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", Items.s(Keys.orgPk(orgId)),
                            ":prefix", Items.s(Keys.ENTRY_PREFIX)));
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(query.build());
            List<LedgerEntry> pageEntries = new ArrayList<>();
            for (Map<String, AttributeValue> item : page.items()) {
                LedgerEntry entry = EntryItems.fromItem(item);
                count++;
                if (entry.sequence() != expectedSequence) {
                    differences.add(new Difference(orgId, "entry sequence " + entry.sequence()
                            + " where " + expectedSequence + " was expected"));
                    expectedSequence = entry.sequence();
                }
                expectedSequence++;
                sum = Math.addExact(sum, entry.amount().amount());
                if (entry.balanceAfter().amount() != sum) {
                    differences.add(new Difference(orgId, "entry " + entry.sequence() + " says balance "
                            + entry.balanceAfter().amount() + " but entries sum to " + sum));
                }
                pageEntries.add(entry);
            }
            checkTransferRecords(orgId, pageEntries, differences);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        if (sum != account.balance().amount()) {
            differences.add(new Difference(orgId, "balance " + account.balance().amount()
                    + " but entries sum to " + sum));
        }
        if (count != account.version()) {
            differences.add(new Difference(orgId, "version " + account.version() + " but " + count + " entries"));
        }
        return count;
    }

    /** Every entry must have its transfer record (same org, same sequence): read in batches of 100. */
    private void checkTransferRecords(String orgId, List<LedgerEntry> entries, List<Difference> differences) {
        for (int from = 0; from < entries.size(); from += 100) {
            List<LedgerEntry> batch = entries.subList(from, Math.min(entries.size(), from + 100));
            Map<String, Map<String, AttributeValue>> found = new java.util.HashMap<>();
            List<Map<String, AttributeValue>> keys = batch.stream()
                    .map(e -> EntryItems.transferKey(e.transferId())).toList();
            ConsistentReads.batchGet(dynamo, table, keys)
                    .forEach(item -> found.put(Items.str(item, "transferId"), item));
            for (LedgerEntry entry : batch) {
                Map<String, AttributeValue> transfer = found.get(entry.transferId().value());
                if (transfer == null || Items.num(transfer, "sequence") != entry.sequence()
                        || !orgId.equals(Items.str(transfer, "orgId"))) {
                    differences.add(new Difference(orgId, "entry " + entry.sequence()
                            + " has no matching transfer record " + entry.transferId()));
                }
            }
        }
    }
}
