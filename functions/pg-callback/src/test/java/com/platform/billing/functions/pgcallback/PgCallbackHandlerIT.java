package com.platform.billing.functions.pgcallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Dependencies;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.TableSnapshot;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.LedgerEntry;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.Transfer;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.TransferKind;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceLine;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.domain.invoice.InvoiceType;
import com.platform.billing.domain.invoice.TaxRule;
import com.platform.billing.domain.payment.GatewayNotification;
import com.platform.billing.domain.payment.GatewayStatus;
import com.platform.billing.domain.payment.PaymentStatus;
import com.platform.billing.domain.topup.InvoicePayment;
import com.platform.billing.domain.topup.PaymentOrder;
import com.platform.billing.domain.topup.PaymentOrderStore;
import com.platform.billing.domain.topup.TopUpInquiry;
import com.platform.billing.domain.topup.TopUpSettings;
import com.platform.billing.dynamodb.DynamoAccountStore;
import com.platform.billing.dynamodb.DynamoLedger;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import com.platform.billing.dynamodb.LedgerAuditor;
import com.platform.billing.dynamodb.invoice.DynamoInvoiceStore;
import com.platform.billing.dynamodb.invoice.InvoiceItems;
import com.platform.billing.dynamodb.invoice.InvoiceNumbers;
import com.platform.billing.dynamodb.topup.DynamoPaymentOrderStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgCallbackHandlerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");
    private static final AtomicInteger ORGS = new AtomicInteger();

    private final LedgerTable table;
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final TestGateway gateway = new TestGateway(clock);
    private final PgCallbackHandler handler;
    private final DynamoPaymentOrderStore orders;
    private final DynamoInvoiceStore invoices;
    private final DynamoAccountStore accounts;
    private final DynamoLedger ledger;
    private final TopUpInquiry topUps;
    private final InvoicePayment invoicePayments;
    private String org;

    PgCallbackHandlerIT(LedgerTable table) {
        this.table = table;
        Dependencies deps = Dependencies.of(table.dynamo(), table.name(), clock);
        this.handler = new PgCallbackHandler(deps, gateway, null);
        this.orders = new DynamoPaymentOrderStore(table.dynamo(), table.name(), clock, BillingCalendar.platform());
        this.invoices = new DynamoInvoiceStore(table.dynamo(), table.name());
        this.accounts = new DynamoAccountStore(table.dynamo(), table.name());
        this.ledger = new DynamoLedger(table.dynamo(), table.name(), clock);
        this.topUps = new TopUpInquiry(orders, gateway, TopUpSettings.defaults(), clock);
        this.invoicePayments = new InvoicePayment(orders, gateway, TopUpSettings.defaults(), clock);
    }

    @BeforeEach
    void openAccount() {
        org = "org-" + ORGS.incrementAndGet();
        accounts.createIfAbsent(BillingAccount.open(org, BillingType.PREPAID, "IDR", NOW));
        gateway.statusApi = id -> Optional.empty();
    }

    /** Every scenario above leaves its own org; after all of them, every balance equals the sum of its entries. */
    @AfterAll
    void auditorFindsNoDifference() {
        LedgerAuditor.Report report = new LedgerAuditor(table.dynamo(), table.name()).audit();
        assertTrue(report.clean(), report.differences().toString());
        assertTrue(report.accounts() >= 20, "the audit covered every scenario's org: " + report.accounts());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A PENDING top-up of 100,000 credit (111,000 with VAT), made through the real inquiry use case. */
    private PaymentOrder topUp() {
        return topUps.inquire(org, 100_000, null, null, "user-1").order();
    }

    /** The sandbox's notification body (SANDBOX.md), signed here independently of the code under test. */
    private static String notification(String orderId, String status, long amount) {
        ObjectNode body = JSON.createObjectNode();
        body.put("order_id", orderId);
        body.put("status", status);
        body.put("amount", amount);
        body.put("currency", "IDR");
        body.put("transaction_id", "sbx-tx-" + orderId.hashCode());
        body.put("reference_number", "SBX" + Math.abs(orderId.hashCode()));
        body.put("payment_method", "bank_transfer");
        body.put("occurred_at", NOW.toString());
        return body.toString();
    }

    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private APIGatewayV2HTTPResponse deliver(String body) {
        return deliver(body, sign(TestGateway.SECRET, body));
    }

    private APIGatewayV2HTTPResponse deliver(String body, String signature) {
        HttpEvents event = HttpEvents.route("POST", "/pg/{provider}/notifications", Map.of("provider", "sandbox"))
                .withoutAuthorizer().header("content-type", "application/json").body(body);
        if (signature != null) {
            event.header("X-Sandbox-Signature", signature);
        }
        return handler.handleRequest(event.build(), null);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    private static void assertOk(APIGatewayV2HTTPResponse response, String outcome) throws Exception {
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(outcome, body(response).path("outcome").asText(), response.getBody());
    }

    private static void assertProblem(APIGatewayV2HTTPResponse response, int status, String code) throws Exception {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        assertEquals("urn:problem-type:billing:" + code, body(response).path("type").asText(), response.getBody());
        assertFalse(response.getBody().contains("Exception"));
    }

    private long balance() {
        return accounts.find(org).orElseThrow().balance().amount();
    }

    private List<LedgerEntry> entries() {
        return ledger.entries(org, null, 100).items();
    }

    private PaymentOrder order(String id) {
        return orders.find(id).orElseThrow();
    }

    private Invoice invoiceOf(PaymentOrder order) {
        return invoices.find(order.orgId(), order.invoiceId()).orElseThrow();
    }

    private Optional<Map<String, AttributeValue>> event(String eventId) {
        Map<String, AttributeValue> item = table.dynamo().getItem(r -> r.tableName(table.name())
                .key(Items.key(Keys.eventPk(eventId), Keys.eventSk()))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private int unappliedKept() {
        return table.dynamo().query(r -> r.tableName(table.name()).indexName(Keys.GSI1)
                .keyConditionExpression("GSI1PK = :pk").expressionAttributeValues(Map.of(":pk",
                        Items.s(Keys.unappliedNotificationsGsi1Pk("sandbox", NOW.atZone(ZoneOffset.UTC)
                                .toLocalDate()))))).count();
    }

    // ------------------------------------------------------------------------------------------------ paid

    @Test
    void paid_creditsOnceAndPaysTheInvoiceInOneTransaction() throws Exception {
        PaymentOrder order = topUp();
        table.counter().reset();

        assertOk(deliver(notification(order.id(), "PAID", 111_000)), "APPLIED");

        assertEquals(Map.of("BatchGetItem", 1L, "TransactWriteItems", 1L), table.counter().requests(),
                "pg_callback: one read, one transaction");
        assertEquals(100_000, balance(), "the credit is the invoice subtotal; the VAT is not credit");
        List<LedgerEntry> entries = entries();
        assertEquals(1, entries.size());
        assertEquals(TransferId.of("topup", order.id()), entries.getFirst().transferId());
        assertEquals(TransferKind.TOPUP, entries.getFirst().kind());
        PaymentOrder paid = order(order.id());
        assertEquals(PaymentStatus.PAID, paid.status());
        assertEquals("SBX" + Math.abs(order.id().hashCode()), paid.referenceNumber());
        assertEquals("sbx-tx-" + order.id().hashCode(), paid.transactionId());
        assertEquals("bank_transfer", paid.paidMethod());
        assertFalse(paid.paidLate());
        Invoice invoice = invoiceOf(order);
        assertEquals(InvoiceStatus.PAID, invoice.status());
        assertEquals(Money.of(0, "IDR"), invoice.amountDue());
        assertEquals(Money.of(111_000, "IDR"), invoice.amountPaid());
        assertEquals("TopUpPaid", event(order.id() + ".paid").orElseThrow().get("eventType").s());
    }

    @Test
    void paid_whenDeliveredTwiceInARow_secondAnswers200AndChangesNothing() throws Exception {
        PaymentOrder order = topUp();
        String body = notification(order.id(), "PAID", 111_000);
        assertOk(deliver(body), "APPLIED");
        TableSnapshot before = TableSnapshot.of(table);

        assertOk(deliver(body), "UNCHANGED");

        assertEquals(before, TableSnapshot.of(table));
        assertEquals(100_000, balance());
    }

    @Test
    void paid_whenTwoDeliveriesInterleaveAfterBothRead_creditsExactlyOnce() {
        PaymentOrder order = topUp();
        GatewayNotification paid = gateway.authenticateNotification(Map.of("x-sandbox-signature",
                sign(TestGateway.SECRET, notification(order.id(), "PAID", 111_000))),
                notification(order.id(), "PAID", 111_000));
        // Both deliveries pass their reads (order PENDING, same account version) before either writes.
        PaymentOrderStore.CallbackRead first = orders.findForCallback(order.id()).orElseThrow();
        PaymentOrderStore.CallbackRead second = orders.findForCallback(order.id()).orElseThrow();
        assertEquals(first, second);

        assertTrue(orders.settlePaid(first, paid, false, NOW));
        assertFalse(orders.settlePaid(second, paid, false, NOW), "the second is recognised as already applied");

        assertEquals(100_000, balance());
        assertEquals(1, entries().size());
        assertEquals(InvoiceStatus.PAID, invoiceOf(order).status());
    }

    @Test
    void paid_whenOtherMoneyMovedBetweenReadAndWrite_creditsOnTheNewBalance() {
        PaymentOrder order = topUp();
        String body = notification(order.id(), "PAID", 111_000);
        GatewayNotification paid = gateway.authenticateNotification(Map.of("x-sandbox-signature",
                sign(TestGateway.SECRET, body)), body);
        PaymentOrderStore.CallbackRead read = orders.findForCallback(order.id()).orElseThrow();
        ledger.apply(new Transfer(TransferId.of("adjustment", org, "k1"), org, TransferKind.ADJUSTMENT,
                Money.of(5_000, "IDR"), "", "admin-1", "goodwill"));

        assertTrue(orders.settlePaid(read, paid, false, NOW));

        assertEquals(105_000, balance());
        assertEquals(2, entries().size());
    }

    // ------------------------------------------------------------------------------------------------ refusals

    @Test
    void forgedOrMissingSignature_is401AndWritesNothing() throws Exception {
        PaymentOrder order = topUp();
        String body = notification(order.id(), "PAID", 111_000);
        TableSnapshot before = TableSnapshot.of(table);

        assertProblem(deliver(body, null), 401, "callback-unauthenticated");
        assertProblem(deliver(body, "00".repeat(32)), 401, "callback-unauthenticated");
        assertProblem(deliver(body, "not-hex"), 401, "callback-unauthenticated");
        // Signed with the wrong key (a wrong token): as good as forged.
        assertProblem(deliver(body, sign("another-secret", body)), 401, "callback-unauthenticated");

        assertEquals(before, TableSnapshot.of(table));
        assertEquals(0, balance());
    }

    @Test
    void tamperedAmount_afterSigning_is401_andSignedButWrong_is422KeptAndNothingCredited() throws Exception {
        PaymentOrder order = topUp();
        String signedBody = notification(order.id(), "PAID", 111_000);
        String tampered = signedBody.replace("111000", "999000");
        assertProblem(deliver(tampered, sign(TestGateway.SECRET, signedBody)), 401, "callback-unauthenticated");

        int kept = unappliedKept();
        assertProblem(deliver(notification(order.id(), "PAID", 11_100)), 422, "payment-mismatch");
        String otherCurrency = notification(order.id(), "PAID", 111_000).replace("\"IDR\"", "\"USD\"");
        assertProblem(deliver(otherCurrency), 422, "payment-mismatch");

        assertEquals(kept + 2, unappliedKept(), "mismatched notifications are kept for reconciliation");
        assertEquals(0, balance());
        assertEquals(PaymentStatus.PENDING, order(order.id()).status());
        assertEquals(InvoiceStatus.OPEN, invoiceOf(order).status());
    }

    @Test
    void anotherOrgsOrderId_swappedIntoASignedNotification_is401AndCreditsNoOne() throws Exception {
        PaymentOrder mine = topUp();
        String myOrg = org;
        openAccount();
        PaymentOrder theirs = topUp();
        String signed = notification(mine.id(), "PAID", 111_000);
        String swapped = signed.replace(mine.id(), theirs.id());

        assertProblem(deliver(swapped, sign(TestGateway.SECRET, signed)), 401, "callback-unauthenticated");
        // An order id whose org part was changed names no order of ours.
        String forgedPrefix = myOrg + theirs.id().substring(theirs.id().indexOf('~'));
        assertProblem(deliver(notification(forgedPrefix, "PAID", 111_000)), 404, "unknown-order");

        assertEquals(0, balance());
        assertEquals(0, accounts.find(myOrg).orElseThrow().balance().amount());
        assertEquals(PaymentStatus.PENDING, order(theirs.id()).status());
    }

    @Test
    void unknownOrder_is404AndTheRawNotificationIsKept() throws Exception {
        int kept = unappliedKept();
        TableSnapshot before = TableSnapshot.of(table);

        assertProblem(deliver(notification(org + "~AAAAAAAAAAAAA", "PAID", 111_000)), 404, "unknown-order");
        assertProblem(deliver(notification("no-such-order", "PAID", 111_000)), 404, "unknown-order");

        assertEquals(kept + 2, unappliedKept());
        List<Map<String, AttributeValue>> added = TableSnapshot.of(table).items().stream()
                .filter(i -> !before.items().contains(i)).toList();
        assertEquals(2, added.size(), "only the kept notifications were written");
        added.forEach(item -> assertTrue(item.containsKey(Keys.TTL), "kept with a TTL"));
    }

    @Test
    void malformedBody_is400_andUnknownProvider_is404() throws Exception {
        assertProblem(deliver("{not json"), 400, "malformed-request");
        assertProblem(deliver("{\"order_id\": \"x\"}"), 400, "malformed-request");
        String body = notification("x", "PAID", 1);
        APIGatewayV2HTTPResponse other = handler.handleRequest(HttpEvents.route("POST",
                "/pg/{provider}/notifications", Map.of("provider", "midtrans")).withoutAuthorizer()
                .header("x-sandbox-signature", sign(TestGateway.SECRET, body)).body(body).build(), null);
        assertProblem(other, 404, "not-found");
    }

    // ------------------------------------------------------------------------------------------------ states

    @Test
    void failed_thenDuplicates_thenLatePaid_creditsTheLatePaymentOnce() throws Exception {
        PaymentOrder order = topUp();
        assertOk(deliver(notification(order.id(), "FAILED", 111_000)), "APPLIED");
        assertEquals(PaymentStatus.FAILED, order(order.id()).status());
        assertEquals(InvoiceStatus.VOID, invoiceOf(order).status());
        assertEquals("PaymentFailed", event(order.id() + ".ended").orElseThrow().get("eventType").s());
        TableSnapshot failed = TableSnapshot.of(table);

        // A callback for an order that is already FAILED: a repeated failure or an expiry changes nothing...
        assertOk(deliver(notification(order.id(), "FAILED", 111_000)), "UNCHANGED");
        assertOk(deliver(notification(order.id(), "EXPIRED", 111_000)), "UNCHANGED");
        assertEquals(failed, TableSnapshot.of(table));

        // ...but money that arrives anyway (the customer paid with another method) is credited, and marked late.
        assertOk(deliver(notification(order.id(), "PAID", 111_000)), "APPLIED");
        PaymentOrder paid = order(order.id());
        assertEquals(PaymentStatus.PAID, paid.status());
        assertTrue(paid.paidLate());
        assertEquals(InvoiceStatus.PAID, invoiceOf(order).status());
        assertEquals(100_000, balance());
    }

    @Test
    void expired_afterPaid_changesNothing() throws Exception {
        PaymentOrder order = topUp();
        assertOk(deliver(notification(order.id(), "PAID", 111_000)), "APPLIED");
        TableSnapshot paid = TableSnapshot.of(table);

        assertOk(deliver(notification(order.id(), "EXPIRED", 111_000)), "UNCHANGED");
        assertOk(deliver(notification(order.id(), "FAILED", 111_000)), "UNCHANGED");

        assertEquals(paid, TableSnapshot.of(table));
    }

    @Test
    void paid_afterOurOwnExpiry_isCreditedAndMarkedLate() throws Exception {
        PaymentOrder order = topUp();
        Clock later = Clock.fixed(order.expiresAt().plusSeconds(60), ZoneOffset.UTC);
        PgCallbackHandler lateHandler = new PgCallbackHandler(Dependencies.of(table.dynamo(), table.name(), later),
                gateway, null);
        String body = notification(order.id(), "PAID", 111_000);

        APIGatewayV2HTTPResponse response = lateHandler.handleRequest(HttpEvents.route("POST",
                "/pg/{provider}/notifications", Map.of("provider", "sandbox")).withoutAuthorizer()
                .header("x-sandbox-signature", sign(TestGateway.SECRET, body)).body(body).build(), null);

        assertOk(response, "APPLIED");
        assertTrue(order(order.id()).paidLate());
        assertEquals(100_000, balance());
    }

    @Test
    void statusApi_whenItDoesNotConfirm_is409AndNothingApplied_whenItConfirms_credits() throws Exception {
        PaymentOrder order = topUp();
        String body = notification(order.id(), "PAID", 111_000);
        gateway.statusApi = id -> Optional.of(new GatewayStatus(id, PaymentStatus.PENDING, "pending",
                Money.of(111_000, "IDR"), null));
        assertProblem(deliver(body), 409, "payment-not-confirmed");
        gateway.statusApi = id -> Optional.of(new GatewayStatus(id, PaymentStatus.PAID, "settlement",
                Money.of(1_000, "IDR"), "tx"));
        assertProblem(deliver(body), 422, "payment-mismatch");
        assertEquals(0, balance());

        gateway.statusApi = id -> Optional.of(new GatewayStatus(id, PaymentStatus.PAID, "settlement",
                Money.of(111_000, "IDR"), "tx"));
        assertOk(deliver(body), "APPLIED");
        assertEquals(100_000, balance());
    }

    // ------------------------------------------------------------------------------------------------ reversals

    @Test
    void refund_afterPayment_debitsTheCreditBackAndVoidsTheTopUpInvoice() throws Exception {
        PaymentOrder order = topUp();
        assertOk(deliver(notification(order.id(), "PAID", 111_000)), "APPLIED");

        assertOk(deliver(notification(order.id(), "REFUNDED", 111_000)), "APPLIED");

        assertEquals(0, balance());
        LedgerEntry reversal = entries().getFirst();
        assertEquals(TransferId.of("reversal", order.id()), reversal.transferId());
        assertEquals(TransferKind.PAYMENT_REVERSAL, reversal.kind());
        assertEquals(-100_000, reversal.amount().amount());
        PaymentOrder refunded = order(order.id());
        assertEquals(PaymentStatus.REFUNDED, refunded.status());
        assertEquals(Money.of(100_000, "IDR"), refunded.reversedAmount());
        assertEquals(Money.of(0, "IDR"), refunded.reversalShortfall());
        assertEquals(InvoiceStatus.VOID, invoiceOf(order).status());
        assertTrue(event(order.id() + ".reversed.refunded").isPresent());

        TableSnapshot after = TableSnapshot.of(table);
        assertOk(deliver(notification(order.id(), "REFUNDED", 111_000)), "UNCHANGED");
        assertOk(deliver(notification(order.id(), "PAID", 111_000)), "UNCHANGED");
        assertEquals(after, TableSnapshot.of(table));
    }

    @Test
    void refund_whenPrepaidCreditWasSpent_debitsWhatIsLeftAndRecordsTheShortfall() throws Exception {
        PaymentOrder order = topUp();
        assertOk(deliver(notification(order.id(), "PAID", 111_000)), "APPLIED");
        ledger.apply(new Transfer(TransferId.of("adjustment", org, "spent"), org, TransferKind.ADJUSTMENT,
                Money.of(-70_000, "IDR"), "", "admin-1", "usage"));

        assertOk(deliver(notification(order.id(), "REFUNDED", 111_000)), "APPLIED");

        assertEquals(0, balance(), "a prepaid balance never goes negative");
        PaymentOrder refunded = order(order.id());
        assertEquals(Money.of(30_000, "IDR"), refunded.reversedAmount());
        assertEquals(Money.of(70_000, "IDR"), refunded.reversalShortfall());
        Map<String, AttributeValue> event = event(order.id() + ".reversed.refunded").orElseThrow();
        JsonNode detail = JSON.readTree(event.get("detail").s());
        assertEquals(70_000, detail.path("shortfall").asLong());
        assertTrue(detail.path("needsReview").asBoolean());
    }

    @Test
    void chargeback_whenPostpaid_debitsInFullEvenBelowZero() throws Exception {
        org = "org-post-" + ORGS.incrementAndGet();
        accounts.createIfAbsent(BillingAccount.open(org, BillingType.POSTPAID, "IDR", NOW));
        PaymentOrder order = topUp();
        assertOk(deliver(notification(order.id(), "PAID", 111_000)), "APPLIED");
        ledger.apply(new Transfer(TransferId.of("adjustment", org, "spent"), org, TransferKind.ADJUSTMENT,
                Money.of(-70_000, "IDR"), "", "admin-1", "usage"));

        assertOk(deliver(notification(order.id(), "REFUNDED", 111_000)), "APPLIED");

        assertEquals(-70_000, balance());
        assertEquals(Money.of(0, "IDR"), order(order.id()).reversalShortfall());
    }

    @Test
    void refund_beforeThePaymentWasSeen_is409SoTheGatewayRetries() throws Exception {
        PaymentOrder order = topUp();
        TableSnapshot before = TableSnapshot.of(table);
        assertProblem(deliver(notification(order.id(), "REFUNDED", 111_000)), 409, "payment-not-settled");
        assertEquals(before, TableSnapshot.of(table));
    }

    // ------------------------------------------------------------------------------------------------ invoices

    private Invoice usageInvoice(long subtotal) {
        var tax = TaxRule.indonesianVat().onNetSubtotal(Money.of(subtotal, "IDR"));
        Invoice invoice = Invoice.draft("inv-" + org, org, InvoiceType.USAGE,
                List.of(InvoiceLine.single("Compute", "hour", Money.of(subtotal, "IDR"))), tax,
                YearMonth.of(2026, 10), "", NOW, NOW.plusSeconds(14 * 86_400))
                .withNumber(new InvoiceNumbers(table.dynamo(), table.name()).reserve(YearMonth.of(2026, 11), 1));
        table.dynamo().putItem(r -> r.tableName(table.name()).item(InvoiceItems.toItem(invoice)));
        return invoice;
    }

    @Test
    void invoicePayment_whenDue20000_pays50000_invoicePaid_30000Credited_inOneTransaction() throws Exception {
        Invoice invoice = usageInvoice(18_018); // 18,018 + 11% = 20,000 due
        PaymentOrder order = invoicePayments.pay(org, invoice.id(), null, null, "user-1").order();
        assertEquals(Money.of(50_000, "IDR"), order.total());
        table.counter().reset();

        assertOk(deliver(notification(order.id(), "PAID", 50_000)), "APPLIED");

        assertEquals(Map.of("BatchGetItem", 1L, "TransactWriteItems", 1L), table.counter().requests());
        Invoice paid = invoices.find(org, invoice.id()).orElseThrow();
        assertEquals(InvoiceStatus.PAID, paid.status());
        assertEquals(Money.of(20_000, "IDR"), paid.amountPaid());
        assertEquals(Money.of(0, "IDR"), paid.amountDue());
        assertEquals(null, paid.pendingOrderId());
        assertEquals(30_000, balance());
        LedgerEntry surplus = entries().getFirst();
        assertEquals(TransferId.of("surplus", order.id()), surplus.transferId());
        assertEquals(TransferKind.PAYMENT_SURPLUS, surplus.kind());
        assertEquals("InvoicePaid", event(order.id() + ".paid").orElseThrow().get("eventType").s());
        assertOk(deliver(notification(order.id(), "PAID", 50_000)), "UNCHANGED");
        assertEquals(30_000, balance());
    }

    @Test
    void invoicePayment_withoutSurplus_paysTheInvoiceAndCreditsNothing() throws Exception {
        Invoice invoice = usageInvoice(100_000);
        PaymentOrder order = invoicePayments.pay(org, invoice.id(), null, null, "user-1").order();

        assertOk(deliver(notification(order.id(), "PAID", 111_000)), "APPLIED");

        assertEquals(InvoiceStatus.PAID, invoices.find(org, invoice.id()).orElseThrow().status());
        assertEquals(0, balance());
        assertTrue(entries().isEmpty());
    }

    @Test
    void invoicePayment_whenTheInvoiceWasPaidMeanwhile_theWholePaymentIsCredited() throws Exception {
        Invoice invoice = usageInvoice(18_018);
        PaymentOrder first = invoicePayments.pay(org, invoice.id(), null, null, "user-1").order();
        // The first order expires unpaid (its pending mark lapses); a second payment pays the invoice...
        assertOk(deliver(notification(first.id(), "EXPIRED", 50_000)), "APPLIED");
        assertEquals(null, invoices.find(org, invoice.id()).orElseThrow().pendingOrderId());
        PaymentOrder second = invoicePayments.pay(org, invoice.id(), null, null, "user-1").order();
        assertOk(deliver(notification(second.id(), "PAID", 50_000)), "APPLIED");
        assertEquals(30_000, balance());

        // ...then the first one's money arrives after all: nothing left to pay, so all of it is credit.
        assertOk(deliver(notification(first.id(), "PAID", 50_000)), "APPLIED");

        assertEquals(80_000, balance());
        Invoice paid = invoices.find(org, invoice.id()).orElseThrow();
        assertEquals(Money.of(20_000, "IDR"), paid.amountPaid());
        assertEquals(1, paid.payments().size());
        assertEquals("InvoicePaymentReceived", event(first.id() + ".paid").orElseThrow().get("eventType").s());
    }

    @Test
    void invoicePayment_twoDeliveriesInterleaved_payAndCreditOnce() {
        Invoice invoice = usageInvoice(18_018);
        PaymentOrder order = invoicePayments.pay(org, invoice.id(), null, null, "user-1").order();
        String body = notification(order.id(), "PAID", 50_000);
        GatewayNotification paid = gateway.authenticateNotification(Map.of("x-sandbox-signature",
                sign(TestGateway.SECRET, body)), body);
        PaymentOrderStore.CallbackRead first = orders.findForCallback(order.id()).orElseThrow();
        PaymentOrderStore.CallbackRead second = orders.findForCallback(order.id()).orElseThrow();

        assertTrue(orders.settlePaid(first, paid, false, NOW));
        assertFalse(orders.settlePaid(second, paid, false, NOW));

        assertEquals(30_000, balance());
        assertEquals(1, invoices.find(org, invoice.id()).orElseThrow().payments().size());
    }

    @Test
    void invoicePayment_refunded_reopensTheInvoiceAndTakesTheSurplusBack() throws Exception {
        Invoice invoice = usageInvoice(18_018);
        PaymentOrder order = invoicePayments.pay(org, invoice.id(), null, null, "user-1").order();
        assertOk(deliver(notification(order.id(), "PAID", 50_000)), "APPLIED");

        assertOk(deliver(notification(order.id(), "REFUNDED", 50_000)), "APPLIED");

        Invoice reopened = invoices.find(org, invoice.id()).orElseThrow();
        assertEquals(InvoiceStatus.OPEN, reopened.status());
        assertEquals(Money.of(20_000, "IDR"), reopened.amountDue());
        assertTrue(reopened.payments().isEmpty());
        assertEquals(0, balance());
    }

    @Test
    void sampleEvent_fromInfraEvents_isAuthenticatedAsTheSandboxDocuments() throws Exception {
        HttpEvents sample = HttpEvents.fromFile("pg-sandbox-notification.json");
        JsonNode event = JSON.readTree(sample.json());
        String body = event.path("body").asText();
        // Re-sign the sample's body with this test's key (the committed sample carries a placeholder signature).
        APIGatewayV2HTTPResponse response = handler.handleRequest(sample
                .header("x-sandbox-signature", sign(TestGateway.SECRET, body)).build(), null);
        assertProblem(response, 404, "unknown-order");
        assertEquals("POST /pg/{provider}/notifications", event.path("routeKey").asText());
        assertTrue(event.path("requestContext").path("authorizer").isMissingNode(), "the webhook has no JWT");
    }
}
