package com.platform.billing.functions.invoicing;

import static com.platform.billing.functions.invoicing.InvoicingFixtures.catalogue;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.deps;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.message;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.openAccount;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.sqsEvent;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.usage;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.usageInvoices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.MutableClock;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.gateway.FakeCardGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the postpaid card-charge ITs share: a postpaid org with a saved card and October usage, its invoice issued by
 * the real issue handler and retried by the real retry handler, both with a scripted card gateway.
 */
final class PostpaidScenario {

    static final String ISSUE_TIME = "2026-10-31T17:00:00Z"; // 00:00 on 1 November, Jakarta

    final MutableClock clock = new MutableClock("2026-10-20T03:00:00Z");
    private final LedgerTable table;

    PostpaidScenario(LedgerTable table) {
        this.table = table;
        catalogue(table, clock);
    }

    /** A postpaid org with a saved card and 8 compute hours in October (10,000 + 1,100 tax = 11,100). */
    void postpaidOrg(String org) {
        clock.set("2026-10-20T03:00:00Z");
        openAccount(table, org, BillingType.POSTPAID, clock);
        APIGatewayV2HTTPResponse saved = putCard(org, "{\"provider\":\"sandbox\",\"cardToken\":\"tok_ok_" + org
                + "\",\"brand\":\"visa\",\"maskedNumber\":\"•••• 4242\",\"expiryMonth\":12,\"expiryYear\":2030}");
        assertEquals(200, saved.getStatusCode(), saved.getBody());
        usage(table, clock, "c-" + org, org, "compute.standard-2", "8", "2026-10-10T00:00:00+07:00",
                "2026-10-10T08:00:00+07:00");
        clock.set(ISSUE_TIME);
    }

    APIGatewayV2HTTPResponse putCard(String org, String body) {
        return new PaymentMethodAdminHandler(deps(table, clock)).handleRequest(HttpEvents.route("PUT",
                "/admin/orgs/{orgId}/payment-method", Map.of("orgId", org)).admin("admin-1").body(body).build(), null);
    }

    void deliver(FakeCardGateway gateway, String org) {
        var response = new InvoiceIssueHandler(deps(table, clock), InvoicingConfig.defaults(), gateway)
                .handleRequest(sqsEvent("m-" + org + "-" + clock.instant(), message(org, "2026-10")), null);
        assertEquals(List.of(), response.getBatchItemFailures());
    }

    Map<String, Object> retryOn(FakeCardGateway gateway, Duration afterIssue) {
        clock.set(Instant.parse(ISSUE_TIME).plus(afterIssue).toString());
        return new CardChargeRetryHandler(deps(table, clock), gateway).handleRequest(Map.of(), null);
    }

    /** The org's one usage invoice. */
    Invoice invoice(String org) {
        List<Invoice> invoices = usageInvoices(table, org);
        assertEquals(1, invoices.size());
        return invoices.get(0);
    }
}
