package com.platform.billing.dynamodb.topup;

import static com.platform.billing.dynamodb.TransactionPart.part;

import com.platform.billing.domain.AccountNotFoundException;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.ConcurrentUpdateException;
import com.platform.billing.domain.Ids;
import com.platform.billing.domain.InsufficientCreditException;
import com.platform.billing.domain.LedgerRules;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.Page;
import com.platform.billing.domain.StateConflictException;
import com.platform.billing.domain.Transfer;
import com.platform.billing.domain.TransferConflictException;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.TransferKind;
import com.platform.billing.domain.TransferOutcome;
import com.platform.billing.domain.billingrun.SavedCard;
import com.platform.billing.domain.invoice.AppliedPayment;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceNumber;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.domain.payment.Checkout;
import com.platform.billing.domain.payment.GatewayNotification;
import com.platform.billing.domain.payment.PaymentStatus;
import com.platform.billing.domain.topup.IdempotencyKeyReusedException;
import com.platform.billing.domain.topup.PaymentOrder;
import com.platform.billing.domain.topup.PaymentOrderId;
import com.platform.billing.domain.topup.PaymentOrderStore;
import com.platform.billing.domain.topup.PaymentPurpose;
import com.platform.billing.dynamodb.AccountItems;
import com.platform.billing.dynamodb.Backoff;
import com.platform.billing.dynamodb.ConsistentReads;
import com.platform.billing.dynamodb.Cursors;
import com.platform.billing.dynamodb.DomainEvents;
import com.platform.billing.dynamodb.DynamoLedger;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import com.platform.billing.dynamodb.TransactionPart;
import com.platform.billing.dynamodb.Transactions;
import com.platform.billing.dynamodb.billingrun.PaymentMethodItems;
import com.platform.billing.dynamodb.invoice.InvoiceItems;
import com.platform.billing.dynamodb.invoice.InvoiceNumbers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
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
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Payment orders and the invoices they create or pay, on the single table. Request budgets (what the benchmark
 * counts):
 * <ul>
 *   <li>{@link #createTopUp}: one read (GetItem of the month's invoice counter, or BatchGetItem of counter +
 *       Idempotency-Key record when a key is sent) and one TransactWriteItems (account ConditionCheck, counter
 *       compare-and-set, number guard, order, invoice, idempotency record). A counter race costs one more read and
 *       transaction per retry.</li>
 *   <li>{@link #recordCheckout}: one UpdateItem.</li>
 *   <li>{@link #findForCallback} + {@link #settlePaid}: one BatchGetItem (order + account, when the order id carries
 *       the org) and one TransactWriteItems (account, entry, transfer record, order, invoice, event).</li>
 * </ul>
 */
public final class DynamoPaymentOrderStore implements PaymentOrderStore {

    /** The ledger actor of every gateway-driven transfer. */
    public static final String ACTOR = "system:pg-callback";
    public static final String IDEMPOTENCY_TYPE = "IDEMPOTENCY";
    public static final String UNAPPLIED_TYPE = "PG_NOTIFICATION";
    /** Idempotency-Key records live a day (then the key may be reused), like common payment APIs. */
    public static final Duration IDEMPOTENCY_RETENTION = Duration.ofHours(24);
    /** Unapplied notifications are kept this long for reconciliation. */
    public static final Duration UNAPPLIED_RETENTION = Duration.ofDays(90);
    private static final int MAX_ATTEMPTS = 5;
    private static final int MAX_RAW_BODY = 32 * 1024;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final BillingCalendar calendar;
    private final DynamoLedger ledger;

    public DynamoPaymentOrderStore(DynamoDbClient dynamo, String table, Clock clock, BillingCalendar calendar) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.calendar = calendar;
        this.ledger = new DynamoLedger(dynamo, table, clock);
    }

    // ------------------------------------------------------------------------------------------------ inquiries

    @Override
    public Created createTopUp(PaymentOrder order, Invoice draft, Idempotency idempotency) {
        YearMonth period = calendar.periodOf(draft.issuedAt());
        Map<String, AttributeValue> counterKey = InvoiceNumbers.counterKey(period);
        Map<String, AttributeValue> idempotencyKey = idempotency == null ? null
                : idempotencyKey(order.orgId(), order.purpose().name(), idempotency.key());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            List<Map<String, AttributeValue>> read = ConsistentReads.getAll(dynamo, table,
                    idempotencyKey == null ? List.of(counterKey) : List.of(counterKey, idempotencyKey));
            Optional<Map<String, AttributeValue>> earlier = ConsistentReads.find(read, idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), idempotency);
            }
            long last = InvoiceNumbers.lastUsed(ConsistentReads.find(read, counterKey).orElse(null));
            InvoiceNumber number = InvoiceNumber.of(period, last + 1);
            Invoice invoice = draft.withNumber(number);
            PaymentOrder numbered = order.withInvoiceNumber(number.value());
            List<TransactionPart> parts = new ArrayList<>();
            parts.add(accountExists(order.orgId()));
            parts.add(part(InvoiceNumbers.casNext(table, period, last), r -> new Retry()));
            parts.add(part(InvoiceNumbers.guard(table, number, order.orgId(), invoice.id()), r -> new Retry()));
            parts.add(part(putNew(PaymentOrderItems.toItem(numbered)), r -> new ConcurrentUpdateException()));
            parts.add(part(putNew(InvoiceItems.toItem(invoice)), r -> new ConcurrentUpdateException()));
            if (idempotency != null) {
                parts.add(idempotencyRecord(order.orgId(), order.purpose().name(), idempotency, order.id(), order.createdAt()));
            }
            try {
                Transactions.write(dynamo, table, parts);
                return new Created.New(numbered);
            } catch (Retry counterMoved) {
                Backoff.afterConflict(attempt);
            } catch (KeyRace race) {
                return replay(race.existing(idempotencyKey), idempotency);
            }
        }
        throw new ConcurrentUpdateException();
    }

    @Override
    public InvoicePaymentContext readForInvoicePayment(String orgId, String invoiceId, Idempotency idempotency) {
        Map<String, AttributeValue> invoiceKey = InvoiceItems.key(orgId, invoiceId);
        Map<String, AttributeValue> idempotencyKey = idempotency == null ? null
                : idempotencyKey(orgId, "INVOICE_PAYMENT", idempotency.key());
        List<Map<String, AttributeValue>> read = ConsistentReads.getAll(dynamo, table,
                idempotencyKey == null ? List.of(invoiceKey) : List.of(invoiceKey, idempotencyKey));
        Optional<Map<String, AttributeValue>> earlier = ConsistentReads.find(read, idempotencyKey);
        if (earlier.isPresent()) {
            return new InvoicePaymentContext(Optional.empty(),
                    Optional.of(((Created.Replayed) replay(earlier.get(), idempotency)).order()));
        }
        return new InvoicePaymentContext(ConsistentReads.find(read, invoiceKey).map(InvoiceItems::fromItem),
                Optional.empty());
    }

    @Override
    public Created createInvoicePayment(PaymentOrder order, Invoice invoice, Idempotency idempotency) {
        List<TransactionPart> parts = new ArrayList<>();
        parts.add(part(putNew(PaymentOrderItems.toItem(order)), r -> new ConcurrentUpdateException()));
        parts.add(part(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(InvoiceItems.key(invoice.orgId(), invoice.id()))
                .updateExpression("SET #pending = :order, #pendingUntil = :until")
                .conditionExpression("#status = :status AND #due = :due AND (attribute_not_exists(#pending)"
                        + " OR #pendingUntil < :now)")
                .expressionAttributeNames(Map.of("#pending", "pendingOrderId", "#pendingUntil", "pendingUntil",
                        "#status", "status", "#due", "amountDue"))
                .expressionAttributeValues(Map.of(":order", Items.s(order.id()),
                        ":until", Items.time(order.expiresAt()), ":status", Items.s(invoice.status().name()),
                        ":due", Items.n(invoice.amountDue().amount()), ":now", Items.time(order.createdAt())))
                .build()).build(),
                r -> new StateConflictException("invoice-changed", "The invoice changed, or another payment of it"
                        + " started, while this one was being made; reload it and try again.")));
        if (idempotency != null) {
            parts.add(idempotencyRecord(order.orgId(), "INVOICE_PAYMENT", idempotency, order.id(),
                    order.createdAt()));
        }
        try {
            Transactions.write(dynamo, table, parts);
            return new Created.New(order);
        } catch (KeyRace race) {
            return replay(race.existing(idempotencyKey(order.orgId(), "INVOICE_PAYMENT", idempotency.key())),
                    idempotency);
        }
    }

    @Override
    public PaymentOrder recordCheckout(PaymentOrder order, Checkout checkout) {
        Map<String, String> names = new HashMap<>(Map.of("#reference", "gatewayReference", "#url", "paymentUrl"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":reference", Items.s(checkout.gatewayReference() == null ? "" : checkout.gatewayReference()),
                ":url", Items.s(checkout.paymentUrl().toString())));
        String expression = "SET #reference = :reference, #url = :url";
        if (checkout.expiresAt() != null) {
            names.put("#gatewayExpiresAt", "gatewayExpiresAt");
            values.put(":expires", Items.time(checkout.expiresAt()));
            expression += ", #gatewayExpiresAt = :expires";
        }
        String update = expression;
        dynamo.updateItem(r -> r.tableName(table).key(PaymentOrderItems.key(order.id()))
                .updateExpression(update).conditionExpression("attribute_exists(PK)")
                .expressionAttributeNames(names).expressionAttributeValues(values));
        return order.withCheckout(checkout.gatewayReference(), checkout.paymentUrl().toString(),
                checkout.expiresAt());
    }

    @Override
    public void failCheckout(PaymentOrder order, Instant at) {
        endOrder(order, PaymentStatus.FAILED, "gateway-unavailable", null, null, at);
    }

    // ------------------------------------------------------------------------------------------------ callbacks

    @Override
    public Optional<CallbackRead> findForCallback(String orderId) {
        Map<String, AttributeValue> orderKey = PaymentOrderItems.key(orderId);
        Optional<String> org = PaymentOrderId.orgHint(orderId);
        if (org.isEmpty()) {
            Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(orderKey)
                    .consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.empty()
                    : Optional.of(new CallbackRead(PaymentOrderItems.fromItem(item), Optional.empty()));
        }
        Map<String, AttributeValue> accountKey = AccountItems.key(org.get());
        List<Map<String, AttributeValue>> read = ConsistentReads.getAll(dynamo, table, List.of(orderKey, accountKey));
        Optional<PaymentOrder> order = ConsistentReads.find(read, orderKey).map(PaymentOrderItems::fromItem);
        if (order.isEmpty()) {
            return Optional.empty();
        }
        Optional<BillingAccount> account = ConsistentReads.find(read, accountKey).map(AccountItems::fromItem)
                .filter(a -> a.orgId().equals(order.get().orgId()));
        return Optional.of(new CallbackRead(order.get(), account));
    }

    @Override
    public boolean settlePaid(CallbackRead read, GatewayNotification notification, boolean late, Instant at) {
        return settle(read, notification, Optional.empty(), late, at);
    }

    @Override
    public boolean settleCardRegistration(CallbackRead read, GatewayNotification notification,
                                          Optional<SavedCard> card, boolean late, Instant at) {
        return settle(read, notification, card, late, at);
    }

    private boolean settle(CallbackRead read, GatewayNotification notification, Optional<SavedCard> card,
                           boolean late, Instant at) {
        CallbackRead current = read;
        boolean isLate = late;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            PaymentOrder order = current.order();
            try {
                return order.purpose().buysCredit()
                        ? settleTopUpPaid(current, notification, card, isLate, at)
                        : settleInvoicePaid(current, notification, isLate, at);
            } catch (OrderMoved | TransferConflictException moved) {
                Optional<CallbackRead> again = findForCallback(order.id());
                if (again.isEmpty() || again.get().order().wasPaid()
                        || !PaymentOrder.canMove(again.get().order().status(), PaymentStatus.PAID)) {
                    return false;
                }
                current = again.get();
                isLate = current.order().wouldBeLate(at);
            }
        }
        throw new ConcurrentUpdateException();
    }

    /**
     * A top-up's payment, or a card registration's verification payment (credited the same way; its event is
     * {@code PaymentMethodRegistered} when the gateway saved the card, which then replaces the org's saved card in
     * this transaction — last confirmed wins — or {@code PaymentMethodNotSaved} when it saved none).
     */
    private boolean settleTopUpPaid(CallbackRead read, GatewayNotification n, Optional<SavedCard> card, boolean late,
                                    Instant at) {
        PaymentOrder order = read.order();
        Transfer credit = new Transfer(TransferId.of("topup", order.id()), order.orgId(), TransferKind.TOPUP,
                order.subtotal(), order.id(), ACTOR, "");
        List<TransactionPart> parts = new ArrayList<>();
        parts.add(orderPaid(order, n, late, order.subtotal(), at));
        parts.add(part(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(InvoiceItems.key(order.orgId(), order.invoiceId()))
                .updateExpression("SET #status = :paid, #paidAt = :at, #amountPaid = :total, #due = :zero,"
                        + " #payments = list_append(if_not_exists(#payments, :none), :payment), #late = :late,"
                        + " #voidReason = :empty REMOVE #voidedAt")
                .conditionExpression("#status IN (:open, :void)")
                .expressionAttributeNames(Map.of("#status", "status", "#paidAt", "paidAt",
                        "#amountPaid", "amountPaid", "#due", "amountDue", "#payments", "payments",
                        "#late", "paidLate", "#voidReason", "voidReason", "#voidedAt", "voidedAt"))
                .expressionAttributeValues(Map.ofEntries(Map.entry(":paid", Items.s(InvoiceStatus.PAID.name())),
                        Map.entry(":at", Items.time(at)), Map.entry(":total", Items.n(order.total().amount())),
                        Map.entry(":zero", Items.n(0)), Map.entry(":none", AttributeValue.fromL(List.of())),
                        Map.entry(":payment", AttributeValue.fromL(List.of(gatewayPayment(order, order.total(), n,
                                at)))),
                        Map.entry(":late", AttributeValue.fromBool(late)), Map.entry(":empty", Items.s("")),
                        Map.entry(":open", Items.s(InvoiceStatus.OPEN.name())),
                        Map.entry(":void", Items.s(InvoiceStatus.VOID.name()))))
                .build()).build(),
                r -> new IllegalStateException("top-up invoice of order " + order.id() + " is neither open nor void")));
        if (order.purpose() == PaymentPurpose.CARD_REGISTRATION) {
            card.ifPresent(saved -> parts.add(part(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(PaymentMethodItems.registered(saved, order.id()))
                    // Replaces the card saved before (last confirmed wins); the org must still have its account.
                    .conditionExpression("attribute_not_exists(PK) OR #type = :type")
                    .expressionAttributeNames(Map.of("#type", Keys.TYPE))
                    .expressionAttributeValues(Map.of(":type", Items.s(PaymentMethodItems.TYPE))).build()).build(),
                    r -> new IllegalStateException("payment method item of " + order.orgId() + " is not one"))));
            parts.add(registrationEvent(order, n, card, late, at));
        } else {
            parts.add(DomainEvents.record(order.id() + ".paid", "TopUpPaid", order.orgId(), at, new EventDetail()
                    .put("orderId", order.id()).put("invoiceId", order.invoiceId())
                    .put("invoiceNumber", order.invoiceNumber()).put("currency", order.currency())
                    .put("amount", order.total().amount()).put("credited", order.subtotal().amount())
                    .put("tax", order.tax().amount()).put("paidLate", late).put("provider", order.provider())
                    .put("transactionId", n.transactionId()).put("referenceNumber", n.referenceNumber()).json()));
        }
        return !applyTransfer(read.account(), credit, parts).replayed();
    }

    private TransactionPart registrationEvent(PaymentOrder order, GatewayNotification n, Optional<SavedCard> card,
                                              boolean late, Instant at) {
        EventDetail detail = new EventDetail().put("orderId", order.id()).put("invoiceId", order.invoiceId())
                .put("invoiceNumber", order.invoiceNumber()).put("currency", order.currency())
                .put("amount", order.total().amount()).put("credited", order.subtotal().amount())
                .put("tax", order.tax().amount()).put("paidLate", late).put("provider", order.provider())
                .put("transactionId", n.transactionId());
        if (card.isEmpty()) {
            return DomainEvents.record(order.id() + ".card-not-saved", "PaymentMethodNotSaved", order.orgId(), at,
                    detail.json());
        }
        SavedCard saved = card.get();
        return DomainEvents.record(order.id() + ".card-registered", "PaymentMethodRegistered", order.orgId(), at,
                detail.put("brand", saved.brand()).put("maskedNumber", saved.maskedNumber())
                        .put("expiryMonth", saved.expiryMonth()).put("expiryYear", saved.expiryYear())
                        .put("registeredBy", saved.setBy()).json());
    }

    private boolean settleInvoicePaid(CallbackRead read, GatewayNotification n, boolean late, Instant at) {
        PaymentOrder order = read.order();
        // First try on the invoice as it was when the order was made (no read): pay exactly what was due then.
        Money due = order.invoiceAmountDue();
        Optional<Invoice> invoiceRead = Optional.empty();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Money applied;
            TransactionPart invoicePart;
            InvoiceStatus statusAfter;
            if (invoiceRead.isEmpty()) {
                applied = due.min(order.total());
                statusAfter = InvoiceStatus.PAID;
                invoicePart = applied.isPositive() ? invoicePayment(order, n, applied, null, due, statusAfter, at)
                        : null;
            } else {
                Invoice invoice = invoiceRead.get();
                applied = invoice.split(order.total()).applied();
                statusAfter = applied.isPositive()
                        ? invoice.apply(gatewayAppliedPayment(order, applied, n, at)).status() : invoice.status();
                invoicePart = applied.isPositive() ? invoicePayment(order, n, applied, invoice.status(),
                        invoice.amountDue(), statusAfter, at) : null;
            }
            Money surplus = order.total().minus(applied);
            List<TransactionPart> parts = new ArrayList<>();
            parts.add(orderPaid(order, n, late, surplus, at));
            if (invoicePart != null) {
                parts.add(invoicePart);
            }
            parts.add(DomainEvents.record(order.id() + ".paid",
                    statusAfter == InvoiceStatus.PAID && applied.isPositive() ? "InvoicePaid"
                            : "InvoicePaymentReceived", order.orgId(), at, new EventDetail()
                            .put("orderId", order.id()).put("invoiceId", order.invoiceId())
                            .put("invoiceNumber", order.invoiceNumber()).put("currency", order.currency())
                            .put("amount", order.total().amount()).put("appliedToInvoice", applied.amount())
                            .put("surplusCredited", surplus.amount()).put("invoiceStatus", statusAfter.name())
                            .put("paidLate", late).put("provider", order.provider())
                            .put("transactionId", n.transactionId()).put("referenceNumber", n.referenceNumber())
                            .json()));
            try {
                if (surplus.isPositive()) {
                    Transfer credit = new Transfer(TransferId.of("surplus", order.id()), order.orgId(),
                            TransferKind.PAYMENT_SURPLUS, surplus, order.id(), ACTOR, "");
                    return !applyTransfer(read.account(), credit, parts).replayed();
                }
                Transactions.write(dynamo, table, parts);
                return true;
            } catch (InvoiceMoved moved) {
                invoiceRead = Optional.of(readInvoice(order.orgId(), order.invoiceId()));
            }
        }
        throw new ConcurrentUpdateException();
    }

    /** Pays {@code applied} of the invoice, on condition it is still as decided ({@code statusBefore} null: any payable). */
    private TransactionPart invoicePayment(PaymentOrder order, GatewayNotification n, Money applied,
                                           InvoiceStatus statusBefore, Money dueBefore, InvoiceStatus statusAfter,
                                           Instant at) {
        Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#due", "amountDue",
                "#amountPaid", "amountPaid", "#payments", "payments", "#pending", "pendingOrderId",
                "#pendingUntil", "pendingUntil"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":statusAfter", Items.s(statusAfter.name()), ":dueBefore", Items.n(dueBefore.amount()),
                ":dueAfter", Items.n(dueBefore.minus(applied).amount()), ":applied", Items.n(applied.amount()),
                ":zero", Items.n(0), ":none", AttributeValue.fromL(List.of()),
                ":payment", AttributeValue.fromL(List.of(gatewayPayment(order, applied, n, at)))));
        String set = "SET #status = :statusAfter, #due = :dueAfter,"
                + " #amountPaid = if_not_exists(#amountPaid, :zero) + :applied,"
                + " #payments = list_append(if_not_exists(#payments, :none), :payment)";
        if (statusAfter == InvoiceStatus.PAID) {
            names.put("#paidAt", "paidAt");
            values.put(":at", Items.time(at));
            set += ", #paidAt = :at";
        }
        String condition;
        if (statusBefore == null) {
            condition = "#due = :dueBefore AND #status IN (:open, :partial, :pastDue)";
            values.put(":open", Items.s(InvoiceStatus.OPEN.name()));
            values.put(":partial", Items.s(InvoiceStatus.PARTIALLY_PAID.name()));
            values.put(":pastDue", Items.s(InvoiceStatus.PAST_DUE.name()));
        } else {
            condition = "#due = :dueBefore AND #status = :statusBefore";
            values.put(":statusBefore", Items.s(statusBefore.name()));
        }
        // The pending mark is released when this order pays; another order's mark stays (its payment will find the
        // invoice paid and be credited as surplus).
        String update = set;
        return part(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(InvoiceItems.key(order.orgId(), order.invoiceId()))
                .updateExpression(update + (statusAfter == InvoiceStatus.PAID ? " REMOVE #pending, #pendingUntil" : ""))
                .conditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values)
                .build()).build(), r -> new InvoiceMoved());
    }

    @Override
    public boolean settleEnded(PaymentOrder order, PaymentStatus status, GatewayNotification notification,
                               Instant at) {
        return endOrder(order, status, notification.gatewayStatus(), notification.rawBody(), notification, at);
    }

    /** Order FAILED/EXPIRED + top-up invoice VOID (or the paid invoice's pending mark released) + PaymentFailed. */
    private boolean endOrder(PaymentOrder order, PaymentStatus status, String reason, String rawBody,
                             GatewayNotification notification, Instant at) {
        boolean releaseMark = order.purpose() == PaymentPurpose.INVOICE_PAYMENT;
        for (int attempt = 1; attempt <= 2; attempt++) {
            List<TransactionPart> parts = new ArrayList<>();
            Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#endedAt", "endedAt",
                    "#reason", "endReason"));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":status", Items.s(status.name()),
                    ":at", Items.time(at), ":reason", Items.s(reason == null ? "" : reason),
                    ":pending", Items.s(PaymentStatus.PENDING.name())));
            String set = "SET #status = :status, #endedAt = :at, #reason = :reason";
            if (rawBody != null) {
                names.put("#raw", "endedNotification");
                values.put(":raw", Items.s(truncate(rawBody)));
                set += ", #raw = :raw";
            }
            String update = set;
            parts.add(part(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(PaymentOrderItems.key(order.id())).updateExpression(update)
                    .conditionExpression("#status = :pending").expressionAttributeNames(names)
                    .expressionAttributeValues(values).build()).build(), r -> new OrderMoved()));
            if (order.purpose().buysCredit()) {
                parts.add(part(TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(InvoiceItems.key(order.orgId(), order.invoiceId()))
                        .updateExpression("SET #status = :void, #voidedAt = :at, #voidReason = :reason, #due = :zero")
                        .conditionExpression("#status = :open")
                        .expressionAttributeNames(Map.of("#status", "status", "#voidedAt", "voidedAt",
                                "#voidReason", "voidReason", "#due", "amountDue"))
                        .expressionAttributeValues(Map.of(":void", Items.s(InvoiceStatus.VOID.name()),
                                ":open", Items.s(InvoiceStatus.OPEN.name()), ":at", Items.time(at),
                                ":reason", Items.s("payment " + status.name().toLowerCase()), ":zero", Items.n(0)))
                        .build()).build(),
                        r -> new IllegalStateException("top-up invoice of pending order " + order.id()
                                + " is not open")));
            } else if (releaseMark) {
                parts.add(part(TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(InvoiceItems.key(order.orgId(), order.invoiceId()))
                        .updateExpression("REMOVE #pending, #pendingUntil").conditionExpression("#pending = :order")
                        .expressionAttributeNames(Map.of("#pending", "pendingOrderId",
                                "#pendingUntil", "pendingUntil"))
                        .expressionAttributeValues(Map.of(":order", Items.s(order.id()))).build()).build(),
                        r -> new MarkGone()));
            }
            parts.add(DomainEvents.record(order.id() + ".ended", "PaymentFailed", order.orgId(), at, new EventDetail()
                    .put("orderId", order.id()).put("purpose", order.purpose().name())
                    .put("invoiceId", order.invoiceId()).put("invoiceNumber", order.invoiceNumber())
                    .put("status", status.name()).put("reason", reason).put("currency", order.currency())
                    .put("amount", order.total().amount()).put("provider", order.provider())
                    .put("transactionId", notification == null ? null : notification.transactionId()).json()));
            try {
                Transactions.write(dynamo, table, parts);
                return true;
            } catch (OrderMoved moved) {
                return false;
            } catch (MarkGone gone) {
                releaseMark = false;
            }
        }
        throw new ConcurrentUpdateException();
    }

    @Override
    public Reversal settleReversal(CallbackRead read, PaymentStatus status, GatewayNotification n, Instant at) {
        PaymentOrder order = read.order();
        Money zero = Money.zero(order.currency());
        Optional<BillingAccount> account = read.account();
        try {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                Money credited = order.creditedAmount().minus(order.reversedAmount());
                Money debit = zero;
                if (status != PaymentStatus.PARTIALLY_REFUNDED && credited.isPositive()) {
                    BillingAccount current = account.isPresent() ? account.get()
                            : ledger.readAccount(order.orgId()).orElseThrow(AccountNotFoundException::new);
                    account = Optional.of(current);
                    debit = current.billingType().mayGoNegative() ? credited
                            : credited.min(current.balance().max(zero));
                }
                Money shortfall = status == PaymentStatus.PARTIALLY_REFUNDED ? zero : credited.minus(debit);
                List<TransactionPart> parts = new ArrayList<>();
                parts.add(orderReversed(order, status, debit, shortfall, n, at));
                if (status != PaymentStatus.PARTIALLY_REFUNDED) {
                    invoiceAfterReversal(order, status, at).ifPresent(parts::add);
                }
                parts.add(DomainEvents.record(order.id() + ".reversed." + status.name().toLowerCase(),
                        "PaymentReversed", order.orgId(), at, new EventDetail()
                                .put("orderId", order.id()).put("purpose", order.purpose().name())
                                .put("invoiceId", order.invoiceId()).put("invoiceNumber", order.invoiceNumber())
                                .put("status", status.name()).put("currency", order.currency())
                                .put("amount", order.total().amount()).put("credited", credited.amount())
                                .put("debited", debit.amount()).put("shortfall", shortfall.amount())
                                .put("needsReview", status == PaymentStatus.PARTIALLY_REFUNDED
                                        || shortfall.isPositive())
                                .put("provider", order.provider()).put("transactionId", n.transactionId()).json()));
                try {
                    if (debit.isPositive()) {
                        Transfer reversal = new Transfer(TransferId.of("reversal", order.id()), order.orgId(),
                                TransferKind.PAYMENT_REVERSAL, debit.negate(), order.id(), ACTOR, "");
                        boolean applied = !applyTransfer(account, reversal, parts).replayed();
                        return new Reversal(applied, applied ? debit : zero, applied ? shortfall : zero);
                    }
                    Transactions.write(dynamo, table, parts);
                    return new Reversal(true, zero, shortfall);
                } catch (InsufficientCreditException balanceMoved) {
                    account = Optional.empty();
                } catch (InvoiceMoved invoiceMoved) {
                    // re-read the invoice on the next attempt (invoiceAfterReversal reads it)
                }
            }
            throw new ConcurrentUpdateException();
        } catch (OrderMoved | TransferConflictException alreadyReversed) {
            return new Reversal(false, zero, zero);
        }
    }

    /**
     * A reversed top-up: its invoice becomes VOID (the money went back). A reversed invoice payment: the part it
     * applied is due again (the invoice is reopened: its payment leaves the list, amountDue grows back).
     */
    private Optional<TransactionPart> invoiceAfterReversal(PaymentOrder order, PaymentStatus status, Instant at) {
        if (order.purpose().buysCredit()) {
            return Optional.of(part(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(InvoiceItems.key(order.orgId(), order.invoiceId()))
                    .updateExpression("SET #status = :void, #voidedAt = :at, #voidReason = :reason")
                    .conditionExpression("#status = :paid")
                    .expressionAttributeNames(Map.of("#status", "status", "#voidedAt", "voidedAt",
                            "#voidReason", "voidReason"))
                    .expressionAttributeValues(Map.of(":void", Items.s(InvoiceStatus.VOID.name()),
                            ":paid", Items.s(InvoiceStatus.PAID.name()), ":at", Items.time(at),
                            ":reason", Items.s("payment " + status.name().toLowerCase().replace('_', ' '))))
                    .build()).build(), r -> new InvoiceMoved()));
        }
        Money applied = order.appliedToInvoice();
        if (!applied.isPositive()) {
            return Optional.empty();
        }
        Invoice invoice = readInvoice(order.orgId(), order.invoiceId());
        int index = -1;
        for (int i = 0; i < invoice.payments().size(); i++) {
            if (invoice.payments().get(i).reference().equals(order.id())) {
                index = i;
            }
        }
        if (index < 0) {
            return Optional.empty();
        }
        Money paidAfter = invoice.amountPaid().minus(applied);
        Money dueAfter = invoice.amountDue().plus(applied);
        InvoiceStatus after = paidAfter.plus(invoice.creditsApplied()).isZero() ? InvoiceStatus.OPEN
                : InvoiceStatus.PARTIALLY_PAID;
        return Optional.of(part(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(InvoiceItems.key(order.orgId(), order.invoiceId()))
                .updateExpression("SET #status = :after, #due = :dueAfter, #amountPaid = :paidAfter"
                        + " REMOVE #payments[" + index + "], #paidAt")
                .conditionExpression("#status = :before AND #due = :dueBefore")
                .expressionAttributeNames(Map.of("#status", "status", "#due", "amountDue",
                        "#amountPaid", "amountPaid", "#payments", "payments", "#paidAt", "paidAt"))
                .expressionAttributeValues(Map.of(":after", Items.s(after.name()),
                        ":before", Items.s(invoice.status().name()), ":dueAfter", Items.n(dueAfter.amount()),
                        ":dueBefore", Items.n(invoice.amountDue().amount()),
                        ":paidAfter", Items.n(paidAfter.amount())))
                .build()).build(), r -> new InvoiceMoved()));
    }

    @Override
    public void keepUnapplied(String provider, String orderId, String reason, String rawBody, Instant at) {
        String id = Ids.uuidV7(clock);
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.unappliedNotificationPk(id),
                Keys.unappliedNotificationSk()));
        item.put(Keys.TYPE, Items.s(UNAPPLIED_TYPE));
        item.put(Keys.GSI1PK, Items.s(Keys.unappliedNotificationsGsi1Pk(provider,
                LocalDate.ofInstant(at, ZoneOffset.UTC))));
        item.put(Keys.GSI1SK, Items.s(Keys.timelineSk(at, id)));
        item.put("provider", Items.s(provider));
        item.put("orderId", Items.s(printable(orderId)));
        item.put("reason", Items.s(reason));
        item.put("rawBody", Items.s(truncate(rawBody == null ? "" : rawBody)));
        item.put("receivedAt", Items.time(at));
        item.put(Keys.TTL, Items.n(at.plus(UNAPPLIED_RETENTION).getEpochSecond()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    // ------------------------------------------------------------------------------------------------ reads

    @Override
    public Page<PaymentOrder> topUps(String orgId, String cursor, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(Keys.GSI1)
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", Items.s(Keys.topUpsGsi1Pk(orgId))))
                .scanIndexForward(false).limit(limit);
        if (cursor != null) {
            String sortKey = Cursors.decode(cursor, "");
            int separator = sortKey.indexOf('#');
            String orderId = separator < 0 ? "" : sortKey.substring(separator + 1);
            if (!PaymentOrderId.isValid(orderId)) {
                throw new com.platform.billing.domain.InvalidRequestException("cursor",
                        "cursor is not one this API returned.");
            }
            Map<String, AttributeValue> start = new HashMap<>(PaymentOrderItems.key(orderId));
            start.put(Keys.GSI1PK, Items.s(Keys.topUpsGsi1Pk(orgId)));
            start.put(Keys.GSI1SK, Items.s(sortKey));
            query.exclusiveStartKey(start);
        }
        QueryResponse response = dynamo.query(query.build());
        List<PaymentOrder> orders = response.items().stream().map(PaymentOrderItems::fromItem).toList();
        Optional<String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(Cursors.encode(Items.str(response.lastEvaluatedKey(), Keys.GSI1SK)))
                : Optional.empty();
        return new Page<>(orders, next);
    }

    /** One order by id (consistent), for tests and support tools. */
    public Optional<PaymentOrder> find(String orderId) {
        return ConsistentReads.get(dynamo, table, PaymentOrderItems.key(orderId)).map(PaymentOrderItems::fromItem);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private TransferOutcome applyTransfer(Optional<BillingAccount> account, Transfer transfer,
                                          List<TransactionPart> parts) {
        if (account.isPresent() && account.get().orgId().equals(transfer.orgId())) {
            // The account came with the order in the request's one read: decide the entry on it. If it moved since,
            // the ledger re-reads and re-decides (the second of two interleaved deliveries becomes a replay).
            DynamoLedger.PreparedTransfer prepared;
            try {
                prepared = new DynamoLedger.PreparedTransfer(transfer, account.get(),
                        LedgerRules.nextEntry(account.get(), transfer, clock.instant()), parts);
            } catch (InsufficientCreditException onStaleRead) {
                return ledger.apply(transfer, parts);
            }
            return ledger.commit(prepared);
        }
        return ledger.apply(transfer, parts);
    }

    private TransactionPart orderPaid(PaymentOrder order, GatewayNotification n, boolean late, Money credited,
                                      Instant at) {
        Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#paidAt", "paidAt",
                "#late", "paidLate", "#credited", "creditedAmount", "#raw", "paidNotification",
                "#gatewayStatus", "gatewayStatus"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":paid", Items.s(PaymentStatus.PAID.name()),
                ":at", Items.time(at), ":late", AttributeValue.fromBool(late),
                ":credited", Items.n(credited.amount()), ":raw", Items.s(truncate(n.rawBody())),
                ":gatewayStatus", Items.s(n.gatewayStatus() == null ? "" : n.gatewayStatus()),
                ":expected", Items.s(order.status().name())));
        StringBuilder set = new StringBuilder("SET #status = :paid, #paidAt = :at, #late = :late,"
                + " #credited = :credited, #raw = :raw, #gatewayStatus = :gatewayStatus");
        optionalSet(set, names, values, "transactionId", n.transactionId());
        optionalSet(set, names, values, "referenceNumber", n.referenceNumber());
        optionalSet(set, names, values, "paidMethod", n.paymentMethod());
        return part(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(PaymentOrderItems.key(order.id())).updateExpression(set.toString())
                .conditionExpression("#status = :expected").expressionAttributeNames(names)
                .expressionAttributeValues(values).build()).build(), r -> new OrderMoved());
    }

    private TransactionPart orderReversed(PaymentOrder order, PaymentStatus status, Money debit, Money shortfall,
                                          GatewayNotification n, Instant at) {
        return part(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(PaymentOrderItems.key(order.id()))
                .updateExpression("SET #status = :status, #reversedAt = :at, #reversed = #reversed + :debit,"
                        + " #shortfall = #shortfall + :shortfall, #raw = :raw, #gatewayStatus = :gatewayStatus")
                .conditionExpression("#status = :expected")
                .expressionAttributeNames(Map.of("#status", "status", "#reversedAt", "reversedAt",
                        "#reversed", "reversedAmount", "#shortfall", "reversalShortfall",
                        "#raw", "reversalNotification", "#gatewayStatus", "gatewayStatus"))
                .expressionAttributeValues(Map.of(":status", Items.s(status.name()), ":at", Items.time(at),
                        ":debit", Items.n(debit.amount()), ":shortfall", Items.n(shortfall.amount()),
                        ":raw", Items.s(truncate(n.rawBody())),
                        ":gatewayStatus", Items.s(n.gatewayStatus() == null ? "" : n.gatewayStatus()),
                        ":expected", Items.s(order.status().name())))
                .build()).build(), r -> new OrderMoved());
    }

    private static void optionalSet(StringBuilder set, Map<String, String> names, Map<String, AttributeValue> values,
                                    String attribute, String value) {
        if (value != null && !value.isEmpty()) {
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, Items.s(value));
            set.append(", #").append(attribute).append(" = :").append(attribute);
        }
    }

    private static AppliedPayment gatewayAppliedPayment(PaymentOrder order, Money amount, GatewayNotification n,
                                                        Instant at) {
        return new AppliedPayment(AppliedPayment.Source.GATEWAY, order.id(), amount, at,
                n.paymentMethod() == null ? "" : n.paymentMethod(),
                n.referenceNumber() == null ? "" : n.referenceNumber());
    }

    private static AttributeValue gatewayPayment(PaymentOrder order, Money amount, GatewayNotification n,
                                                 Instant at) {
        return InvoiceItems.payment(gatewayAppliedPayment(order, amount, n, at));
    }

    private Invoice readInvoice(String orgId, String invoiceId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(InvoiceItems.key(orgId, invoiceId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            throw new IllegalStateException("invoice " + invoiceId + " of a payment order is missing");
        }
        return InvoiceItems.fromItem(item);
    }

    private TransactionPart accountExists(String orgId) {
        return part(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                .key(AccountItems.key(orgId)).conditionExpression("attribute_exists(PK)").build()).build(),
                r -> new AccountNotFoundException());
    }

    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(PK)").build()).build();
    }

    private static Map<String, AttributeValue> idempotencyKey(String orgId, String scope, String key) {
        return Items.key(Keys.orgPk(orgId), Keys.idempotencySk(scope, key));
    }

    private TransactionPart idempotencyRecord(String orgId, String scope, Idempotency idempotency, String orderId,
                                              Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(idempotencyKey(orgId, scope, idempotency.key()));
        item.put(Keys.TYPE, Items.s(IDEMPOTENCY_TYPE));
        item.put("fingerprint", Items.s(idempotency.fingerprint()));
        item.put("orderId", Items.s(orderId));
        item.put("createdAt", Items.time(at));
        item.put(Keys.TTL, Items.n(at.plus(IDEMPOTENCY_RETENTION).getEpochSecond()));
        return part(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(PK)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build(),
                KeyRace::new);
    }

    private Created replay(Map<String, AttributeValue> record, Idempotency idempotency) {
        if (!idempotency.fingerprint().equals(Items.str(record, "fingerprint"))) {
            throw new IdempotencyKeyReusedException();
        }
        return find(Items.str(record, "orderId")).<Created>map(Created.Replayed::new)
                .orElseThrow(ConcurrentUpdateException::new);
    }

    private static String truncate(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.length() <= MAX_RAW_BODY ? raw : raw.substring(0, MAX_RAW_BODY);
    }

    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        String cleaned = value.replaceAll("[^\\x20-\\x7E]", "?");
        return cleaned.length() > 100 ? cleaned.substring(0, 100) : cleaned;
    }

    // Internal signals from a failed transaction part, caught above (never reach a caller).

    /** The month's invoice counter (or the number guard) moved: re-read and retry. */
    private static final class Retry extends RuntimeException {
        Retry() {
            super(null, null, false, false);
        }
    }

    /** The order is no longer in the state the decision was made on. */
    private static final class OrderMoved extends RuntimeException {
        OrderMoved() {
            super(null, null, false, false);
        }
    }

    /** The invoice changed since the decision: re-read it and decide again. */
    private static final class InvoiceMoved extends RuntimeException {
        InvoiceMoved() {
            super(null, null, false, false);
        }
    }

    /** The invoice's pending mark is no longer this order's: end the order without touching it. */
    private static final class MarkGone extends RuntimeException {
        MarkGone() {
            super(null, null, false, false);
        }
    }

    /** A concurrent request with the same Idempotency-Key wrote first; {@code old} is its record when returned. */
    private final class KeyRace extends RuntimeException {
        private final transient Map<String, AttributeValue> old;

        KeyRace(CancellationReason reason) {
            super(null, null, false, false);
            this.old = reason.item();
        }

        Map<String, AttributeValue> existing(Map<String, AttributeValue> key) {
            if (old != null && !old.isEmpty()) {
                return old;
            }
            return ConsistentReads.get(dynamo, table, key).orElseThrow(ConcurrentUpdateException::new);
        }
    }
}
