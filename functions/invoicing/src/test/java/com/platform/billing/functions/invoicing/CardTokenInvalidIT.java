package com.platform.billing.functions.invoicing;

import static com.platform.billing.functions.invoicing.InvoicingFixtures.balance;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.catalogue;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.credit;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.deps;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.eventExists;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.itemExists;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.message;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.openAccount;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.sqsEvent;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.usage;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.usageInvoices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.invoice.AppliedPayment;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.domain.payment.CardChargeRequest;
import com.platform.billing.dynamodb.LedgerAuditor;
import com.platform.billing.dynamodb.billingrun.PaymentMethodItems;
import com.platform.billing.functions.invoicing.FakeCardGateway.Script;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithLedgerTable
/**
 * [issue 9] A saved card whose token the gateway reports expired or revoked at charge time. In its own class (own
 * table) because the failed charge schedules a retry that other classes' retry-day counts would see.
 */
class CardTokenInvalidIT {

    private static final String ISSUE_TIME = "2026-10-31T17:00:00Z"; // 00:00 on 1 November, Jakarta

    private final LedgerTable table;
    private final InvoicingFixtures.TestClock clock = new InvoicingFixtures.TestClock("2026-10-20T03:00:00Z");

    CardTokenInvalidIT(LedgerTable table) {
        this.table = table;
        catalogue(table, clock);
    }

    /** A postpaid org with a saved card and 8 compute hours in October (10,000 + 1,100 tax = 11,100). */
    private void postpaidOrg(String org) {
        clock.set("2026-10-20T03:00:00Z");
        openAccount(table, org, BillingType.POSTPAID, clock);
        APIGatewayV2HTTPResponse saved = putCard(org, "{\"provider\":\"sandbox\",\"cardToken\":\"tok_ok_" + org
                + "\",\"brand\":\"visa\",\"maskedNumber\":\"•••• 4242\",\"expiryMonth\":12,\"expiryYear\":2030}");
        assertEquals(200, saved.getStatusCode(), saved.getBody());
        usage(table, clock, "c-" + org, org, "compute.standard-2", "8", "2026-10-10T00:00:00+07:00",
                "2026-10-10T08:00:00+07:00");
        clock.set(ISSUE_TIME);
    }

    private APIGatewayV2HTTPResponse putCard(String org, String body) {
        return new PaymentMethodAdminHandler(deps(table, clock)).handleRequest(HttpEvents.route("PUT",
                "/admin/orgs/{orgId}/payment-method", Map.of("orgId", org)).admin("admin-1").body(body).build(), null);
    }

    private void deliver(FakeCardGateway gateway, String org) {
        var response = new InvoiceIssueHandler(deps(table, clock), InvoicingConfig.defaults(), gateway)
                .handleRequest(sqsEvent("m-" + org + "-" + clock.instant(), message(org, "2026-10")), null);
        assertEquals(List.of(), response.getBatchItemFailures());
    }

    private Map<String, Object> retryOn(FakeCardGateway gateway, Duration afterIssue) {
        clock.set(Instant.parse(ISSUE_TIME).plus(afterIssue).toString());
        return new CardChargeRetryHandler(deps(table, clock), gateway).handleRequest(Map.of(), null);
    }

    private Invoice invoice(String org) {
        List<Invoice> invoices = usageInvoices(table, org);
        assertEquals(1, invoices.size());
        return invoices.get(0);
    }

    @Test
    void issue_whenTheGatewayReportsTheTokenInvalid_invoiceStaysDueCardIsMarkedAndAnEventAsksForANewCard() {
        String org = "org-card-token-expired";
        postpaidOrg(org);
        FakeCardGateway gateway = new FakeCardGateway().then(Script.TOKEN_INVALID);

        deliver(gateway, org);

        Invoice invoice = invoice(org);
        assertEquals(InvoiceStatus.OPEN, invoice.status());
        assertEquals(11_100, invoice.amountDue().amount());
        assertTrue(eventExists(table, invoice.id() + "-a1.method-invalid"), "PaymentMethodInvalid recorded");
        var card = PaymentMethodItems.storedFromItem(table.dynamo().getItem(r -> r.tableName(table.name())
                .key(PaymentMethodItems.key(org)).consistentRead(true)).item());
        assertFalse(card.usable(), "the saved card is marked invalid, so the settings ask for a new one");
        assertEquals(Instant.parse(ISSUE_TIME), card.invalidAt());
        assertTrue(new LedgerAuditor(table.dynamo(), table.name()).audit().clean());
    }

}
