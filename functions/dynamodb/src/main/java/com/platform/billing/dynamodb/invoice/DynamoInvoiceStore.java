package com.platform.billing.dynamodb.invoice;

import com.platform.billing.domain.Page;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceNotFoundException;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.domain.invoice.InvoiceStore;
import com.platform.billing.domain.invoice.InvoiceType;
import com.platform.billing.dynamodb.ConsistentReads;
import com.platform.billing.dynamodb.Cursors;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Invoice reads. Detail: one GetItem in the org's own partition (another org's invoice id simply is not there).
 * List: a Query on GSI1 {@code ORG#{org}#INVOICES}, newest first; {@code type}/{@code status} filters are a
 * FilterExpression, and the query continues (at most {@value #MAX_QUERIES} requests) until the page is full, so a
 * filtered page is short only at the end of the list.
 */
public final class DynamoInvoiceStore implements InvoiceStore {

    private static final int MAX_QUERIES = 5;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoInvoiceStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Invoice> find(String orgId, String invoiceId) {
        if (!InvoiceNotFoundException.isValidId(invoiceId)) {
            return Optional.empty();
        }
        return ConsistentReads.get(dynamo, table, InvoiceItems.key(orgId, invoiceId)).map(InvoiceItems::fromItem);
    }

    @Override
    public Page<Invoice> list(String orgId, InvoiceType type, InvoiceStatus status, String cursor, int limit) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", Items.s(Keys.invoicesGsi1Pk(orgId)));
        List<String> filters = new ArrayList<>();
        if (type != null) {
            names.put("#invoiceType", "invoiceType");
            values.put(":type", Items.s(type.name()));
            filters.add("#invoiceType = :type");
        }
        if (status != null) {
            names.put("#status", "status");
            values.put(":status", Items.s(status.name()));
            filters.add("#status = :status");
        }
        Map<String, AttributeValue> start = cursor == null ? null : startKey(orgId, Cursors.decode(cursor, ""));
        List<Invoice> invoices = new ArrayList<>();
        Map<String, AttributeValue> last = null;
        for (int query = 0; query < MAX_QUERIES && invoices.size() < limit; query++) {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(Keys.GSI1)
                    .keyConditionExpression("GSI1PK = :pk").expressionAttributeValues(values)
                    .scanIndexForward(false).limit(limit - invoices.size());
            if (!names.isEmpty()) {
                request.expressionAttributeNames(names).filterExpression(String.join(" AND ", filters));
            }
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(request.build());
            response.items().forEach(item -> invoices.add(InvoiceItems.fromItem(item)));
            last = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
            if (last == null) {
                break;
            }
            start = last;
        }
        Optional<String> next = last == null ? Optional.empty()
                : Optional.of(Cursors.encode(Items.str(last, Keys.GSI1SK)));
        return new Page<>(invoices, next);
    }

    private static Map<String, AttributeValue> startKey(String orgId, String gsi1Sk) {
        int separator = gsi1Sk.indexOf('#');
        String invoiceId = separator < 0 ? "" : gsi1Sk.substring(separator + 1);
        if (!InvoiceNotFoundException.isValidId(invoiceId)) {
            throw new com.platform.billing.domain.InvalidRequestException("cursor", "cursor is not one this API"
                    + " returned.");
        }
        Map<String, AttributeValue> key = new HashMap<>(InvoiceItems.key(orgId, invoiceId));
        key.put(Keys.GSI1PK, Items.s(Keys.invoicesGsi1Pk(orgId)));
        key.put(Keys.GSI1SK, Items.s(gsi1Sk));
        return key;
    }
}
