package com.platform.billing.functions.topup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.platform.billing.api.Dependencies;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.TableSnapshot;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.invoice.AppliedPayment;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceLine;
import com.platform.billing.domain.invoice.InvoiceNumber;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.domain.invoice.InvoiceType;
import com.platform.billing.domain.invoice.TaxMode;
import com.platform.billing.domain.invoice.TaxRule;
import com.platform.billing.domain.payment.GatewayException;
import com.platform.billing.domain.payment.PaymentStatus;
import com.platform.billing.domain.topup.PaymentOrder;
import com.platform.billing.domain.topup.TopUpSettings;
import com.platform.billing.dynamodb.DynamoAccountStore;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import com.platform.billing.dynamodb.LedgerAuditor;
import com.platform.billing.dynamodb.invoice.DynamoInvoiceStore;
import com.platform.billing.dynamodb.invoice.InvoiceItems;
import com.platform.billing.dynamodb.invoice.InvoiceNumbers;
import com.platform.billing.dynamodb.topup.DynamoPaymentOrderStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopUpHandlerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");
    private static final AtomicInteger KEYS = new AtomicInteger();

    private final LedgerTable table;
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final TestGateway gateway = new TestGateway(clock);
    private final TopUpHandler handler;
    private final DynamoPaymentOrderStore orders;
    private final DynamoInvoiceStore invoices;
    private final DynamoAccountStore accounts;

    TopUpHandlerIT(LedgerTable table) {
        this.table = table;
        Dependencies deps = Dependencies.of(table.dynamo(), table.name(), clock);
        this.handler = new TopUpHandler(deps, gateway, TopUpSettings.defaults());
        this.orders = new DynamoPaymentOrderStore(table.dynamo(), table.name(), clock, deps.config().calendar());
        this.invoices = new DynamoInvoiceStore(table.dynamo(), table.name());
        this.accounts = new DynamoAccountStore(table.dynamo(), table.name());
    }

    @BeforeAll
    void openAccounts() {
        for (String org : List.of("org-1", "org-2", "org-inc")) {
            accounts.createIfAbsent(BillingAccount.open(org, BillingType.PREPAID, "IDR", NOW));
        }
    }

    @BeforeEach
    void resetGateway() {
        gateway.checkoutFailure = null;
        gateway.onCheckout = r -> { };
        gateway.checkouts.clear();
    }

    private APIGatewayV2HTTPResponse topUp(String org, String body, String key) {
        HttpEvents event = HttpEvents.route("POST", "/orgs/{orgId}/topups", Map.of("orgId", org))
                .member("user-1", "org-1").body(body);
        if (key != null) {
            event.header("Idempotency-Key", key);
        }
        return handler.handleRequest(event.build(), null);
    }

    private APIGatewayV2HTTPResponse payInvoice(String org, String invoiceId, String key) {
        HttpEvents event = HttpEvents.route("POST", "/orgs/{orgId}/invoices/{invoiceId}/payments",
                Map.of("orgId", org, "invoiceId", invoiceId)).member("user-1", "org-1").body("{}");
        if (key != null) {
            event.header("Idempotency-Key", key);
        }
        return handler.handleRequest(event.build(), null);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    private static void assertProblem(APIGatewayV2HTTPResponse response, int status, String code) throws Exception {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        assertEquals("urn:problem-type:billing:" + code, body(response).path("type").asText(), response.getBody());
        assertFalse(response.getBody().contains("Exception"), "no exception text in a response");
    }

    private static String key() {
        return "key-" + KEYS.incrementAndGet();
    }

    @Test
    void sampleEvent_fromInfraEvents_isHandled() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpEvents.fromFile("http-topup-create.json").build(), null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals(111_000, body(response).path("invoice").path("total").asLong());
    }

    @Test
    void topUp_whenValid_storesOrderAndInvoiceBeforeTheGatewayAndAnswers201() throws Exception {
        gateway.onCheckout = request -> {
            // Written before the gateway is asked: a crash after the checkout can still be reconciled.
            PaymentOrder stored = orders.find(request.orderId()).orElseThrow();
            assertEquals(PaymentStatus.PENDING, stored.status());
            assertEquals(InvoiceStatus.OPEN, invoices.find("org-1", stored.invoiceId()).orElseThrow().status());
        };

        APIGatewayV2HTTPResponse response = topUp("org-1", "{\"amount\": 100000, \"paymentMethod\": \"ewallet\"}",
                null);

        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode view = body(response);
        String orderId = view.path("orderId").asText();
        assertTrue(orderId.startsWith("org-1~"), orderId);
        assertTrue(view.path("paymentUrl").asText().contains("/_sandbox/checkout/"), view.toString());
        assertEquals("PENDING", view.path("status").asText());
        assertEquals(111_000, view.path("amount").asLong());
        JsonNode invoice = view.path("invoice");
        assertTrue(invoice.path("number").asText().matches("INV/2026/11/[0-9]{6}"), invoice.toString());
        assertEquals(100_000, invoice.path("subtotal").asLong());
        assertEquals(11_000, invoice.path("tax").asLong());
        assertEquals(111_000, invoice.path("total").asLong());
        assertEquals(1, gateway.checkouts.size());
        assertEquals(Money.of(111_000, "IDR"), gateway.checkouts.getFirst().amount());
        assertEquals("ewallet", gateway.checkouts.getFirst().paymentMethod());

        PaymentOrder order = orders.find(orderId).orElseThrow();
        assertEquals(view.path("paymentUrl").asText(), order.paymentUrl());
        assertEquals("sbx-" + orderId, order.gatewayReference());
        Invoice stored = invoices.find("org-1", invoice.path("id").asText()).orElseThrow();
        assertEquals(InvoiceType.TOPUP, stored.type());
        assertEquals(InvoiceStatus.OPEN, stored.status());
        assertEquals(Money.of(111_000, "IDR"), stored.amountDue());
        assertEquals(orderId, stored.reference());
        assertEquals(0, accounts.find("org-1").orElseThrow().balance().amount(), "nothing credited before payment");
    }

    @Test
    void topUp_requestBudget_isOneReadOneTransactionAndTheCheckoutUpdate() throws Exception {
        table.counter().reset();
        assertEquals(201, topUp("org-1", "{\"amount\": 60000}", key()).getStatusCode());
        assertEquals(Map.of("BatchGetItem", 1L, "TransactWriteItems", 1L, "UpdateItem", 1L),
                table.counter().requests());

        table.counter().reset();
        assertEquals(201, topUp("org-1", "{\"amount\": 60000}", null).getStatusCode());
        assertEquals(Map.of("GetItem", 1L, "TransactWriteItems", 1L, "UpdateItem", 1L),
                table.counter().requests());
    }

    @Test
    void topUp_invoiceNumbers_areSequentialAndARefusalUsesNone() throws Exception {
        long first = number(topUp("org-1", "{\"amount\": 50000}", null));
        assertProblem(topUp("org-1", "{\"amount\": 49999}", null), 400, "invalid-request");
        assertProblem(handler.handleRequest(HttpEvents.route("POST", "/orgs/{orgId}/topups",
                Map.of("orgId", "org-noaccount")).member("user-9", "org-noaccount").body("{\"amount\": 50000}")
                .build(), null), 404, "not-found");
        long second = number(topUp("org-1", "{\"amount\": 50000}", null));
        assertEquals(first + 1, second, "no gap: a refused inquiry consumed no number");
    }

    @Test
    void topUp_invoiceNumbers_shareTheMonthCounterWithBulkReservations() throws Exception {
        long before = number(topUp("org-1", "{\"amount\": 50000}", null));
        InvoiceNumber firstReserved = new InvoiceNumbers(table.dynamo(), table.name())
                .reserve(YearMonth.of(2026, 11), 3);
        long after = number(topUp("org-1", "{\"amount\": 50000}", null));
        assertEquals(before + 1, firstReserved.sequence());
        assertEquals(before + 4, after, "the compare-and-set continues after the reserved block");
    }

    private static long number(APIGatewayV2HTTPResponse response) throws Exception {
        assertEquals(201, response.getStatusCode(), response.getBody());
        return new InvoiceNumber(body(response).path("invoice").path("number").asText()).sequence();
    }

    @Test
    void topUp_whenSameKeyAndBody_answersTheSameAndWritesNothing() throws Exception {
        String key = key();
        APIGatewayV2HTTPResponse first = topUp("org-1", "{\"amount\": 75000}", key);
        TableSnapshot before = TableSnapshot.of(table);

        APIGatewayV2HTTPResponse again = topUp("org-1", "{\"amount\": 75000}", key);

        assertEquals(201, again.getStatusCode(), again.getBody());
        assertEquals("true", again.getHeaders().get("idempotent-replayed"));
        assertEquals(body(first), body(again));
        assertEquals(1, gateway.checkouts.size(), "the gateway was asked once");
        assertEquals(before, TableSnapshot.of(table));
    }

    @Test
    void topUp_whenSameKeyDifferentBody_is422AndWritesNothing() throws Exception {
        String key = key();
        assertEquals(201, topUp("org-1", "{\"amount\": 75000}", key).getStatusCode());
        TableSnapshot before = TableSnapshot.of(table);

        assertProblem(topUp("org-1", "{\"amount\": 75001}", key), 422, "idempotency-key-reused");
        assertProblem(topUp("org-1", "{\"amount\": 75000, \"paymentMethod\": \"card\"}", key), 422,
                "idempotency-key-reused");
        assertEquals(before, TableSnapshot.of(table));
    }

    static Stream<Arguments> badTopUps() {
        return Stream.of(
                Arguments.of("{\"amount\": 49999}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 0}", 400, "invalid-request"),
                Arguments.of("{\"amount\": -50000}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 100000001}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 9223372036854775808}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 50000.5}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 50000.0}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 5e4}", 400, "invalid-request"),
                Arguments.of("{\"amount\": \"50000\"}", 400, "malformed-request"),
                Arguments.of("{\"amount\": null}", 400, "invalid-request"),
                Arguments.of("{}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 50000, \"paymentMethod\": \"bitcoin\"}", 400, "invalid-request"),
                Arguments.of("{\"amount\": 50000, \"paymentMethod\": 7}", 400, "malformed-request"),
                Arguments.of("{\"amount\": 50000, \"ammount\": 1}", 400, "malformed-request"),
                Arguments.of("{\"amount\": 50000", 400, "malformed-request"),
                Arguments.of("[50000]", 400, "malformed-request"),
                Arguments.of("", 400, "malformed-request"));
    }

    @ParameterizedTest
    @MethodSource("badTopUps")
    void topUp_whenBadInput_isProblemAndWritesNothing(String body, int status, String code) throws Exception {
        table.counter().reset();
        assertProblem(topUp("org-1", body, null), status, code);
        assertEquals(0, table.counter().totalRequests(), "refused before touching the table");
        assertTrue(gateway.checkouts.isEmpty(), "the gateway was not asked");
    }

    @Test
    void topUp_whenBadIdempotencyKey_is400() throws Exception {
        assertProblem(topUp("org-1", "{\"amount\": 50000}", "has space"), 400, "invalid-request");
    }

    @Test
    void topUp_whenAnotherOrg_is404AndWritesNothing() throws Exception {
        TableSnapshot before = TableSnapshot.of(table);
        assertProblem(topUp("org-2", "{\"amount\": 50000}", null), 404, "not-found");
        assertProblem(handler.handleRequest(HttpEvents.route("GET", "/orgs/{orgId}/payment-methods",
                Map.of("orgId", "org-2")).member("user-1", "org-1").build(), null), 404, "not-found");
        assertEquals(before, TableSnapshot.of(table));
    }

    @Test
    void topUp_whenGatewayTimesOut_is502OrderFailedInvoiceVoidNothingCredited() throws Exception {
        gateway.checkoutFailure = new GatewayException("timed out", true, null);
        String key = key();

        APIGatewayV2HTTPResponse response = topUp("org-1", "{\"amount\": 80000}", key);

        assertProblem(response, 502, "gateway-unavailable");
        String orderId = gateway.checkouts.getFirst().orderId();
        PaymentOrder order = orders.find(orderId).orElseThrow();
        assertEquals(PaymentStatus.FAILED, order.status());
        assertNull(order.paymentUrl());
        Invoice invoice = invoices.find("org-1", order.invoiceId()).orElseThrow();
        assertEquals(InvoiceStatus.VOID, invoice.status());
        assertEquals(0, accounts.find("org-1").orElseThrow().balance().amount());
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> event = table.dynamo()
                .getItem(r -> r.tableName(table.name()).key(Items.key(Keys.eventPk(orderId + ".ended"),
                        Keys.eventSk()))).item();
        assertEquals("PaymentFailed", event.get("eventType").s());

        // The same request again gets the same answer; a new key tries again.
        gateway.checkoutFailure = null;
        assertProblem(topUp("org-1", "{\"amount\": 80000}", key), 502, "gateway-unavailable");
        assertEquals(201, topUp("org-1", "{\"amount\": 80000}", key()).getStatusCode());
        assertTrue(new LedgerAuditor(table.dynamo(), table.name()).audit().clean());
    }

    /** The handler as it answers {@code minutes} after NOW (same table, same gateway). */
    private TopUpHandler handlerAt(int minutes) {
        Clock later = Clock.fixed(NOW.plus(Duration.ofMinutes(minutes)), ZoneOffset.UTC);
        return new TopUpHandler(Dependencies.of(table.dynamo(), table.name(), later), gateway,
                TopUpSettings.defaults());
    }

    @Test
    void topUp_whenTheInvocationDiedBeforeRecordingTheCheckout_replayIsInProgressThenFailsTheStalledOrder()
            throws Exception {
        // The invocation stores the order, then ends before recording the gateway's checkout (a timeout, or its
        // last write failing after the SDK's retries): the order is PENDING without a payment page.
        gateway.onCheckout = r -> {
            throw new IllegalStateException("invocation ended");
        };
        String key = key();
        HttpEvents replay = HttpEvents.route("POST", "/orgs/{orgId}/topups", Map.of("orgId", "org-2"))
                .member("user-1", "org-2").header("Idempotency-Key", key).body("{\"amount\": 70000}");
        assertEquals(500, handler.handleRequest(replay.build(), null).getStatusCode());
        String orderId = gateway.checkouts.getFirst().orderId();
        gateway.onCheckout = r -> { };

        // Soon after, the same request is still "in progress" (the first invocation may yet record the checkout).
        assertProblem(handler.handleRequest(replay.build(), null), 409, "request-in-progress");
        assertEquals(PaymentStatus.PENDING, orders.find(orderId).orElseThrow().status());

        // Past the stall limit, the order is failed (nobody has its page), its invoice voided, nothing credited;
        // the same key keeps that answer and a new key starts over.
        TopUpHandler later = handlerAt(3);
        assertProblem(later.handleRequest(replay.build(), null), 502, "gateway-unavailable");
        PaymentOrder order = orders.find(orderId).orElseThrow();
        assertEquals(PaymentStatus.FAILED, order.status());
        assertEquals(InvoiceStatus.VOID, invoices.find("org-2", order.invoiceId()).orElseThrow().status());
        assertProblem(later.handleRequest(replay.build(), null), 502, "gateway-unavailable");
        assertEquals(0, accounts.find("org-2").orElseThrow().balance().amount());
        HttpEvents fresh = HttpEvents.route("POST", "/orgs/{orgId}/topups", Map.of("orgId", "org-2"))
                .member("user-1", "org-2").header("Idempotency-Key", key()).body("{\"amount\": 70000}");
        assertEquals(201, later.handleRequest(fresh.build(), null).getStatusCode());
        assertTrue(new LedgerAuditor(table.dynamo(), table.name()).audit().clean());
    }

    @Test
    void payInvoice_whenTheInvocationDiedBeforeRecordingTheCheckout_theStalledOrderReleasesTheInvoice()
            throws Exception {
        String invoiceId = usageInvoice("org-1", 30_000, InvoiceStatus.OPEN);
        gateway.onCheckout = r -> {
            throw new IllegalStateException("invocation ended");
        };
        String key = key();
        assertEquals(500, payInvoice("org-1", invoiceId, key).getStatusCode());
        gateway.onCheckout = r -> { };
        assertProblem(payInvoice("org-1", invoiceId, key), 409, "request-in-progress");
        assertProblem(payInvoice("org-1", invoiceId, key()), 409, "invoice-payment-pending");

        TopUpHandler later = handlerAt(3);
        HttpEvents replay = HttpEvents.route("POST", "/orgs/{orgId}/invoices/{invoiceId}/payments",
                Map.of("orgId", "org-1", "invoiceId", invoiceId)).member("user-1", "org-1")
                .header("Idempotency-Key", key).body("{}");
        assertProblem(later.handleRequest(replay.build(), null), 502, "gateway-unavailable");
        assertNull(invoices.find("org-1", invoiceId).orElseThrow().pendingOrderId());
        HttpEvents fresh = HttpEvents.route("POST", "/orgs/{orgId}/invoices/{invoiceId}/payments",
                Map.of("orgId", "org-1", "invoiceId", invoiceId)).member("user-1", "org-1")
                .header("Idempotency-Key", key()).body("{}");
        assertEquals(201, later.handleRequest(fresh.build(), null).getStatusCode());
    }

    @Test
    void topUp_whenTaxIncluded_customerPaysTheAmountAndTheCreditIsNetOfTax() throws Exception {
        TopUpHandler included = new TopUpHandler(Dependencies.of(table.dynamo(), table.name(), clock), gateway,
                TopUpSettings.defaults().withTax(new TaxRule(1100, TaxMode.INCLUDED)));
        APIGatewayV2HTTPResponse response = included.handleRequest(HttpEvents.route("POST", "/orgs/{orgId}/topups",
                Map.of("orgId", "org-inc")).member("user-1", "org-inc").body("{\"amount\": 100000}").build(), null);

        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode invoice = body(response).path("invoice");
        assertEquals(90_090, invoice.path("subtotal").asLong());
        assertEquals(9_910, invoice.path("tax").asLong());
        assertEquals(100_000, invoice.path("total").asLong());
        assertEquals(100_000, body(response).path("amount").asLong());
    }

    @Test
    void paymentMethods_listsTheConfiguredMethods() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(HttpEvents.route("GET",
                "/orgs/{orgId}/payment-methods", Map.of("orgId", "org-1")).member("user-1", "org-1").build(), null);
        assertEquals(200, response.getStatusCode());
        JsonNode view = body(response);
        assertEquals("sandbox", view.path("provider").asText());
        assertEquals(List.of("bank_transfer", "card", "ewallet", "qris"),
                view.path("items").findValuesAsText("code"));
    }

    // ---------------------------------------------------------------------------------------------- invoice payment

    private String usageInvoice(String org, long subtotal, InvoiceStatus status) {
        String id = "inv-" + KEYS.incrementAndGet();
        var tax = TaxRule.indonesianVat().onNetSubtotal(Money.of(subtotal, "IDR"));
        Invoice invoice = new Invoice(id, org, new InvoiceNumbers(table.dynamo(), table.name())
                .reserve(YearMonth.of(2026, 11), 1), InvoiceType.USAGE, status,
                List.of(InvoiceLine.single("Compute", "hour", Money.of(subtotal, "IDR"))), tax,
                status == InvoiceStatus.PAID ? List.of(new AppliedPayment(AppliedPayment.Source.CREDIT, "t-1",
                        tax.total(), NOW, "", "")) : List.of(),
                YearMonth.of(2026, 10), "", NOW, NOW.plusSeconds(14 * 86_400), null,
                status == InvoiceStatus.VOID ? NOW : null, "", null, null);
        table.dynamo().putItem(r -> r.tableName(table.name()).item(InvoiceItems.toItem(invoice)));
        return id;
    }

    @Test
    void payInvoice_whenDueBelowMinimum_paysTheMinimumAndMarksThePayment() throws Exception {
        String invoiceId = usageInvoice("org-1", 18_018, InvoiceStatus.OPEN); // total 19,999.98 -> 20,000
        table.counter().reset();

        APIGatewayV2HTTPResponse response = payInvoice("org-1", invoiceId, null);

        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode view = body(response);
        assertEquals(50_000, view.path("amount").asLong());
        assertEquals(20_000, view.path("invoice").path("amountDue").asLong());
        assertEquals(30_000, view.path("surplusToCredit").asLong());
        assertEquals("INVOICE_PAYMENT", view.path("purpose").asText());
        assertEquals(Map.of("GetItem", 1L, "TransactWriteItems", 1L, "UpdateItem", 1L),
                table.counter().requests());
        assertEquals(view.path("orderId").asText(), invoices.find("org-1", invoiceId).orElseThrow().pendingOrderId());

        assertProblem(payInvoice("org-1", invoiceId, null), 409, "invoice-payment-pending");
    }

    @Test
    void payInvoice_whenDueAboveMinimum_paysExactlyTheDue() throws Exception {
        String invoiceId = usageInvoice("org-1", 100_000, InvoiceStatus.OPEN);
        APIGatewayV2HTTPResponse response = payInvoice("org-1", invoiceId, key());
        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals(111_000, body(response).path("amount").asLong());
        assertEquals(0, body(response).path("surplusToCredit").asLong());
    }

    @Test
    void payInvoice_whenPaidVoidUnknownOrAnotherOrgs_isRefused() throws Exception {
        assertProblem(payInvoice("org-1", usageInvoice("org-1", 10_000, InvoiceStatus.PAID), null), 409,
                "invoice-not-payable");
        assertProblem(payInvoice("org-1", usageInvoice("org-1", 10_000, InvoiceStatus.VOID), null), 409,
                "invoice-not-payable");
        assertProblem(payInvoice("org-1", "no-such-invoice", null), 404, "not-found");
        assertProblem(payInvoice("org-1", "bad%2Fid", null), 404, "not-found");
        String theirs = usageInvoice("org-2", 10_000, InvoiceStatus.OPEN);
        assertProblem(payInvoice("org-1", theirs, null), 404, "not-found");
        assertProblem(payInvoice("org-2", theirs, null), 404, "not-found");
        assertTrue(gateway.checkouts.isEmpty());
    }

    @Test
    void payInvoice_whenGatewayFails_releasesThePendingMark() throws Exception {
        String invoiceId = usageInvoice("org-1", 30_000, InvoiceStatus.OPEN);
        gateway.checkoutFailure = new GatewayException("503 from gateway", false, null);
        assertProblem(payInvoice("org-1", invoiceId, null), 502, "gateway-unavailable");
        assertNull(invoices.find("org-1", invoiceId).orElseThrow().pendingOrderId());

        gateway.checkoutFailure = null;
        assertEquals(201, payInvoice("org-1", invoiceId, null).getStatusCode());
    }
}
