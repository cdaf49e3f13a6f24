package com.platform.billing.functions.paymentmethods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Dependencies;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.domain.payment.PaymentStatus;
import com.platform.billing.domain.paymentmethod.PaymentMethodInUseException;
import com.platform.billing.domain.paymentmethod.PaymentMethodRequiredException;
import com.platform.billing.domain.paymentmethod.PaymentMethodStore;
import com.platform.billing.domain.topup.PaymentCallback;
import com.platform.billing.domain.topup.PaymentOrder;
import com.platform.billing.domain.topup.PaymentOrderStore;
import com.platform.billing.domain.topup.PaymentPurpose;
import com.platform.billing.domain.topup.TopUpSettings;
import com.platform.billing.dynamodb.DynamoAccountStore;
import com.platform.billing.dynamodb.DynamoLedger;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import com.platform.billing.dynamodb.LedgerAuditor;
import com.platform.billing.dynamodb.invoice.DynamoInvoiceStore;
import com.platform.billing.dynamodb.paymentmethod.DynamoPaymentMethodStore;
import com.platform.billing.dynamodb.topup.DynamoPaymentOrderStore;
import com.platform.billing.gateway.GatewayConfig;
import com.platform.billing.gateway.Signatures;
import com.platform.billing.gateway.sandbox.SandboxGateway;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * [issue 9] PaymentMethodFunction on real API Gateway events against moto, with the sandbox gateway; registrations
 * are completed through the same callback use case the PG webhook runs (PaymentCallback + DynamoPaymentOrderStore),
 * on notifications signed like the sandbox's (SANDBOX.md).
 */
