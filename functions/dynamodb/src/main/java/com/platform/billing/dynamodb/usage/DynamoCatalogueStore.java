package com.platform.billing.dynamodb.usage;

import com.platform.billing.domain.usage.Catalogue;
import com.platform.billing.domain.usage.CatalogueSku;
import com.platform.billing.domain.usage.CatalogueStore;
import com.platform.billing.domain.usage.PriceVersion;
import com.platform.billing.domain.usage.SkuCategory;
import com.platform.billing.domain.usage.SkuDefinition;
import com.platform.billing.domain.usage.UsageUnit;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The price catalogue on the single table: partition {@code CATALOGUE}, one item per SKU definition
 * ({@code SKU#{sku}}) and one per price version ({@code SKU#{sku}#PRICE#{yyyy-MM-dd}}). The whole catalogue is one
 * Query (paged if it ever passes 1 MB).
 */
public final class DynamoCatalogueStore implements CatalogueStore {

    static final String SKU_TYPE = "SKU";
    static final String PRICE_TYPE = "SKU_PRICE";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoCatalogueStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Catalogue load() {
        var loadedAt = clock.instant();
        Map<String, SkuDefinition> definitions = new LinkedHashMap<>();
        Map<String, List<PriceVersion>> prices = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", Items.s(Keys.cataloguePk())));
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(query.build());
            for (Map<String, AttributeValue> item : page.items()) {
                switch (Items.strOr(item, Keys.TYPE, "")) {
                    case SKU_TYPE -> {
                        SkuDefinition definition = definitionFrom(item);
                        definitions.put(definition.sku(), definition);
                    }
                    case PRICE_TYPE -> {
                        PriceVersion price = priceFrom(item);
                        prices.computeIfAbsent(price.sku(), k -> new ArrayList<>()).add(price);
                    }
                    default -> {
                        // other item kinds may share the partition later; the catalogue ignores them
                    }
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        List<CatalogueSku> skus = new ArrayList<>();
        definitions.forEach((sku, definition) -> skus.add(new CatalogueSku(definition,
                prices.getOrDefault(sku, List.of()))));
        return Catalogue.of(skus, loadedAt);
    }

    @Override
    public boolean putPrice(SkuDefinition definition, PriceVersion price, boolean newSku) {
        List<TransactWriteItem> items = new ArrayList<>();
        if (newSku) {
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(definitionItem(definition, price))
                    .conditionExpression("attribute_not_exists(PK)").build()).build());
        } else {
            items.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                    .key(Items.key(Keys.cataloguePk(), Keys.skuSk(definition.sku())))
                    .conditionExpression("#category = :category AND #unit = :unit")
                    .expressionAttributeNames(Map.of("#category", "category", "#unit", "unit"))
                    .expressionAttributeValues(Map.of(":category", Items.s(definition.category().wire()),
                            ":unit", Items.s(definition.unit().wire())))
                    .build()).build());
        }
        // A version on the same date is replaced: the domain only allows that before it takes effect.
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(priceItem(price)).build())
                .build());
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
            return true;
        } catch (TransactionCanceledException cancelled) {
            // The definition appeared or changed, or a concurrent writer held it: the caller decides again.
            return false;
        }
    }

    static Map<String, AttributeValue> definitionItem(SkuDefinition definition, PriceVersion firstPrice) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.cataloguePk(), Keys.skuSk(definition.sku())));
        item.put(Keys.TYPE, Items.s(SKU_TYPE));
        item.put("sku", Items.s(definition.sku()));
        item.put("category", Items.s(definition.category().wire()));
        item.put("unit", Items.s(definition.unit().wire()));
        item.put("createdBy", Items.s(firstPrice.setBy()));
        item.put("createdAt", Items.time(firstPrice.setAt()));
        return item;
    }

    static Map<String, AttributeValue> priceItem(PriceVersion price) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.cataloguePk(),
                Keys.skuPriceSk(price.sku(), price.effectiveFrom())));
        item.put(Keys.TYPE, Items.s(PRICE_TYPE));
        item.put("sku", Items.s(price.sku()));
        item.put("unitPriceMicros", Items.n(price.unitPriceMicros()));
        item.put("effectiveFrom", Items.s(price.effectiveFrom().toString()));
        item.put("setBy", Items.s(price.setBy()));
        item.put("setAt", Items.time(price.setAt()));
        return item;
    }

    static SkuDefinition definitionFrom(Map<String, AttributeValue> item) {
        return new SkuDefinition(Items.str(item, "sku"), SkuCategory.fromWire(Items.str(item, "category"), "category"),
                UsageUnit.fromWire(Items.str(item, "unit"), "unit"));
    }

    static PriceVersion priceFrom(Map<String, AttributeValue> item) {
        return new PriceVersion(Items.str(item, "sku"), Items.num(item, "unitPriceMicros"),
                LocalDate.parse(Items.str(item, "effectiveFrom")), Items.str(item, "setBy"),
                Items.instant(item, "setAt"));
    }
}
