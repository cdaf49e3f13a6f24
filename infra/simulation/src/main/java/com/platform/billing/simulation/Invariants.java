package com.platform.billing.simulation;

import com.platform.billing.domain.LedgerEntry;
import com.platform.billing.domain.invoice.AppliedPayment;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.domain.invoice.InvoiceType;
import com.platform.billing.domain.payment.PaymentStatus;
import com.platform.billing.domain.topup.PaymentOrder;
import com.platform.billing.dynamodb.AccountItems;
import com.platform.billing.dynamodb.EntryItems;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import com.platform.billing.dynamodb.LedgerAuditor;
import com.platform.billing.dynamodb.invoice.InvoiceItems;
import com.platform.billing.dynamodb.topup.PaymentOrderItems;
import com.platform.billing.dynamodb.voucher.VoucherItems;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The invariants, read from the table through a client without faults and compared with the {@link Model}:
 * <ul>
 *   <li>per org: balance = Σ entries, entry sequence 1..version without gaps, every transfer id once (no order,
 *       voucher redemption, invoice deduction or adjustment applied twice), and balance = the model's credit (paid
 *       top-ups + vouchers + adjustments + surpluses − invoice deductions);</li>
 *   <li>per invoice: payments ≤ total, stored amount due = total − payments, PAID ⇒ payments = total; one USAGE
 *       invoice per (org, period) with the model's total and credit applied; card payments never more than the
 *       gateway collected for that invoice (equal at the end); every status only moved forward;</li>
 *   <li>per order: status only moved forward, PAID when the model credited it;</li>
 *   <li>per voucher (at the end): redemptions = the model's, within the total and per-org limits;</li>
 *   <li>at the end: {@link LedgerAuditor} clean; no card-charge attempt id sent to the gateway twice.</li>
 * </ul>
 */
final class Invariants {

    record IssuedInvoice(String id, long total) {
    }

    private static final Map<InvoiceStatus, Set<InvoiceStatus>> INVOICE_MOVES = Map.of(
            InvoiceStatus.OPEN, EnumSet.of(InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.PAST_DUE, InvoiceStatus.PAID,
                    InvoiceStatus.VOID),
            InvoiceStatus.PARTIALLY_PAID, EnumSet.of(InvoiceStatus.PAST_DUE, InvoiceStatus.PAID),
            // a past-due invoice can still be paid, in full or in part
            InvoiceStatus.PAST_DUE, EnumSet.of(InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.PAID),
            // a void top-up invoice is paid when its order's money arrives late
            InvoiceStatus.VOID, EnumSet.of(InvoiceStatus.PAID),
            InvoiceStatus.PAID, EnumSet.noneOf(InvoiceStatus.class));

    private final DynamoDbClient dynamo;
    private final String table;
    private final Model model;
    private final SimGateway gateway;
    private final Function<String, RuntimeException> violation;

    Invariants(DynamoDbClient dynamo, String table, Model model, SimGateway gateway,
               Function<String, RuntimeException> violation) {
        this.dynamo = dynamo;
        this.table = table;
        this.model = model;
        this.gateway = gateway;
        this.violation = violation;
    }

    /** The USAGE invoice of (org, period), or null; more than one is a violation. */
    IssuedInvoice usageInvoice(Model.Org org, YearMonth period) {
        IssuedInvoice found = null;
        for (Map<String, AttributeValue> item : partition(org.id)) {
            if (InvoiceItems.TYPE.equals(Items.str(item, Keys.TYPE))
                    && InvoiceType.USAGE.name().equals(Items.str(item, "invoiceType"))
                    && period.toString().equals(strOrNull(item, "period"))) {
                expect(found == null, "two USAGE invoices for " + org.id + " and " + period);
                Invoice invoice = InvoiceItems.fromItem(item);
                found = new IssuedInvoice(invoice.id(), invoice.total().amount());
            }
        }
        return found;
    }

    void checkOrgs(List<Model.Org> orgs, boolean end) {
        for (Model.Org org : new LinkedHashSet<>(orgs)) {
            checkOrg(org, end);
        }
    }

