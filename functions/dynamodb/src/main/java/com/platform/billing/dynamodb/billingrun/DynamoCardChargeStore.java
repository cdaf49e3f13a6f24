package com.platform.billing.dynamodb.billingrun;

import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.ConcurrentUpdateException;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.billingrun.CardChargeStore;
import com.platform.billing.domain.billingrun.ChargeState;
import com.platform.billing.domain.billingrun.ChargeState.AttemptStatus;
import com.platform.billing.domain.billingrun.SavedCard;
import com.platform.billing.domain.invoice.AppliedPayment;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.dynamodb.ConsistentReads;
import com.platform.billing.dynamodb.DomainEvents;
import com.platform.billing.dynamodb.IndexQueries;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import com.platform.billing.dynamodb.invoice.InvoiceItems;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Card charges on DynamoDB. Items under ORG#{org}: the schedule {@code CHARGE-SCHEDULE#{invoiceId}} (lastAttempt,
 * lastStatus, failures, nextChargeAt; GSI2 {@code CHARGE-DUE#{yyyy-MM-dd}#{shard}} / {@code {org}#{invoiceId}} while
 * a charge or check is due) and one item per attempt {@code CHARGE-ATTEMPT#{invoiceId}#a{n}}. Every write is one
 * transaction conditioned on the schedule's {@code lastAttempt} (compare-and-set), so two workers never both act on
 * the same state, and the attempt item is put {@code IF attribute_not_exists} before the gateway is called.
 */
public final class DynamoCardChargeStore implements CardChargeStore {

    public static final String SCHEDULE_TYPE = "CHARGE_SCHEDULE";
    public static final String ATTEMPT_TYPE = "CHARGE_ATTEMPT";

    private final DynamoDbClient dynamo;
    private final String table;
    private final BillingCalendar calendar;

    public DynamoCardChargeStore(DynamoDbClient dynamo, String table, BillingCalendar calendar) {
        this.dynamo = dynamo;
        this.table = table;
        this.calendar = calendar;
    }

    private static Map<String, AttributeValue> scheduleKey(String orgId, String invoiceId) {
        return Items.key(Keys.orgPk(orgId), Keys.chargeScheduleSk(invoiceId));
    }

    private static Map<String, AttributeValue> attemptKey(String orgId, String invoiceId, int attempt) {
        return Items.key(Keys.orgPk(orgId), Keys.chargeAttemptSk(invoiceId, attempt));
    }

    /** One BatchGetItem: invoice, saved card, schedule. */
    @Override
    public Optional<ChargeState> read(String orgId, String invoiceId) {
        Map<String, AttributeValue> invoiceKey = InvoiceItems.key(orgId, invoiceId);
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (Map<String, AttributeValue> item : ConsistentReads.batchGet(dynamo, table,
                List.of(invoiceKey, PaymentMethodItems.key(orgId), scheduleKey(orgId, invoiceId)))) {
            found.put(Items.str(item, Keys.SK), item);
        }
        Map<String, AttributeValue> invoiceItem = found.get(Keys.invoiceSk(invoiceId));
        if (invoiceItem == null) {
            return Optional.empty();
        }
        Optional<SavedCard> card = Optional.ofNullable(found.get(Keys.paymentMethodSk()))
                .map(PaymentMethodItems::fromItem);
        Map<String, AttributeValue> schedule = found.get(Keys.chargeScheduleSk(invoiceId));
        if (schedule == null) {
            return Optional.of(new ChargeState(InvoiceItems.fromItem(invoiceItem), card, 0, AttemptStatus.NONE, 0,
                    null));
        }
        String next = Items.strOr(schedule, "nextChargeAt", null);
        return Optional.of(new ChargeState(InvoiceItems.fromItem(invoiceItem), card,
                (int) Items.num(schedule, "lastAttempt"), AttemptStatus.valueOf(Items.str(schedule, "lastStatus")),
                (int) Items.num(schedule, "failures"), next == null ? null : Instant.parse(next)));
    }

    @Override
    public boolean recordAttempt(ChargeState state, int attempt, Money amount, Instant at) {
        Invoice invoice = state.invoice();
        Map<String, AttributeValue> item = new HashMap<>(attemptKey(invoice.orgId(), invoice.id(), attempt));
        item.put(Keys.TYPE, Items.s(ATTEMPT_TYPE));
        item.put("attemptId", Items.s(ChargeState.attemptId(invoice.id(), attempt)));
        item.put("invoiceId", Items.s(invoice.id()));
        item.put("orgId", Items.s(invoice.orgId()));
        item.put("attempt", Items.n(attempt));
        item.put("amount", Items.n(amount.amount()));
        item.put("currency", Items.s(amount.currency()));
        item.put("status", Items.s(AttemptStatus.SENT.name()));
        item.put("createdAt", Items.time(at));
        item.put("updatedAt", Items.time(at));
        List<TransactWriteItem> items = List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(PK)").build()).build(),
                scheduleUpdate(state, attempt - 1, "SET #lastAttempt = :attempt, #lastStatus = :status,"
                        + " #failures = if_not_exists(#failures, :zero), #invoiceId = :invoiceId, #type = :type"
                        + " REMOVE GSI2PK, GSI2SK, #next", Map.of(":attempt", Items.n(attempt),
                        ":status", Items.s(AttemptStatus.SENT.name()), ":zero", Items.n(0),
                        ":invoiceId", Items.s(invoice.id()), ":type", Items.s(SCHEDULE_TYPE))));
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
            return true;
        } catch (TransactionCanceledException lost) {
            return false;
        }
    }

    @Override
    public void succeeded(ChargeState state, int attempt, Money amount, String transactionId, Instant at) {
        Invoice invoice = state.invoice();
        String attemptId = ChargeState.attemptId(invoice.id(), attempt);
        Invoice paid = invoice.apply(new AppliedPayment(AppliedPayment.Source.CARD, attemptId, amount, at, "card",
                transactionId == null ? "" : transactionId));
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(attemptUpdate(invoice, attempt, AttemptStatus.SUCCEEDED, transactionId, at));
        items.add(invoicePayment(invoice, paid, at));
        items.add(scheduleUpdate(state, attempt, "SET #lastStatus = :status REMOVE GSI2PK, GSI2SK, #next",
                Map.of(":status", Items.s(AttemptStatus.SUCCEEDED.name()))));
        String eventType = paid.status() == InvoiceStatus.PAID ? "InvoicePaid" : "InvoicePaymentReceived";
        items.add(DomainEvents.record(attemptId + ".paid", eventType, invoice.orgId(), at,
                "{\"invoiceId\":" + DomainEvents.jsonString(invoice.id()) + ",\"invoiceNumber\":"
                        + DomainEvents.jsonString(invoice.number().value()) + ",\"attemptId\":"
                        + DomainEvents.jsonString(attemptId) + ",\"source\":\"CARD\",\"currency\":"
                        + DomainEvents.jsonString(amount.currency()) + ",\"amountPaid\":" + amount.amount()
                        + ",\"amountDue\":" + paid.amountDue().amount() + "}").writeItem(table));
        write(items);
    }

    @Override
    public void failed(ChargeState state, int attempt, AttemptStatus status, String reason, Instant nextChargeAt,
                       Instant at) {
        Invoice invoice = state.invoice();
        String attemptId = ChargeState.attemptId(invoice.id(), attempt);
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(attemptUpdate(invoice, attempt, status, null, at));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":status", Items.s(status.name()),
                ":failures", Items.n(state.failures() + 1)));
        if (nextChargeAt != null) {
            values.put(":next", Items.time(nextChargeAt));
            values.put(":gsi2pk", Items.s(Keys.chargeDueGsi2Pk(LocalDate.ofInstant(nextChargeAt, calendar.zone()),
                    invoice.orgId())));
            values.put(":gsi2sk", Items.s(invoice.orgId() + "#" + invoice.id()));
            items.add(scheduleUpdate(state, attempt, "SET #lastStatus = :status, #failures = :failures,"
                    + " #next = :next, GSI2PK = :gsi2pk, GSI2SK = :gsi2sk", values));
        } else {
            items.add(scheduleUpdate(state, attempt, "SET #lastStatus = :status, #failures = :failures"
                    + " REMOVE GSI2PK, GSI2SK, #next", values));
            items.add(pastDue(invoice, at));
            items.add(DomainEvents.record(invoice.id() + ".past-due", "InvoicePastDue", invoice.orgId(), at,
                    "{\"invoiceId\":" + DomainEvents.jsonString(invoice.id()) + ",\"invoiceNumber\":"
                            + DomainEvents.jsonString(invoice.number().value()) + ",\"amountDue\":"
                            + invoice.amountDue().amount() + ",\"attempts\":" + attempt + "}").writeItem(table));
        }
        boolean methodProblem = status == AttemptStatus.TOKEN_INVALID || status == AttemptStatus.NO_CARD;
        items.add(DomainEvents.record(attemptId + (methodProblem ? ".method-invalid" : ".failed"),
                methodProblem ? "PaymentMethodInvalid" : "PaymentFailed", invoice.orgId(), at,
                "{\"invoiceId\":" + DomainEvents.jsonString(invoice.id()) + ",\"invoiceNumber\":"
                        + DomainEvents.jsonString(invoice.number().value()) + ",\"attemptId\":"
                        + DomainEvents.jsonString(attemptId) + ",\"status\":\"" + status + "\",\"reason\":"
                        + DomainEvents.jsonString(reason) + ",\"amountDue\":" + invoice.amountDue().amount()
                        + ",\"nextChargeAt\":" + (nextChargeAt == null ? "null"
                        : "\"" + Items.formatTime(nextChargeAt) + "\"") + "}").writeItem(table));
        write(items);
        if (status == AttemptStatus.TOKEN_INVALID && state.card().isPresent()) {
            markCardInvalid(state.card().get(), reason, at);
        }
    }

    /**
     * The gateway said the saved card's token is expired or revoked: the card item records it (the settings view then
     * asks for a new card, and a switch to POSTPAID is refused) — one UpdateItem after the attempt's transaction, on
     * condition that the card is still the one charged. Not in that transaction on purpose: a card replaced in
     * between must not cancel the attempt's record. If this write is lost, the next attempt marks it again.
     */
    private void markCardInvalid(SavedCard card, String reason, Instant at) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(PaymentMethodItems.key(card.orgId()))
                    .updateExpression("SET #invalidAt = :at, #invalidReason = :reason")
                    .conditionExpression("#token = :token AND attribute_not_exists(#invalidAt)")
                    .expressionAttributeNames(Map.of("#invalidAt", "invalidAt", "#invalidReason", "invalidReason",
                            "#token", "cardToken"))
                    .expressionAttributeValues(Map.of(":at", Items.time(at),
                            ":reason", Items.s(reason == null ? "" : reason), ":token", Items.s(card.cardToken()))));
        } catch (ConditionalCheckFailedException replacedOrMarked) {
            // another card was registered since, or it is already marked: nothing to do
        }
    }

    @Override
    public void unknown(ChargeState state, int attempt, Instant checkAt, Instant at) {
        Invoice invoice = state.invoice();
        write(List.of(attemptUpdate(invoice, attempt, AttemptStatus.UNKNOWN, null, at),
                scheduleUpdate(state, attempt, "SET #lastStatus = :status, #next = :next, GSI2PK = :gsi2pk,"
                        + " GSI2SK = :gsi2sk", Map.of(":status", Items.s(AttemptStatus.UNKNOWN.name()),
                        ":next", Items.time(checkAt),
                        ":gsi2pk", Items.s(Keys.chargeDueGsi2Pk(LocalDate.ofInstant(checkAt, calendar.zone()),
                                invoice.orgId())),
                        ":gsi2sk", Items.s(invoice.orgId() + "#" + invoice.id())))));
    }

    /** 16 Queries of GSI2 {@code CHARGE-DUE#{day}#{shard}}. */
    @Override
    public List<DueCharge> dueOn(LocalDate day) {
        return IndexQueries.gsi2Shards(dynamo, table, Keys.CHARGE_DUE_SHARDS, shard -> Keys.chargeDueGsi2Pk(day, shard))
                .stream().map(item -> new DueCharge(Items.str(item, Keys.PK).substring("ORG#".length()),
                        Items.str(item, "invoiceId"))).toList();
    }

    /** The schedule item, on condition its last attempt is still {@code expectedLast} (0: none yet). */
    private TransactWriteItem scheduleUpdate(ChargeState state, int expectedLast, String expression,
                                             Map<String, AttributeValue> values) {
        Invoice invoice = state.invoice();
        Map<String, String> names = new HashMap<>(Map.of("#lastAttempt", "lastAttempt"));
        for (String[] name : new String[][] {{"#lastStatus", "lastStatus"}, {"#failures", "failures"},
                {"#next", "nextChargeAt"}, {"#invoiceId", "invoiceId"}, {"#type", Keys.TYPE}}) {
            if (expression.contains(name[0])) {
                names.put(name[0], name[1]);
            }
        }
        Map<String, AttributeValue> all = new HashMap<>(values);
        String condition;
        if (expectedLast == 0) {
            condition = "attribute_not_exists(#lastAttempt)";
        } else {
            condition = "#lastAttempt = :expectedLast";
            all.put(":expectedLast", Items.n(expectedLast));
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(scheduleKey(invoice.orgId(), invoice.id())).updateExpression(expression)
                .conditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(all)
                .build()).build();
    }

    private TransactWriteItem attemptUpdate(Invoice invoice, int attempt, AttemptStatus status, String transactionId,
                                            Instant at) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":status", Items.s(status.name()),
                ":at", Items.time(at), ":sent", Items.s(AttemptStatus.SENT.name()),
                ":unknown", Items.s(AttemptStatus.UNKNOWN.name())));
        String set = "SET #status = :status, #updatedAt = :at";
        Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#updatedAt", "updatedAt"));
        if (transactionId != null) {
            set += ", #tx = :tx";
            names.put("#tx", "transactionId");
            values.put(":tx", Items.s(transactionId));
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(attemptKey(invoice.orgId(), invoice.id(), attempt)).updateExpression(set)
                .conditionExpression("#status IN (:sent, :unknown)").expressionAttributeNames(names)
                .expressionAttributeValues(values).build()).build();
    }

    /** Applies the card payment, on condition the invoice is still as read (status and amount due). */
    private TransactWriteItem invoicePayment(Invoice before, Invoice after, Instant at) {
        AppliedPayment payment = after.payments().get(after.payments().size() - 1);
        Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#due", "amountDue",
                "#amountPaid", "amountPaid", "#payments", "payments"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":statusBefore", Items.s(before.status().name()), ":statusAfter", Items.s(after.status().name()),
                ":dueBefore", Items.n(before.amountDue().amount()), ":dueAfter", Items.n(after.amountDue().amount()),
                ":applied", Items.n(payment.amount().amount()), ":zero", Items.n(0),
                ":none", AttributeValue.fromL(List.of()),
                ":payment", AttributeValue.fromL(List.of(InvoiceItems.payment(payment)))));
        String set = "SET #status = :statusAfter, #due = :dueAfter,"
                + " #amountPaid = if_not_exists(#amountPaid, :zero) + :applied,"
                + " #payments = list_append(if_not_exists(#payments, :none), :payment)";
        if (after.status() == InvoiceStatus.PAID) {
            names.put("#paidAt", "paidAt");
            values.put(":at", Items.time(at));
            set += ", #paidAt = :at";
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(InvoiceItems.key(before.orgId(), before.id())).updateExpression(set)
                .conditionExpression("#due = :dueBefore AND #status = :statusBefore")
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
    }

    private TransactWriteItem pastDue(Invoice invoice, Instant at) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(InvoiceItems.key(invoice.orgId(), invoice.id()))
                .updateExpression("SET #status = :pastDue, #pastDueAt = :at")
                .conditionExpression("#due = :dueBefore AND #status = :statusBefore")
                .expressionAttributeNames(Map.of("#status", "status", "#due", "amountDue",
                        "#pastDueAt", "pastDueAt"))
                .expressionAttributeValues(Map.of(":pastDue", Items.s(InvoiceStatus.PAST_DUE.name()),
                        ":at", Items.time(at), ":dueBefore", Items.n(invoice.amountDue().amount()),
                        ":statusBefore", Items.s(invoice.status().name())))
                .build()).build();
    }

    /** A lost condition means another worker (or a payment) moved the state: the caller re-reads next time. */
    private void write(List<TransactWriteItem> items) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
        } catch (TransactionCanceledException moved) {
            throw new ConcurrentUpdateException();
        }
    }
}
