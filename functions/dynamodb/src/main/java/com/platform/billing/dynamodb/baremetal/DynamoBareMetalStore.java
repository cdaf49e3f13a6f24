package com.platform.billing.dynamodb.baremetal;

import static com.platform.billing.dynamodb.ConsistentReads.find;
import static com.platform.billing.dynamodb.TransactionPart.part;

import com.platform.billing.domain.AccountNotFoundException;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.ConcurrentUpdateException;
import com.platform.billing.domain.CurrencyMismatchException;
import com.platform.billing.domain.Ids;
import com.platform.billing.domain.InsufficientCreditException;
import com.platform.billing.domain.LedgerRules;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.StateConflictException;
import com.platform.billing.domain.Transfer;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.TransferKind;
import com.platform.billing.domain.baremetal.BareMetalCharge;
import com.platform.billing.domain.baremetal.BareMetalInvoice;
import com.platform.billing.domain.baremetal.BareMetalStore;
import com.platform.billing.domain.baremetal.BareMetalSubscription;
import com.platform.billing.domain.baremetal.PaymentState;
import com.platform.billing.domain.billingrun.UsageInvoice;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceNumber;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.domain.invoice.TaxRule;
import com.platform.billing.dynamodb.AccountItems;
import com.platform.billing.dynamodb.Backoff;
import com.platform.billing.dynamodb.ConsistentReads;
import com.platform.billing.dynamodb.DomainEvents;
import com.platform.billing.dynamodb.DynamoLedger;
import com.platform.billing.dynamodb.IndexQueries;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import com.platform.billing.dynamodb.TransactionPart;
import com.platform.billing.dynamodb.Transactions;
import com.platform.billing.dynamodb.invoice.InvoiceItems;
import com.platform.billing.dynamodb.invoice.InvoiceNumbers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Bare-metal terms on DynamoDB. Charging a term, first try: <b>1 BatchGetItem</b> (account, the (server, start) term
 * marker, the subscription, this month's invoice-number counter) + <b>1 TransactWriteItems</b> = 2 requests. The one
 * transaction: for an org with credit (prepaid or postpaid: credit pays first), the ledger transfer {@code invoice:{invoiceId}:credit} (account
 * compare-and-set, entry, transfer record — {@link DynamoLedger}); the invoice (PAID, PARTIALLY_PAID or OPEN); the
 * number counter's compare-and-set and the number's guard (gap-free numbers, as top-up invoices); the term marker
 * {@code IF attribute_not_exists} (<b>the (server, term start) idempotency guard</b>); the subscription (created, or
 * moved to the new term on condition it is still ACTIVE and at the term just ended — so a renewal racing a cancel
 * either commits before it or not at all); the {@code BareMetalTermInvoiced} event, and {@code InvoicePaid} when the
 * credit covered the invoice. A retried call: the BatchGetItem finds the marker, 1 GetItem reads the invoice, nothing
 * is written.
 */
public final class DynamoBareMetalStore implements BareMetalStore {

    private static final int MAX_ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final BillingCalendar calendar;
    private final TaxRule taxRule;
    private final Duration dueIn;
    private final DynamoLedger ledger;

    public DynamoBareMetalStore(DynamoDbClient dynamo, String table, Clock clock, BillingCalendar calendar,
                                TaxRule taxRule, Duration dueIn) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.calendar = calendar;
        this.taxRule = taxRule;
        this.dueIn = dueIn;
        this.ledger = new DynamoLedger(dynamo, table, clock);
    }

    /** Someone wrote between our read and our transaction (number counter, marker, subscription): read again. */
    private static final class Retry extends RuntimeException {
        Retry() {
            super("state moved", null, false, false);
        }
    }

    @Override
    public Issued issue(BareMetalCharge charge) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Issued> issued = commit(prepare(charge));
            if (issued.isPresent()) {
                return issued.get();
            }
            Backoff.afterConflict(attempt);
        }
        throw new ConcurrentUpdateException();
    }

    /**
     * A charge decided against one read: either the answer of an earlier, identical charge ({@code replay}), or the
     * transaction to write. Split from {@link #commit} so tests can interleave two writers deterministically.
     */
    public record Prepared(Optional<Issued> replay, Issued result, List<TransactionPart> parts,
                           DynamoLedger.PreparedTransfer transfer) {
    }

    /** Reads (1 BatchGetItem; a replay 1 GetItem more) and decides. */
    public Prepared prepare(BareMetalCharge charge) {
        Instant now = clock.instant();
        YearMonth month = calendar.periodOf(now);
        Map<String, AttributeValue> accountKey = AccountItems.key(charge.orgId());
        Map<String, AttributeValue> termKey = BareMetalItems.termKey(charge.serverId(), charge.term().start());
        Map<String, AttributeValue> subscriptionKey = BareMetalItems.subscriptionKey(charge.serverId());
        Map<String, AttributeValue> counterKey = InvoiceNumbers.counterKey(month);
        List<Map<String, AttributeValue>> read = ConsistentReads.batchGet(dynamo, table,
                List.of(accountKey, termKey, subscriptionKey, counterKey));
        Optional<Map<String, AttributeValue>> marker = find(read, termKey);
        if (marker.isPresent()) {
            return new Prepared(Optional.of(replay(charge, marker.get(), find(read, accountKey))), null, List.of(),
                    null);
        }
        BillingAccount account = find(read, accountKey).map(AccountItems::fromItem)
                .orElseThrow(AccountNotFoundException::new);
        if (!account.currency().equals(charge.listPrice().currency())) {
            throw new CurrencyMismatchException(account.currency(), charge.listPrice().currency());
        }
        Optional<BareMetalSubscription> subscription = find(read, subscriptionKey).map(BareMetalItems::fromItem);
        requireChargeable(charge, subscription);

        long lastNumber = InvoiceNumbers.lastUsed(find(read, counterKey).orElse(null));
        InvoiceNumber number = InvoiceNumber.of(month, lastNumber + 1);
        String invoiceId = Ids.uuidV7(clock);
        Invoice invoice = BareMetalInvoice.draft(invoiceId, charge, taxRule, calendar.zone(), now, dueIn)
                .withNumber(number);
        // Credit the org holds pays first, prepaid or postpaid, as on the monthly invoice (DynamoUsageInvoiceIssuer);
        // only the rest is left due (prepaid) or charged to the card (postpaid).
        Money credit = UsageInvoice.creditToApply(invoice, account.balance());
        TransferId transferId = TransferId.of("invoice", invoiceId, "credit");
        if (credit.isPositive()) {
            invoice = UsageInvoice.withCredit(invoice, credit, transferId.value(), now);
        }

        List<TransactionPart> parts = new ArrayList<>();
        parts.add(part(putNew(InvoiceItems.toItem(invoice)), r -> new Retry()));
        parts.add(part(InvoiceNumbers.casNext(table, month, lastNumber), r -> new Retry()));
        parts.add(part(InvoiceNumbers.guard(table, number, charge.orgId(), invoiceId), r -> new Retry()));
        // A lost marker condition: the same term was charged in between (a concurrent retry) — read again, replay.
        parts.add(part(putNew(BareMetalItems.termItem(charge, invoice, now)), r -> new Retry()));
        // A lost subscription condition: created by another first term, or (renewal) cancelled or renewed since.
        parts.add(part(subscriptionWrite(charge, invoice, now), r -> new Retry()));
        parts.add(DomainEvents.record(invoiceId + ".issued", "BareMetalTermInvoiced", charge.orgId(), now,
                termInvoicedDetail(charge, invoice, account.billingType())));
        if (invoice.status() == InvoiceStatus.PAID) {
            parts.add(DomainEvents.record(invoiceId + ".paid", "InvoicePaid", charge.orgId(), now,
                    "{\"invoiceId\":" + DomainEvents.jsonString(invoiceId)
                            + ",\"invoiceNumber\":" + DomainEvents.jsonString(number.value())
                            + ",\"currency\":" + DomainEvents.jsonString(invoice.currency())
                            + ",\"total\":" + invoice.total().amount() + ",\"creditsApplied\":"
                            + invoice.creditsApplied().amount() + ",\"amountPaid\":"
                            + invoice.amountPaid().amount() + "}"));
        }
        DynamoLedger.PreparedTransfer transfer = null;
        if (credit.isPositive()) {
            Transfer debit = new Transfer(transferId, charge.orgId(), TransferKind.INVOICE_PAYMENT, credit.negate(),
                    invoiceId, charge.actor(), "bare-metal invoice " + number.value());
            transfer = new DynamoLedger.PreparedTransfer(debit, account, LedgerRules.nextEntry(account, debit, now),
                    parts);
        }
        return new Prepared(Optional.empty(), new Issued(invoice, account.billingType(), false), parts, transfer);
    }

    /**
     * Writes a prepared charge (1 TransactWriteItems). Empty when something it read moved in between — the number
     * counter, the term marker (the same term charged meanwhile), the subscription, or the balance below the credit
     * decided: prepare again.
     */
    public Optional<Issued> commit(Prepared prepared) {
        if (prepared.replay().isPresent()) {
            return prepared.replay();
        }
        try {
            if (prepared.transfer() != null) {
                ledger.commit(prepared.transfer());
            } else {
                Transactions.write(dynamo, table, prepared.parts());
            }
            return Optional.of(prepared.result());
        } catch (Retry | InsufficientCreditException moved) {
            return Optional.empty();
        }
    }

    /** A first term needs a server without subscription; a renewal the active subscription at the term just ended. */
    private static void requireChargeable(BareMetalCharge charge, Optional<BareMetalSubscription> subscription) {
        if (!charge.renewal()) {
            if (subscription.isPresent()) {
                throw new StateConflictException("baremetal-subscription-exists", "This server already has a"
                        + " bare-metal subscription with a term starting at "
                        + subscription.get().currentTermStart() + "; its renewals are charged by billing.");
            }
            return;
        }
        if (subscription.isEmpty() || subscription.get().status() != BareMetalSubscription.Status.ACTIVE) {
            throw new StateConflictException("baremetal-subscription-cancelled", "The server's subscription was"
                    + " cancelled; its next term is not charged.");
        }
        if (!subscription.get().currentTermEnd().equals(charge.term().start())) {
            throw new ConcurrentUpdateException();
        }
    }

    private Issued replay(BareMetalCharge charge, Map<String, AttributeValue> marker,
                          Optional<Map<String, AttributeValue>> accountItem) {
        if (!charge.fingerprint().equals(Items.str(marker, "fingerprint"))) {
            throw new StateConflictException("baremetal-charge-mismatch", "This server's term starting at "
                    + charge.term().start() + " was already charged with a different org, SKU, price or term"
                    + " length; a retry must repeat the original request.");
        }
        String orgId = Items.str(marker, "orgId");
        Invoice invoice = invoice(orgId, Items.str(marker, "invoiceId")).orElseThrow(ConcurrentUpdateException::new);
        BillingType billingType = accountItem.map(AccountItems::fromItem).map(BillingAccount::billingType)
                .orElseThrow(AccountNotFoundException::new);
        return new Issued(invoice, billingType, true);
    }

    private TransactWriteItem subscriptionWrite(BareMetalCharge charge, Invoice invoice, Instant now) {
        if (!charge.renewal()) {
            return putNew(BareMetalItems.newSubscriptionItem(charge, invoice, calendar.zone(), now));
        }
        String serverId = charge.serverId();
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(BareMetalItems.subscriptionKey(serverId))
                .updateExpression("SET #start = :start, #end = :end, #months = :months, #listPrice = :listPrice,"
                        + " #terms = #terms + :one, #lastInvoice = :invoice, #updatedAt = :now,"
                        + " GSI2PK = :gsi2pk, GSI2SK = :gsi2sk")
                .conditionExpression("#status = :active AND #end = :start")
                .expressionAttributeNames(Map.of("#start", "currentTermStart", "#end", "currentTermEnd",
                        "#months", "termMonths", "#listPrice", "listPrice", "#terms", "termsCharged",
                        "#lastInvoice", "lastInvoiceId", "#updatedAt", "updatedAt", "#status", "status"))
                .expressionAttributeValues(Map.of(":start", Items.time(charge.term().start()),
                        ":end", Items.time(charge.term().end()), ":months", Items.n(charge.term().months()),
                        ":listPrice", Items.n(charge.listPrice().amount()), ":one", Items.n(1),
                        ":invoice", Items.s(invoice.id()), ":now", Items.time(now),
                        ":gsi2pk", Items.s(BareMetalItems.renewalGsi2Pk(
                                BareMetalItems.day(charge.term().end(), calendar.zone()), serverId)),
                        ":gsi2sk", Items.s(serverId),
                        ":active", Items.s(BareMetalSubscription.Status.ACTIVE.name())))
                .build()).build();
    }

    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(PK)").build()).build();
    }

    private static String termInvoicedDetail(BareMetalCharge charge, Invoice invoice, BillingType billingType) {
        return "{\"invoiceId\":" + DomainEvents.jsonString(invoice.id())
                + ",\"invoiceNumber\":" + DomainEvents.jsonString(invoice.number().value())
                + ",\"invoiceType\":\"BAREMETAL\",\"serverId\":" + DomainEvents.jsonString(charge.serverId())
                + ",\"sku\":" + DomainEvents.jsonString(charge.sku())
                + ",\"termStart\":\"" + Items.formatTime(charge.term().start()) + "\""
                + ",\"termEnd\":\"" + Items.formatTime(charge.term().end()) + "\""
                + ",\"termMonths\":" + charge.term().months() + ",\"renewal\":" + charge.renewal()
                + ",\"billingType\":\"" + billingType + "\""
                + ",\"currency\":" + DomainEvents.jsonString(invoice.currency())
                + ",\"subtotal\":" + invoice.subtotal().amount() + ",\"tax\":" + invoice.taxAmount().amount()
                + ",\"total\":" + invoice.total().amount() + ",\"creditsApplied\":"
                + invoice.creditsApplied().amount() + ",\"amountDue\":" + invoice.amountDue().amount()
                + ",\"status\":\"" + invoice.status() + "\",\"payment\":\"" + PaymentState.of(invoice) + "\"}";
    }

    @Override
    public Optional<Invoice> invoice(String orgId, String invoiceId) {
        return ConsistentReads.get(dynamo, table, InvoiceItems.key(orgId, invoiceId)).map(InvoiceItems::fromItem);
    }

    @Override
    public Optional<BareMetalSubscription> subscription(String serverId) {
        return ConsistentReads.get(dynamo, table, BareMetalItems.subscriptionKey(serverId))
                .map(BareMetalItems::fromItem);
    }

    /** One UpdateItem; cancelling again keeps the first cancellation's time. */
    @Override
    public Optional<BareMetalSubscription> cancel(String serverId, String actor, Instant at) {
        try {
            Map<String, AttributeValue> after = dynamo.updateItem(r -> r.tableName(table)
                    .key(BareMetalItems.subscriptionKey(serverId))
                    .updateExpression("SET #status = :cancelled, #cancelledAt = if_not_exists(#cancelledAt, :at),"
                            + " #cancelledBy = if_not_exists(#cancelledBy, :actor), #updatedAt = :at"
                            + " REMOVE GSI2PK, GSI2SK")
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeNames(Map.of("#status", "status", "#cancelledAt", "cancelledAt",
                            "#cancelledBy", "cancelledBy", "#updatedAt", "updatedAt"))
                    .expressionAttributeValues(Map.of(":cancelled",
                            Items.s(BareMetalSubscription.Status.CANCELLED.name()), ":at", Items.time(at),
                            ":actor", Items.s(actor)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(BareMetalItems.fromItem(after));
        } catch (ConditionalCheckFailedException unknownServer) {
            return Optional.empty();
        }
    }

    /** Query GSI1 {@code ORG#{org}#BAREMETAL}, all pages. */
    @Override
    public List<BareMetalSubscription> subscriptions(String orgId) {
        return IndexQueries.all(dynamo, table, Keys.GSI1, Keys.GSI1PK, BareMetalItems.orgServersGsi1Pk(orgId)).stream()
                .map(BareMetalItems::fromItem).toList();
    }

    /** 16 Queries of GSI2 {@code BAREMETAL-RENEWAL#{day}#{shard}}. */
    @Override
    public List<BareMetalSubscription> renewalsDue(LocalDate day) {
        return IndexQueries.gsi2Shards(dynamo, table, BareMetalItems.RENEWAL_SHARDS,
                shard -> BareMetalItems.renewalGsi2Pk(day, shard)).stream().map(BareMetalItems::fromItem).toList();
    }
}