@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentMethodHandlerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");
    private static final String SECRET = "sandbox-test-secret";
    private static final AtomicInteger ORGS = new AtomicInteger();

    private final LedgerTable table;
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final SandboxGateway gateway = new SandboxGateway(GatewayConfig.defaults("sandbox"), SECRET, clock);
    private final PaymentMethodHandler handler;
    private final DynamoPaymentOrderStore orders;
    private final DynamoAccountStore accounts;
    private final DynamoLedger ledger;
    private final PaymentCallback callbacks;
    private String org;

    PaymentMethodHandlerIT(LedgerTable table) {
        this.table = table;
        Dependencies deps = Dependencies.of(table.dynamo(), table.name(), clock);
        this.handler = new PaymentMethodHandler(deps, gateway, TopUpSettings.defaults(), 10_000);
        this.orders = new DynamoPaymentOrderStore(table.dynamo(), table.name(), clock, BillingCalendar.platform());
        this.accounts = new DynamoAccountStore(table.dynamo(), table.name());
        this.ledger = new DynamoLedger(table.dynamo(), table.name(), clock);
        this.callbacks = new PaymentCallback(orders, Map.of("sandbox", gateway), null, clock);
    }

    @BeforeEach
    void openAccount() {
        org = "org-pm-" + ORGS.incrementAndGet();
        accounts.createIfAbsent(BillingAccount.open(org, BillingType.PREPAID, "IDR", NOW));
    }

    @AfterAll
    void auditorFindsNoDifference() {
        LedgerAuditor.Report report = new LedgerAuditor(table.dynamo(), table.name()).audit();
        assertTrue(report.clean(), report.differences().toString());
    }

    // ------------------------------------------------------------------------------------------------ start

    @Test
    void sampleEvents_fromInfraEvents_areHandled() {
        accounts.createIfAbsent(BillingAccount.open("org-1", BillingType.PREPAID, "IDR", NOW));
        assertEquals(201, handler.handleRequest(HttpEvents.fromFile("http-payment-method-register.json").build(),
                null).getStatusCode());
        assertEquals(200, handler.handleRequest(HttpEvents.fromFile("http-payment-method-get.json").build(),
                null).getStatusCode());
        assertEquals(404, handler.handleRequest(HttpEvents.fromFile("http-payment-method-delete.json").build(),
                null).getStatusCode(), "no card saved yet");
    }

    @Test
    void register_byTheBillingAdmin_writesAPendingOrderAndOpenInvoiceAndAnswersTheCardPage() throws Exception {
        APIGatewayV2HTTPResponse response = register(org, "owner-1", List.of(org), List.of("billing-admin"), null);

        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode body = JSON.readTree(response.getBody());
        assertTrue(body.path("cardEntryUrl").asText().contains("/_sandbox/checkout/"), body.toString());
        assertTrue(body.path("cardEntryUrl").asText().contains("card=save"), "a card registration page");
        assertEquals(11_100, body.path("amount").asLong(), "10,000 verification + 11% VAT");
        assertEquals(10_000, body.path("credited").asLong());
        PaymentOrder order = orders.find(body.path("orderId").asText()).orElseThrow();
        assertEquals(PaymentPurpose.CARD_REGISTRATION, order.purpose());
        assertEquals(PaymentStatus.PENDING, order.status());
        assertEquals("owner-1", order.requestedBy());
        assertEquals(InvoiceStatus.OPEN, new DynamoInvoiceStore(table.dynamo(), table.name())
                .find(org, order.invoiceId()).orElseThrow().status());
        assertTrue(view(org).path("card").isNull(), "nothing is saved until the gateway confirms");
    }

    @Test
    void register_authorization_needsTheBillingAdminRoleOfThatOrg() throws Exception {
        assertProblem(register(org, "user-1", List.of(org), List.of(), null), 403, "forbidden");
        assertProblem(register(org, "stranger", List.of("org-other"), List.of("billing-admin"), null), 404,
                "not-found");
        assertProblem(register(org, "other-admin", List.of("org-other"), List.of("billing-admin:org-other"), null),
                404, "not-found");
        assertProblem(register(org, "scoped", List.of(org, "org-other"), List.of("billing-admin:org-other"), null),
                403, "forbidden");
        assertEquals(201, register(org, "scoped", List.of(org), List.of("billing-admin:" + org), null)
                .getStatusCode());
        assertEquals(201, register(org, "platform-admin", List.of(), List.of("admin"), null).getStatusCode());
    }

    @Test
    void register_withABodyField_isMalformed_andNeverEchoesIt() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(HttpEvents.route("POST",
                "/orgs/{orgId}/payment-method/registrations", Map.of("orgId", org))
                .claims("owner-1", List.of(org), List.of("billing-admin"))
                .body("{\"cardNumber\":\"4811111111111114\"}").build(), null);

        assertProblem(response, 400, "malformed-request");
        assertFalse(response.getBody().contains("4811111111111114"));
    }

    @Test
    void register_replayedIdempotencyKey_answersTheSameOrder() throws Exception {
        JsonNode first = JSON.readTree(register(org, "owner-1", List.of(org), List.of("billing-admin"), "k-1")
                .getBody());
        APIGatewayV2HTTPResponse again = register(org, "owner-1", List.of(org), List.of("billing-admin"), "k-1");

        assertEquals(201, again.getStatusCode());
        assertEquals("true", again.getHeaders().get("idempotent-replayed"));
        assertEquals(first.path("orderId").asText(), JSON.readTree(again.getBody()).path("orderId").asText());
    }

    @Test
    void register_forAnOrgWithoutAccount_is404() throws Exception {
        assertProblem(register("org-none", "admin", List.of(), List.of("admin"), null), 404, "not-found");
    }

    // ------------------------------------------------------------------------------------------------ callback

    @Test
    void callback_paidWithASavedCard_storesTheMaskedCardAndCreditsTheVerificationAmount() throws Exception {
        String orderId = start();

        PaymentCallback.Result result = deliver(notification(orderId, "PAID", 11_100, "tok_ok_abc", "1114"));

        assertEquals(PaymentCallback.Outcome.APPLIED, result.outcome());
        JsonNode card = view(org).path("card");
        assertEquals("•••• 1114", card.path("maskedNumber").asText());
        assertEquals("VISA", card.path("brand").asText());
        assertEquals(12, card.path("expiryMonth").asInt());
        assertEquals(2030, card.path("expiryYear").asInt());
        assertEquals("ACTIVE", card.path("status").asText());
        assertFalse(card.toString().contains("tok_ok_abc"), "the token is never shown");
        assertEquals(10_000, balance());
        assertTrue(eventExists(orderId + ".card-registered"));
        assertFalse(eventExists(orderId + ".paid"), "no TopUpPaid: the registration has its own event");
    }

    @Test
    void callback_deliveredTwice_storesOneTokenAndCreditsOnce() {
        String orderId = start();
        String body = notification(orderId, "PAID", 11_100, "tok_ok_twice", "1114");

        PaymentCallback.Result first = deliver(body);
        PaymentCallback.Result second = deliver(body);

        assertEquals(PaymentCallback.Outcome.APPLIED, first.outcome());
        assertEquals(PaymentCallback.Outcome.UNCHANGED, second.outcome());
        assertEquals(10_000, balance());
        assertEquals(1, ledger.entries(org, null, 10).items().size());
        assertEquals("tok_ok_twice", storedToken());
    }

    @Test
    void callback_interleavedDuplicates_bothReadThenBothWrite_oneApplies() {
        String orderId = start();
        String body = notification(orderId, "PAID", 11_100, "tok_ok_race", "1114");
        var notification = gateway.authenticateNotification(Map.of(SandboxGateway.SIGNATURE_HEADER, sign(body)),
                body);
        var card = Optional.of(new com.platform.billing.domain.billingrun.SavedCard(org, "sandbox", "tok_ok_race",
                "VISA", "•••• 1114", 12, 2030, "owner-1", NOW));
        PaymentOrderStore.CallbackRead readA = orders.findForCallback(orderId).orElseThrow();
        PaymentOrderStore.CallbackRead readB = orders.findForCallback(orderId).orElseThrow();

        boolean a = orders.settleCardRegistration(readA, notification, card, false, NOW);
        boolean b = orders.settleCardRegistration(readB, notification, card, false, NOW);

        assertTrue(a);
        assertFalse(b, "the second writer finds the order paid and changes nothing");
        assertEquals(10_000, balance());
        assertEquals(1, ledger.entries(org, null, 10).items().size());
    }

    @Test
    void callback_declined_storesNoCardCreditsNothingAndVoidsTheInvoice() throws Exception {
        String orderId = start();

        PaymentCallback.Result result = deliver(notification(orderId, "FAILED", 11_100, null, null));

        assertEquals(PaymentStatus.FAILED, result.orderStatus());
        assertTrue(view(org).path("card").isNull());
        assertEquals(0, balance());
        PaymentOrder order = orders.find(orderId).orElseThrow();
        assertEquals(InvoiceStatus.VOID, new DynamoInvoiceStore(table.dynamo(), table.name())
                .find(org, order.invoiceId()).orElseThrow().status());
        assertTrue(eventExists(orderId + ".ended"), "PaymentFailed with purpose CARD_REGISTRATION");
    }

    @Test
    void callback_paidWithoutASavedCard_creditsButStoresNoCard() throws Exception {
        String orderId = start();

        deliver(notification(orderId, "PAID", 11_100, null, null));

        assertTrue(view(org).path("card").isNull());
        assertEquals(10_000, balance(), "money received is credited all the same");
        assertTrue(eventExists(orderId + ".card-not-saved"));
    }

    @Test
    void callback_withATokenShapedLikeACardNumber_storesNoCard() throws Exception {
        String orderId = start();

        deliver(notification(orderId, "PAID", 11_100, "4811111111111114", "1114"));

        assertTrue(view(org).path("card").isNull(), "a PAN-shaped token is refused by SavedCard.validate");
        assertEquals(10_000, balance());
    }

    @Test
    void replacement_keepsTheOldCardUntilTheNewOneIsConfirmed() throws Exception {
        deliver(notification(start(), "PAID", 11_100, "tok_ok_old", "1111"));
        String second = start();

        assertEquals("•••• 1111", view(org).path("card").path("maskedNumber").asText(), "old card while pending");
        deliver(notification(second, "FAILED", 11_100, null, null));
        assertEquals("•••• 1111", view(org).path("card").path("maskedNumber").asText(), "a decline keeps it");
        deliver(notification(start(), "PAID", 11_100, "tok_ok_new", "2222"));

        assertEquals("•••• 2222", view(org).path("card").path("maskedNumber").asText());
        assertEquals("tok_ok_new", storedToken());
    }

    // ------------------------------------------------------------------------------------------------ delete

    @Test
    void delete_ofAPrepaidOrgsCard_removesItWithAnEvent() throws Exception {
        deliver(notification(start(), "PAID", 11_100, "tok_ok_del", "1114"));

        APIGatewayV2HTTPResponse response = delete(org, List.of("billing-admin"));

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertTrue(view(org).path("card").isNull());
        assertProblem(delete(org, List.of("billing-admin")), 404, "not-found");
    }

    @Test
    void delete_byAMemberWithoutTheRole_is403() throws Exception {
        deliver(notification(start(), "PAID", 11_100, "tok_ok_keep", "1114"));

        assertProblem(delete(org, List.of()), 403, "forbidden");
        assertEquals("tok_ok_keep", storedToken());
    }

    @Test
    void delete_ofAPostpaidOrgsCard_is409AndKeepsTheCard() throws Exception {
        deliver(notification(start(), "PAID", 11_100, "tok_ok_post", "1114"));
        BillingAccount prepaid = accounts.find(org).orElseThrow();
        accounts.switchToPostpaid(prepaid, "admin-1", NOW).orElseThrow();

        assertProblem(delete(org, List.of("billing-admin")), 409, "payment-method-in-use");
        assertEquals("tok_ok_post", storedToken());
        JsonNode view = view(org);
        assertEquals("POSTPAID", view.path("billingType").asText());
        assertTrue(view.path("actionRequired").isNull());
    }

    @Test
    void deleteAndSwitch_bothReadThenTheSwitchWritesFirst_deleteIsRefused() {
        deliver(notification(start(), "PAID", 11_100, "tok_ok_i1", "1114"));
        DynamoPaymentMethodStore store = new DynamoPaymentMethodStore(table.dynamo(), table.name());
        PaymentMethodStore.OrgCard deleteRead = store.read(org);
        BillingAccount switchRead = accounts.find(org).orElseThrow();

        accounts.switchToPostpaid(switchRead, "admin-1", NOW).orElseThrow();

        assertThrows(PaymentMethodInUseException.class, () -> store.remove(org, deleteRead.card().orElseThrow(),
                "owner-1", NOW));
        assertEquals("tok_ok_i1", storedToken());
    }

    @Test
    void deleteAndSwitch_bothReadThenTheDeleteWritesFirst_switchIsRefused() {
        deliver(notification(start(), "PAID", 11_100, "tok_ok_i2", "1114"));
        DynamoPaymentMethodStore store = new DynamoPaymentMethodStore(table.dynamo(), table.name());
        PaymentMethodStore.OrgCard deleteRead = store.read(org);
        BillingAccount switchRead = accounts.find(org).orElseThrow();

        store.remove(org, deleteRead.card().orElseThrow(), "owner-1", NOW);

        assertThrows(PaymentMethodRequiredException.class, () -> accounts.switchToPostpaid(switchRead, "admin-1",
                NOW));
        assertEquals(BillingType.PREPAID, accounts.find(org).orElseThrow().billingType());
    }

    @Test
    void view_ofAPostpaidOrgWithoutCard_asksToRegisterOne() throws Exception {
        String postpaid = org + "-post";
        accounts.createIfAbsent(BillingAccount.open(postpaid, BillingType.POSTPAID, "IDR", NOW));

        JsonNode view = view(postpaid);

        assertEquals("REGISTER_CARD", view.path("actionRequired").asText());
        assertProblem(handler.handleRequest(HttpEvents.route("GET", "/orgs/{orgId}/payment-method",
                Map.of("orgId", postpaid)).member("stranger", "org-x").build(), null), 404, "not-found");
    }

    // ------------------------------------------------------------------------------------------------ cost

    /**
     * DynamoDB requests per operation, counted by the harness's client interceptor (run:
     * {@code mvn -o -pl functions/payment-methods test -Dtest=PaymentMethodHandlerIT}): start 3 (read, transaction,
     * checkout update), callback 2 (BatchGetItem order + account, one transaction incl. the card), a duplicate
     * callback 1 (its read finds the order paid; nothing written), view 1, removal 2 (view read, transaction).
     */
    @Test
    void requestBudgets_ofEachOperation() throws Exception {
        table.counter().reset();
        String orderId = start();
        assertEquals(3, table.counter().totalRequests(), "start: counter read, create transaction, checkout");

        String body = notification(orderId, "PAID", 11_100, "tok_ok_budget", "1114");
        table.counter().reset();
        deliver(body);
        assertEquals(2, table.counter().totalRequests(), "callback: one BatchGetItem, one transaction");

        table.counter().reset();
        deliver(body);
        assertEquals(1, table.counter().totalRequests(), "a duplicate: the read finds the order paid");

        table.counter().reset();
        view(org);
        assertEquals(1, table.counter().totalRequests(), "view: one BatchGetItem");

        table.counter().reset();
        delete(org, List.of("billing-admin"));
        assertEquals(2, table.counter().totalRequests(), "removal: one read, one transaction");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private APIGatewayV2HTTPResponse register(String orgId, String sub, List<String> orgs, List<String> roles,
                                              String idempotencyKey) {
        HttpEvents event = HttpEvents.route("POST", "/orgs/{orgId}/payment-method/registrations",
                Map.of("orgId", orgId)).claims(sub, orgs, roles).body("{}");
        if (idempotencyKey != null) {
            event.header("Idempotency-Key", idempotencyKey);
        }
        return handler.handleRequest(event.build(), null);
    }

    private String start() {
        APIGatewayV2HTTPResponse response = register(org, "owner-1", List.of(org), List.of("billing-admin"), null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        try {
            return JSON.readTree(response.getBody()).path("orderId").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private APIGatewayV2HTTPResponse delete(String orgId, List<String> roles) {
        return handler.handleRequest(HttpEvents.route("DELETE", "/orgs/{orgId}/payment-method",
                Map.of("orgId", orgId)).claims("owner-1", List.of(orgId), roles).build(), null);
    }

    private JsonNode view(String orgId) throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(HttpEvents.route("GET",
                "/orgs/{orgId}/payment-method", Map.of("orgId", orgId)).member("user-1", orgId).build(), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return JSON.readTree(response.getBody());
    }

    /** The sandbox's notification (SANDBOX.md), with the card fields of a registration when a token is given. */
    private static String notification(String orderId, String status, long amount, String token, String last4) {
        ObjectNode body = JSON.createObjectNode();
        body.put("order_id", orderId);
        body.put("status", status);
        body.put("amount", amount);
        body.put("currency", "IDR");
        body.put("transaction_id", "sbx-tx-" + Math.abs(orderId.hashCode()));
        body.put("payment_method", "card");
        body.put("occurred_at", NOW.toString());
        if (token != null) {
            body.put("saved_token_id", token);
            body.put("card_brand", "VISA");
            body.put("card_last4", last4);
            body.put("card_expiry_month", 12);
            body.put("card_expiry_year", 2030);
        }
        return body.toString();
    }

    private PaymentCallback.Result deliver(String body) {
        return callbacks.handle("sandbox", Map.of(SandboxGateway.SIGNATURE_HEADER, sign(body)), body);
    }

    private static String sign(String body) {
        return Signatures.hmacSha256Hex(SECRET, body.getBytes(StandardCharsets.UTF_8));
    }

    private long balance() {
        return accounts.find(org).orElseThrow().balance().amount();
    }

    private String storedToken() {
        return Items.str(table.dynamo().getItem(r -> r.tableName(table.name())
                .key(Items.key(Keys.orgPk(org), Keys.paymentMethodSk())).consistentRead(true)).item(), "cardToken");
    }

    private boolean eventExists(String eventId) {
        return table.dynamo().getItem(r -> r.tableName(table.name()).key(Items.key(Keys.eventPk(eventId),
                Keys.eventSk())).consistentRead(true)).hasItem();
    }

    private static void assertProblem(APIGatewayV2HTTPResponse response, int status, String code) throws Exception {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("urn:problem-type:billing:" + code, JSON.readTree(response.getBody()).path("type").asText());
        assertFalse(response.getBody().contains("Exception"));
    }
}
