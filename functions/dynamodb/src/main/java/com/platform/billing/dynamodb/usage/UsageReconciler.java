package com.platform.billing.dynamodb.usage;

import com.platform.billing.domain.usage.SkuCategory;
import com.platform.billing.domain.usage.UsageBreakdown;
import com.platform.billing.domain.usage.UsageLine;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Recomputes an org's period aggregates from its usage records (GSI1, no scan) and reports every difference: each
 * line's quantity, amount and count, and the totals per category. Zero differences means every record counted
 * exactly once. GSI1 is eventually consistent: run it on a quiet period (or in tests).
 */
public final class UsageReconciler {

    public record Report(int records, List<String> differences) {
        public boolean clean() {
            return differences.isEmpty();
        }
    }

    private record Sum(long quantityMicros, long amountMicros, long records) {
        Sum plus(long quantity, long amount) {
            return new Sum(Math.addExact(quantityMicros, quantity), Math.addExact(amountMicros, amount), records + 1);
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public UsageReconciler(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Report reconcile(String orgId, YearMonth period) {
        Map<String, Sum> expectedLines = new TreeMap<>();
        Map<SkuCategory, Long> expectedCategories = new EnumMap<>(SkuCategory.class);
        int records = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(Keys.GSI1)
                    .keyConditionExpression("GSI1PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", Items.s(Keys.usageRecordsGsi1Pk(orgId, period))));
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(query.build());
            for (Map<String, AttributeValue> item : page.items()) {
                records++;
                String line = Items.str(item, "sku") + "#" + Items.str(item, "priceEffectiveFrom") + "#"
                        + Items.str(item, "usagePeriod");
                long amount = Items.num(item, "amountMicros");
                expectedLines.merge(line, new Sum(0, 0, 0).plus(Items.num(item, "quantityMicros"), amount),
                        (a, b) -> a.plus(b.quantityMicros(), b.amountMicros()));
                expectedCategories.merge(SkuCategory.fromWire(Items.str(item, "category"), "category"), amount,
                        Math::addExact);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);

        UsageBreakdown breakdown = new DynamoUsageStore(dynamo, table).breakdown(orgId, period);
        List<String> differences = new ArrayList<>();
        Map<String, Sum> actualLines = new TreeMap<>();
        for (UsageLine line : breakdown.lines()) {
            actualLines.put(line.sku() + "#" + line.priceEffectiveFrom() + "#" + line.usagePeriod(),
                    new Sum(line.quantityMicros(), line.amountMicros(), line.records()));
        }
        if (!expectedLines.equals(actualLines)) {
            differences.add("lines: records say " + expectedLines + ", aggregates say " + actualLines);
        }
        for (SkuCategory category : SkuCategory.values()) {
            long expected = expectedCategories.getOrDefault(category, 0L);
            long actual = breakdown.totals().amountMicros(category);
            if (expected != actual) {
                differences.add("total " + category.wire() + ": records say " + expected + ", total says " + actual);
            }
        }
        if (breakdown.totals().records() != records) {
            differences.add("record count: " + records + " records, total says " + breakdown.totals().records());
        }
        return new Report(records, List.copyOf(differences));
    }
}
