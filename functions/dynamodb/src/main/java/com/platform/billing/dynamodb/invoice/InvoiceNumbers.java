package com.platform.billing.dynamodb.invoice;

import com.platform.billing.domain.invoice.InvoiceNumber;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Invoice numbers {@code INV/yyyy/MM/nnnnnn}: one counter item per month (INVOICE-NUMBERS#{yyyy-MM}/COUNTER holding
 * the last sequence used), plus one guard item per number (INVOICE-NUMBER#{number}) written with
 * {@code attribute_not_exists} in the same transaction as the invoice, so a number can never be used twice whatever
 * happens to the counter, and support can look an invoice up by its number.
 *
 * <p>Two ways to take the next number, on the same counter:
 * <ul>
 *   <li><b>Compare-and-set inside the invoice's own transaction</b> ({@link #casNext}): read the counter with the
 *       request's one read, then the transaction sets it to read + 1 on condition it is still the value read. A
 *       number is consumed exactly when the invoice is written, so numbers have <em>no gaps</em>. Concurrent writers
 *       of the same month conflict and retry (re-read), so this suits the console's human-rate traffic (top-ups,
 *       invoice payments): at tens of invoices per second the retries stay rare.</li>
 *   <li><b>Atomic ADD</b> ({@link #reserve}): one UpdateItem {@code ADD last :n} returning the new value, never a
 *       conflict; for bulk issuers (the monthly run) that number many invoices at once. A reserved number whose
 *       invoice then fails to be written is a gap (rare, and visible: no guard item exists for it).</li>
 * </ul>
 * Hot key: every invoice of a month goes through one counter item. A single item sustains about 1,000 writes/s, so
 * the platform-wide ceiling is ~1,000 invoices/s per month-counter (CAS: lower in practice under contention). That is
 * far above the console's rate and above what the monthly run needs if its fan-out concurrency is bounded (100,000
 * orgs at 500/s = 200 s). Past that, the documented next step is reserving blocks ({@code reserve(period, 100)}) per
 * issuer, trading strict issue-order and gap-freedom for throughput.
 */
public final class InvoiceNumbers {

    public static final String COUNTER_TYPE = "INVOICE_NUMBER_COUNTER";
    public static final String GUARD_TYPE = "INVOICE_NUMBER";
    private static final String LAST = "last";

    private final DynamoDbClient dynamo;
    private final String table;

    public InvoiceNumbers(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public static Map<String, AttributeValue> counterKey(YearMonth period) {
        return Items.key(Keys.invoiceCounterPk(period), Keys.invoiceCounterSk());
    }

    /** The last sequence used, from a counter item (or its absence). */
    public static long lastUsed(Map<String, AttributeValue> counterItem) {
        return counterItem == null || counterItem.isEmpty() || !counterItem.containsKey(LAST) ? 0
                : Items.num(counterItem, LAST);
    }

    /**
     * The counter update that takes {@code lastRead + 1}, conditioned on the counter still being {@code lastRead}
     * (absent counts as 0). Its failure means another writer took a number first: re-read and retry.
     */
    public static TransactWriteItem casNext(String table, YearMonth period, long lastRead) {
        Update.Builder update = Update.builder().tableName(table).key(counterKey(period))
                .updateExpression("SET #last = :next, #type = :type, #period = :period")
                .expressionAttributeNames(Map.of("#last", LAST, "#type", Keys.TYPE, "#period", "period"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":next", Items.n(lastRead + 1),
                ":type", Items.s(COUNTER_TYPE), ":period", Items.s(period.toString())));
        if (lastRead == 0) {
            update.conditionExpression("attribute_not_exists(#last)");
        } else {
            update.conditionExpression("#last = :read");
            values.put(":read", Items.n(lastRead));
        }
        return TransactWriteItem.builder().update(update.expressionAttributeValues(values).build()).build();
    }

    /** The guard item of a number: fails if the number was ever used. */
    public static TransactWriteItem guard(String table, InvoiceNumber number, String orgId, String invoiceId) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.invoiceNumberPk(number.value()),
                Keys.invoiceNumberSk()));
        item.put(Keys.TYPE, Items.s(GUARD_TYPE));
        item.put("number", Items.s(number.value()));
        item.put("orgId", Items.s(orgId));
        item.put("invoiceId", Items.s(invoiceId));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(PK)").build()).build();
    }

    /**
     * Reserves {@code count} consecutive numbers with one atomic ADD (no read, no conflict) and returns the first.
     * For bulk issuers; write each invoice with its {@link #guard}.
     */
    public InvoiceNumber reserve(YearMonth period, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("reserve at least one number");
        }
        Map<String, AttributeValue> after = dynamo.updateItem(r -> r.tableName(table).key(counterKey(period))
                .updateExpression("ADD #last :count SET #type = :type, #period = :period")
                .expressionAttributeNames(Map.of("#last", LAST, "#type", Keys.TYPE, "#period", "period"))
                .expressionAttributeValues(Map.of(":count", Items.n(count), ":type", Items.s(COUNTER_TYPE),
                        ":period", Items.s(period.toString())))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return InvoiceNumber.of(period, Items.num(after, LAST) - count + 1);
    }
}
