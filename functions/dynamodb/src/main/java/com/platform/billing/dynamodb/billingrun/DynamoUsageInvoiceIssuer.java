package com.platform.billing.dynamodb.billingrun;

import static com.platform.billing.dynamodb.ConsistentReads.find;
import static com.platform.billing.dynamodb.TransactionPart.part;

import com.platform.billing.domain.AccountNotFoundException;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.Ids;
import com.platform.billing.domain.InsufficientCreditException;
import com.platform.billing.domain.LedgerRules;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.Transfer;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.TransferKind;
import com.platform.billing.domain.billingrun.BilledUsage;
import com.platform.billing.domain.billingrun.IssueOutcome;
import com.platform.billing.domain.billingrun.UsageChangedException;
import com.platform.billing.domain.billingrun.UsageInvoice;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceNumber;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.domain.invoice.TaxRule;
import com.platform.billing.dynamodb.AccountItems;
import com.platform.billing.dynamodb.ConsistentReads;
import com.platform.billing.dynamodb.DomainEvents;
import com.platform.billing.dynamodb.DynamoLedger;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import com.platform.billing.dynamodb.TransactionPart;
import com.platform.billing.dynamodb.invoice.InvoiceItems;
import com.platform.billing.dynamodb.invoice.InvoiceNumbers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Issues the monthly USAGE invoice of (org, period), idempotently. Requests, first delivery: 1 Query (the period's
 * usage aggregates, U5), 1 BatchGetItem (account + the period's closed marker), 1 UpdateItem (reserve a number),
 * 1 TransactWriteItems = <b>4</b>; a re-delivery: 2 (Query + BatchGetItem), nothing written.
 *
 * <p>The one transaction: Put the invoice {@code IF attribute_not_exists}; the number guard; Put
 * {@code PERIOD#{p}/CLOSED#{org}} {@code IF attribute_not_exists} — <b>the (org, period) idempotency guard</b> (it holds
 * the invoice id, so a re-delivery answers ALREADY_ISSUED); ConditionCheck that the TOTAL item's {@code records} is
 * still the count read (else a record arrived in between: read again); the {@code InvoiceIssued} event (and
 * {@code InvoicePaid} when credit covers it); for a prepaid org with credit, the transfer
 * {@code invoice:{invoiceId}:credit} (INVOICE_PAYMENT, −min(balance, total)) through {@link DynamoLedger}.
 */
public final class DynamoUsageInvoiceIssuer {

    public static final String CLOSED_TYPE = "PERIOD_CLOSED";
    private static final int MAX_ATTEMPTS = 4;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final TaxRule taxRule;
    private final Duration dueIn;
    private final DynamoLedger ledger;
    private final InvoiceNumbers numbers;

    public DynamoUsageInvoiceIssuer(DynamoDbClient dynamo, String table, Clock clock, TaxRule taxRule,
                                    Duration dueIn) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.taxRule = taxRule;
        this.dueIn = dueIn;
        this.ledger = new DynamoLedger(dynamo, table, clock);
        this.numbers = new InvoiceNumbers(dynamo, table);
    }

    /** Issues (or finds issued) the invoice; safe to call any number of times, concurrently too. */
    public IssueOutcome issue(String orgId, YearMonth period) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tryIssue(orgId, period);
            } catch (UsageChangedException | InsufficientCreditException retry) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw retry;
                }
            }
        }
    }

    private record Read(List<BilledUsage> usage, long records, boolean totalExists) {
    }

    private IssueOutcome tryIssue(String orgId, YearMonth period) {
        Read read = readUsage(orgId, period);
        Map<String, AttributeValue> accountKey = Items.key(Keys.orgPk(orgId), Keys.accountSk());
        Map<String, AttributeValue> markerKey = markerKey(orgId, period);
        List<Map<String, AttributeValue>> batch = ConsistentReads.batchGet(dynamo, table,
                List.of(accountKey, markerKey));
        Map<String, AttributeValue> marker = find(batch, markerKey).orElse(null);
        Map<String, AttributeValue> accountItem = find(batch, accountKey).orElse(null);
        if (accountItem == null) {
            throw new AccountNotFoundException();
        }
        BillingAccount account = AccountItems.fromItem(accountItem);
        if (marker != null) {
            return new IssueOutcome(IssueOutcome.Result.ALREADY_ISSUED, orgId, period,
                    Items.strOr(marker, "invoiceId", null), null, account.billingType());
        }
        Instant now = clock.instant();
        String invoiceId = Ids.uuidV7(clock);
        Optional<Invoice> draft = UsageInvoice.draft(invoiceId, orgId, period, read.usage(), account.currency(),
                taxRule, now, dueIn);
        if (draft.isEmpty()) {
            try {
                write(List.of(closedMarker(orgId, period, null, null, now), totalCheck(orgId, period, read)));
            } catch (AlreadyClosed closed) {
                return new IssueOutcome(IssueOutcome.Result.ALREADY_ISSUED, orgId, period, closed.invoiceId, null,
                        account.billingType());
            }
            return new IssueOutcome(IssueOutcome.Result.NO_INVOICE, orgId, period, null, null,
                    account.billingType());
        }
        InvoiceNumber number = numbers.reserve(period, 1);
        Invoice invoice = draft.get().withNumber(number);
        // Credit the org holds pays first, prepaid or postpaid (a postpaid org keeps what it bought before switching,
        // or a card registration's verification credit); only the rest is left due (prepaid) or charged (postpaid).
        Money credit = UsageInvoice.creditToApply(invoice, account.balance());
        TransferId transferId = TransferId.of("invoice", invoiceId, "credit");
        if (credit.isPositive()) {
            invoice = UsageInvoice.withCredit(invoice, credit, transferId.value(), now);
        }
        List<TransactionPart> parts = new ArrayList<>();
        parts.add(invoicePut(invoice));
        parts.add(guard(number, orgId, invoiceId));
        parts.add(closedMarker(orgId, period, invoiceId, number, now));
        parts.add(totalCheck(orgId, period, read));
        parts.add(DomainEvents.record(invoiceId + ".issued", "InvoiceIssued", orgId, now, issuedDetail(invoice,
                account.billingType())));
        if (invoice.status() == InvoiceStatus.PAID) {
            parts.add(DomainEvents.record(invoiceId + ".paid", "InvoicePaid", orgId, now, paidDetail(invoice)));
        }
        try {
            if (credit.isPositive()) {
                Transfer transfer = new Transfer(transferId, orgId, TransferKind.INVOICE_PAYMENT, credit.negate(),
                        invoiceId, "system:invoicing", "usage invoice " + number.value());
                ledger.commit(new DynamoLedger.PreparedTransfer(transfer, account,
                        LedgerRules.nextEntry(account, transfer, now), parts));
            } else {
                write(parts);
            }
        } catch (AlreadyClosed closed) {
            return new IssueOutcome(IssueOutcome.Result.ALREADY_ISSUED, orgId, period, closed.invoiceId, null,
                    account.billingType());
        }
        return IssueOutcome.issued(invoice, account.billingType());
    }

    /** U5: one Query of ORG#{org} / begins_with(SK, USAGE#{p}#), strongly consistent, paged past 1 MB. */
    private Read readUsage(String orgId, YearMonth period) {
        List<BilledUsage> usage = new ArrayList<>();
        long records = 0;
        boolean totalExists = false;
        Map<String, AttributeValue> start = null;
        String totalSk = Keys.usageTotalSk(period);
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", Items.s(Keys.orgPk(orgId)),
                            ":prefix", Items.s(Keys.usagePeriodPrefix(period))))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                String sk = Items.str(item, Keys.SK);
                if (sk.equals(totalSk)) {
                    totalExists = true;
                    records = item.containsKey("records") ? Items.num(item, "records") : 0;
                } else if (sk.contains("#LINE#")) {
                    AttributeValue late = item.get("late");
                    usage.add(new BilledUsage(Items.str(item, "sku"), Items.str(item, "category"),
                            Items.str(item, "unit"), Items.num(item, "quantityMicros"),
                            Items.num(item, "unitPriceMicros"), Items.num(item, "amountMicros"),
                            YearMonth.parse(Items.str(item, "usagePeriod")),
                            late != null && Boolean.TRUE.equals(late.bool())));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey()
                    : null;
        } while (start != null);
        return new Read(usage, records, totalExists);
    }

    public static Map<String, AttributeValue> markerKey(String orgId, YearMonth period) {
        return Items.key(Keys.periodClosedPk(period), Keys.periodClosedSk(orgId));
    }

    /** The closed marker's failed condition: the period was closed by an earlier delivery. */
    static final class AlreadyClosed extends RuntimeException {
        final String invoiceId;

        AlreadyClosed(String invoiceId) {
            super("period already closed", null, false, false);
            this.invoiceId = invoiceId;
        }
    }

    private TransactionPart closedMarker(String orgId, YearMonth period, String invoiceId, InvoiceNumber number,
                                         Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(markerKey(orgId, period));
        item.put(Keys.TYPE, Items.s(CLOSED_TYPE));
        item.put("orgId", Items.s(orgId));
        item.put("period", Items.s(period.toString()));
        item.put("closedAt", Items.time(now));
        if (invoiceId != null) {
            item.put("invoiceId", Items.s(invoiceId));
            item.put("invoiceNumber", Items.s(number.value()));
        }
        return part(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(PK)")
                        .returnValuesOnConditionCheckFailure("ALL_OLD").build()).build(),
                reason -> new AlreadyClosed(reason.hasItem() ? Items.strOr(reason.item(), "invoiceId", null) : null));
    }

    private TransactionPart totalCheck(String orgId, YearMonth period, Read read) {
        ConditionCheck.Builder check = ConditionCheck.builder().tableName(table)
                .key(Items.key(Keys.orgPk(orgId), Keys.usageTotalSk(period)));
        if (read.totalExists()) {
            check.conditionExpression("#records = :records")
                    .expressionAttributeNames(Map.of("#records", "records"))
                    .expressionAttributeValues(Map.of(":records", Items.n(read.records())));
        } else {
            check.conditionExpression("attribute_not_exists(PK)");
        }
        return part(TransactWriteItem.builder().conditionCheck(check.build()).build(),
                reason -> new UsageChangedException(orgId));
    }

    private TransactionPart invoicePut(Invoice invoice) {
        return part(TransactWriteItem.builder().put(Put.builder().tableName(table).item(InvoiceItems.toItem(invoice))
                        .conditionExpression("attribute_not_exists(PK)").build()).build(),
                reason -> new IllegalStateException("invoice id " + invoice.id() + " already exists"));
    }

    private TransactionPart guard(InvoiceNumber number, String orgId, String invoiceId) {
        return part(InvoiceNumbers.guard(table, number, orgId, invoiceId),
                reason -> new IllegalStateException("invoice number " + number + " is already used"));
    }

    /** One transaction of the parts; the first failed condition decides the error, a conflict reads again. */
    private void write(List<TransactionPart> parts) {
        List<TransactWriteItem> items = parts.stream().map(p -> p.writeItem(table)).toList();
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
        } catch (TransactionCanceledException cancelled) {
            throw mapCancellation(cancelled, parts);
        }
    }

    private static RuntimeException mapCancellation(TransactionCanceledException cancelled,
                                                    List<TransactionPart> parts) {
        List<CancellationReason> reasons = cancelled.cancellationReasons();
        if (reasons != null) {
            for (int i = 0; i < reasons.size() && i < parts.size(); i++) {
                if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                    return parts.get(i).conditionFailed(reasons.get(i));
                }
            }
            for (CancellationReason reason : reasons) {
                if ("TransactionConflict".equals(reason.code())) {
                    return new UsageChangedException("(conflict)");
                }
            }
        }
        return cancelled;
    }

    static String issuedDetail(Invoice invoice, BillingType billingType) {
        return "{\"invoiceId\":" + DomainEvents.jsonString(invoice.id())
                + ",\"invoiceNumber\":" + DomainEvents.jsonString(invoice.number().value())
                + ",\"invoiceType\":\"USAGE\",\"period\":\"" + invoice.period() + "\""
                + ",\"billingType\":\"" + billingType + "\""
                + ",\"currency\":" + DomainEvents.jsonString(invoice.currency())
                + ",\"subtotal\":" + invoice.subtotal().amount() + ",\"tax\":" + invoice.taxAmount().amount()
                + ",\"total\":" + invoice.total().amount() + ",\"creditsApplied\":"
                + invoice.creditsApplied().amount() + ",\"amountDue\":" + invoice.amountDue().amount()
                + ",\"status\":\"" + invoice.status() + "\",\"dueAt\":\"" + Items.formatTime(invoice.dueAt()) + "\"}";
    }

    static String paidDetail(Invoice invoice) {
        return "{\"invoiceId\":" + DomainEvents.jsonString(invoice.id())
                + ",\"invoiceNumber\":" + DomainEvents.jsonString(invoice.number().value())
                + ",\"currency\":" + DomainEvents.jsonString(invoice.currency())
                + ",\"total\":" + invoice.total().amount() + ",\"creditsApplied\":"
                + invoice.creditsApplied().amount() + ",\"amountPaid\":" + invoice.amountPaid().amount() + "}";
    }
}
