package com.platform.billing.functions.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.platform.billing.api.Dependencies;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.Ids;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceLine;
import com.platform.billing.domain.invoice.InvoiceType;
import com.platform.billing.domain.invoice.TaxBreakdown;
import com.platform.billing.domain.invoice.TaxRule;
import com.platform.billing.domain.payment.GatewayNotification;
import com.platform.billing.domain.payment.PaymentStatus;
import com.platform.billing.domain.topup.PaymentOrder;
import com.platform.billing.domain.topup.PaymentOrderId;
import com.platform.billing.domain.topup.PaymentOrderStore;
import com.platform.billing.domain.topup.PaymentPurpose;
import com.platform.billing.dynamodb.DynamoAccountStore;
import com.platform.billing.dynamodb.topup.DynamoPaymentOrderStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentReadsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");

    private final LedgerTable table;
    private final BillingQueryHandler handler;
    private final DynamoPaymentOrderStore orders;
    private final List<PaymentOrder> created = new ArrayList<>();

    PaymentReadsIT(LedgerTable table) {
        this.table = table;
        this.handler = new BillingQueryHandler(Dependencies.of(table.dynamo(), table.name(),
                Clock.fixed(NOW, ZoneOffset.UTC)));
        this.orders = new DynamoPaymentOrderStore(table.dynamo(), table.name(), Clock.fixed(NOW, ZoneOffset.UTC),
                BillingCalendar.platform());
    }

    /** Three top-ups a minute apart; the middle one paid. Written through the payment store's own operations. */
    @BeforeAll
    void topUps() {
        new DynamoAccountStore(table.dynamo(), table.name()).createIfAbsent(
                BillingAccount.open("org-1", BillingType.PREPAID, "IDR", NOW));
        for (int i = 0; i < 3; i++) {
            Instant at = NOW.plusSeconds(60L * i);
            Clock clock = Clock.fixed(at, ZoneOffset.UTC);
            TaxBreakdown tax = TaxRule.indonesianVat().apply(Money.of(100_000L * (i + 1), "IDR"));
            String orderId = PaymentOrderId.newId("org-1", clock);
            Invoice draft = Invoice.draft(Ids.uuidV7(clock), "org-1", InvoiceType.TOPUP,
                    List.of(InvoiceLine.single("Credit top-up", "credit", tax.subtotal())), tax, null, orderId, at,
                    at.plusSeconds(86_400));
            PaymentOrder order = PaymentOrder.pending(orderId, PaymentPurpose.TOPUP, "org-1", draft.id(), "",
                    tax.total(), tax.subtotal(), tax.tax(), tax.total(), "bank_transfer", "sandbox", "user-1", at,
                    at.plusSeconds(86_400));
            var stored = (PaymentOrderStore.Created.New) orders.createTopUp(order, draft, null);
            created.add(stored.order());
        }
        PaymentOrder paid = created.get(1);
        GatewayNotification notification = new GatewayNotification("sandbox", paid.id(), PaymentStatus.PAID, "PAID",
                paid.total(), null, "tx-1", "VA-12345", "bank_transfer", NOW, "{}");
        assertTrue(orders.settlePaid(orders.findForCallback(paid.id()).orElseThrow(), notification, false,
                NOW.plusSeconds(300)));
    }

    private JsonNode get(String route, Map<String, String> path, Map<String, String> query, int status)
            throws Exception {
        HttpEvents event = HttpEvents.route("GET", route, path).member("user-1", "org-1");
        if (!query.isEmpty()) {
            event.query("", query);
        }
        APIGatewayV2HTTPResponse response = handler.handleRequest(event.build(), null);
        assertEquals(status, response.getStatusCode(), response.getBody());
        return JSON.readTree(response.getBody());
    }

    @Test
    void topUps_newestFirstWithCursorPaging() throws Exception {
        JsonNode first = get("/orgs/{orgId}/topups", Map.of("orgId", "org-1"), Map.of("limit", "2"), 200);
        assertEquals(2, first.path("items").size());
        assertEquals(created.get(2).id(), first.path("items").get(0).path("orderId").asText());
        JsonNode paid = first.path("items").get(1);
        assertEquals(created.get(1).id(), paid.path("orderId").asText());
        assertEquals("PAID", paid.path("status").asText());
        assertEquals(200_000, paid.path("amount").asLong());
        assertEquals(22_000, paid.path("tax").asLong());
        assertEquals(222_000, paid.path("total").asLong());
        assertEquals("VA-12345", paid.path("referenceNumber").asText());
        assertEquals("bank_transfer", paid.path("paymentMethod").asText());
        assertEquals("2026-11-27T04:05:00.000Z", paid.path("paidAt").asText());

        JsonNode second = get("/orgs/{orgId}/topups", Map.of("orgId", "org-1"),
                Map.of("limit", "2", "cursor", first.path("nextCursor").asText()), 200);
        assertEquals(1, second.path("items").size());
        assertEquals(created.get(0).id(), second.path("items").get(0).path("orderId").asText());
        assertTrue(second.path("nextCursor").isNull());
    }

    @Test
    void invoices_filterByTypeAndStatus_andDetailShowsTaxAndPayments() throws Exception {
        JsonNode all = get("/orgs/{orgId}/invoices", Map.of("orgId", "org-1"), Map.of(), 200);
        assertEquals(3, all.path("items").size());
        JsonNode paid = get("/orgs/{orgId}/invoices", Map.of("orgId", "org-1"),
                Map.of("type", "TOPUP", "status", "PAID", "limit", "1"), 200);
        assertEquals(1, paid.path("items").size());
        JsonNode summary = paid.path("items").get(0);
        assertEquals(created.get(1).invoiceNumber(), summary.path("number").asText());
        assertEquals(0, get("/orgs/{orgId}/invoices", Map.of("orgId", "org-1"), Map.of("type", "USAGE"), 200)
                .path("items").size());

        JsonNode detail = get("/orgs/{orgId}/invoices/{invoiceId}", Map.of("orgId", "org-1",
                "invoiceId", summary.path("id").asText()), Map.of(), 200);
        assertEquals("PAID", detail.path("status").asText());
        assertEquals(200_000, detail.path("lines").get(0).path("amount").asLong());
        JsonNode vat = detail.path("taxLines").get(0);
        assertEquals("VAT 11%", vat.path("description").asText());
        assertEquals(200_000, vat.path("base").asLong());
        assertEquals(22_000, vat.path("amount").asLong());
        assertEquals(222_000, detail.path("payments").get(0).path("amount").asLong());
        assertEquals("VA-12345", detail.path("payments").get(0).path("referenceNumber").asText());
        assertEquals(0, detail.path("amountDue").asLong());
    }

    @Test
    void reads_whenAnotherOrgOrBadInput_areProblems() throws Exception {
        String invoiceId = created.getFirst().invoiceId();
        HttpEvents other = HttpEvents.route("GET", "/orgs/{orgId}/invoices/{invoiceId}",
                Map.of("orgId", "org-1", "invoiceId", invoiceId)).member("user-2", "org-2");
        assertEquals(404, handler.handleRequest(other.build(), null).getStatusCode());
        assertEquals(404, get("/orgs/{orgId}/invoices/{invoiceId}", Map.of("orgId", "org-1",
                "invoiceId", "missing"), Map.of(), 404).path("status").asInt());
        assertEquals("urn:problem-type:billing:invalid-request", get("/orgs/{orgId}/invoices",
                Map.of("orgId", "org-1"), Map.of("type", "topup"), 400).path("type").asText());
        assertEquals("urn:problem-type:billing:invalid-request", get("/orgs/{orgId}/topups",
                Map.of("orgId", "org-1"), Map.of("cursor", "!!!"), 400).path("type").asText());
    }
}