    void checkOrders(List<Model.Order> orders) {
        for (Model.Order order : new LinkedHashSet<>(orders)) {
            Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                    .key(PaymentOrderItems.key(order.id)).consistentRead(true)).item();
            expect(item != null && !item.isEmpty(), "payment order " + order.id + " is gone");
            PaymentOrder stored = PaymentOrderItems.fromItem(item);
            PaymentStatus before = model.orderStates.get(order.id);
            if (before != null && before != stored.status()) {
                expect(PaymentOrder.canMove(before, stored.status()), "order " + order.id + " moved from " + before
                        + " back to " + stored.status());
            }
            model.orderStates.put(order.id, stored.status());
            if (order.creditedPaid) {
                expect(stored.wasPaid(), "order " + order.id + " was paid but is " + stored.status());
            }
        }
    }

    void checkEverything() {
        checkOrgs(model.orgs, true);
        checkOrders(model.orders);
        for (Model.Voucher voucher : model.vouchers) {
            Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                    .key(VoucherItems.voucherKey(voucher.id)).consistentRead(true)).item();
            expect(item != null && !item.isEmpty(), "voucher " + voucher.code + " is gone");
            long redeemed = VoucherItems.fromItem(item).redeemedCount();
            expect(redeemed == voucher.redeemed && redeemed <= voucher.totalLimit, "voucher " + voucher.code
                    + " counts " + redeemed + " redemptions, the model " + voucher.redeemed + ", limit "
                    + voucher.totalLimit);
            for (Model.Org org : model.orgs) {
                Map<String, AttributeValue> usage = dynamo.getItem(r -> r.tableName(table)
                        .key(VoucherItems.orgUsageKey(voucher.id, org.id)).consistentRead(true)).item();
                int byOrg = usage == null || usage.isEmpty() ? 0 : VoucherItems.orgRedemptions(usage);
                expect(byOrg == voucher.of(org.id) && byOrg <= voucher.perOrgLimit, "voucher " + voucher.code
                        + " counts " + byOrg + " redemptions by " + org.id + ", the model " + voucher.of(org.id)
                        + ", limit " + voucher.perOrgLimit);
            }
        }
        expect(gateway.duplicateAttempts().isEmpty(), "card-charge attempt ids sent twice: "
                + gateway.duplicateAttempts());
        LedgerAuditor.Report report = new LedgerAuditor(dynamo, table).audit();
        expect(report.clean(), "ledger auditor: " + report.differences());
        expect(report.accounts() == model.orgs.size(), "the auditor found " + report.accounts() + " accounts, the"
                + " model has " + model.orgs.size());
    }

    private void checkOrg(Model.Org org, boolean end) {
        List<Map<String, AttributeValue>> items = partition(org.id);
        long balance = Long.MIN_VALUE;
        long version = -1;
        long sum = 0;
        long sequence = 0;
        Set<String> transfers = new HashSet<>();
        Map<YearMonth, Integer> usageInvoices = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : items) {
            String type = Items.str(item, Keys.TYPE);
            if (AccountItems.TYPE.equals(type)) {
                var account = AccountItems.fromItem(item);
                balance = account.balance().amount();
                version = account.version();
            } else if (EntryItems.ENTRY_TYPE.equals(type)) {
                LedgerEntry entry = EntryItems.fromItem(item);
                sequence++;
                expect(entry.sequence() == sequence, org.id + ": entry " + entry.sequence() + " where " + sequence
                        + " was expected");
                sum = Math.addExact(sum, entry.amount().amount());
                expect(entry.balanceAfter().amount() == sum, org.id + ": entry " + sequence + " says balance "
                        + entry.balanceAfter().amount() + ", entries sum to " + sum);
                expect(transfers.add(entry.transferId().value()), org.id + ": transfer " + entry.transferId()
                        + " applied twice");
            } else if (InvoiceItems.TYPE.equals(type)) {
                Invoice invoice;
                try {
                    invoice = InvoiceItems.fromItem(item);
                } catch (IllegalArgumentException unreadable) {
                    throw violation.apply(org.id + ": invoice " + Items.str(item, "invoiceId") + " is inconsistent: "
                            + unreadable.getMessage());
                }
                checkInvoice(org, invoice, Items.num(item, "amountDue"), end);
                if (invoice.type() == InvoiceType.USAGE) {
                    usageInvoices.merge(invoice.period(), 1, Integer::sum);
                }
            }
        }
        expect(balance != Long.MIN_VALUE, org.id + " has no account");
        expect(balance == sum, org.id + ": balance " + balance + " but entries sum to " + sum);
        expect(version == sequence, org.id + ": version " + version + " but " + sequence + " entries");
        expect(balance == org.expectedCredit(), org.id + ": balance " + balance + ", the model expects "
                + org.expectedCredit() + " (adjustments " + org.adjustments + " + top-ups " + org.topUps
                + " + vouchers " + org.vouchers + " + surpluses " + org.surpluses + " − invoice deductions "
                + org.deductions + ")");
        usageInvoices.forEach((period, count) -> expect(count == 1, org.id + ": " + count + " USAGE invoices for "
                + period));
        for (YearMonth period : org.invoicedPeriods) {
            expect(usageInvoices.getOrDefault(period, 0) == 1, org.id + ": the USAGE invoice for " + period
                    + " is missing");
        }
    }

    private void checkInvoice(Model.Org org, Invoice invoice, long storedDue, boolean end) {
        long total = invoice.total().amount();
        long paid = 0;
        long credit = 0;
        long card = 0;
        for (AppliedPayment payment : invoice.payments()) {
            paid += payment.amount().amount();
            if (payment.source() == AppliedPayment.Source.CREDIT) {
                credit += payment.amount().amount();
            } else if (payment.source() == AppliedPayment.Source.CARD) {
                card += payment.amount().amount();
            }
        }
        String name = org.id + ": invoice " + invoice.id() + " (" + invoice.type() + ", " + invoice.status() + ")";
        expect(paid <= total, name + " has payments " + paid + " over its total " + total);
        long due = invoice.status() == InvoiceStatus.VOID ? 0 : total - paid;
        expect(storedDue == due, name + " stores amount due " + storedDue + " but " + due + " is due");
        if (invoice.status() == InvoiceStatus.PAID) {
            expect(paid == total, name + " is PAID with payments " + paid + " of its total " + total);
        }
        InvoiceStatus before = model.invoiceStates.get(invoice.id());
        if (before != null && before != invoice.status()) {
            expect(INVOICE_MOVES.get(before).contains(invoice.status()), name + " moved back from " + before);
        }
        model.invoiceStates.put(invoice.id(), invoice.status());
        Model.Invoice expected = model.invoicesById.get(invoice.id());
        if (expected != null) {
            expect(total == expected.total, name + " totals " + total + ", the model rated the usage at "
                    + expected.total);
            expect(credit == expected.creditApplied, name + " took " + credit + " from credit, the model expects "
                    + expected.creditApplied);
            if (org.prepaid) {
                expect(storedDue == expected.due, name + " has " + storedDue + " due, the model expects "
                        + expected.due);
            }
        }
        long collected = gateway.charges().values().stream()
                .filter(c -> c.collected() && c.attemptId().startsWith(invoice.id() + "-a"))
                .mapToLong(SimGateway.Charge::amount).sum();
        long collections = gateway.charges().values().stream()
                .filter(c -> c.collected() && c.attemptId().startsWith(invoice.id() + "-a")).count();
        expect(collections <= 1, name + " was collected " + collections + " times by card");
        expect(card <= collected, name + " records " + card + " paid by card, the gateway collected " + collected);
        if (end) {
            expect(card == collected, name + " records " + card + " paid by card, the gateway collected "
                    + collected);
        }
    }

    private List<Map<String, AttributeValue>> partition(String orgId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", Items.s(Keys.orgPk(orgId))));
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(query.build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private static String strOrNull(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private void expect(boolean holds, String message) {
        if (!holds) {
            throw violation.apply(message);
        }
    }
}
