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
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.MutableClock;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.invoice.AppliedPayment;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceLine;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.domain.usage.RecordResult;
import com.platform.billing.dynamodb.LedgerAuditor;
import com.platform.billing.dynamodb.billingrun.DynamoUsageInvoiceIssuer;
import com.platform.billing.gateway.FakeCardGateway;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithLedgerTable
class InvoiceIssueIT {

    private final LedgerTable table;
    private final MutableClock clock = new MutableClock("2026-10-20T03:00:00Z");

    InvoiceIssueIT(LedgerTable table) {
        this.table = table;
        catalogue(table, clock);
    }

    private InvoiceIssueHandler handler() {
        return new InvoiceIssueHandler(deps(table, clock), InvoicingConfig.defaults(), new FakeCardGateway());
    }

    @Test
    void issue_whenPrepaidCreditShort_appliesCreditLeavesRestDueWithinFourRequests() {
        String org = "org-short";
        openAccount(table, org, BillingType.PREPAID, clock);
        credit(table, org, 30_000, clock);
        // 80 hours × IDR 1,250 = 100,000; plus 10 GB-month of object storage (included on the invoice) and bare
        // metal (excluded).
        usage(table, clock, "c-1", org, "compute.standard-2", "80", "2026-10-15T00:00:00+07:00",
                "2026-10-18T08:00:00+07:00");
        usage(table, clock, "bm-1", org, "bare-metal.m1", "1", "2026-10-01T00:00:00+07:00",
                "2026-10-02T00:00:00+07:00");
        clock.set("2026-10-31T17:00:00Z"); // 00:00 on 1 November, Jakarta

        table.counter().reset();
        SQSBatchResponse response = handler().handleRequest(sqsEvent("m-1", message(org, "2026-10")), null);

        assertEquals(List.of(), response.getBatchItemFailures());
        assertTrue(table.counter().totalRequests() <= 4, "invoice_issue requests: " + table.counter().requests());
        List<Invoice> invoices = usageInvoices(table, org);
        assertEquals(1, invoices.size());
        Invoice invoice = invoices.get(0);
        assertEquals(List.of("compute.standard-2"), invoice.lines().stream().map(InvoiceLine::sku).toList());
        assertEquals(0, new BigDecimal("80").compareTo(invoice.lines().get(0).quantity()));
        assertEquals(100_000, invoice.subtotal().amount());
        assertEquals(11_000, invoice.taxAmount().amount());
        assertEquals(111_000, invoice.total().amount());
        assertEquals(30_000, invoice.creditsApplied().amount());
        assertEquals(81_000, invoice.amountDue().amount());
        assertEquals(InvoiceStatus.PARTIALLY_PAID, invoice.status());
        assertEquals(YearMonth.parse("2026-10"), invoice.period());
        assertEquals(AppliedPayment.Source.CREDIT, invoice.payments().get(0).source());
        assertEquals("invoice:" + invoice.id() + ":credit", invoice.payments().get(0).reference());
        assertTrue(invoice.number().value().startsWith("INV/2026/10/"));
        assertEquals(0, balance(table, org));
        assertTrue(new LedgerAuditor(table.dynamo(), table.name()).audit().clean());
        assertTrue(eventExists(table, invoice.id() + ".issued"));
    }

    @Test
    void issue_whenMessageDeliveredTwice_issuesOneInvoiceAndDeductsCreditOnce() {
        String org = "org-twice";
        openAccount(table, org, BillingType.PREPAID, clock);
        credit(table, org, 500_000, clock);
        usage(table, clock, "c-2", org, "compute.standard-2", "8", "2026-10-10T00:00:00+07:00",
                "2026-10-10T08:00:00+07:00");
        usage(table, clock, "os-2", org, "object-storage.standard", "10", "2026-10-10T00:00:00+07:00",
                "2026-10-10T08:00:00+07:00");
        clock.set("2026-10-31T17:05:00Z");

        SQSBatchResponse first = handler().handleRequest(sqsEvent("m-2", message(org, "2026-10"),
                "m-2-again", message(org, "2026-10")), null);
        table.counter().reset();
        SQSBatchResponse second = handler().handleRequest(sqsEvent("m-2-later", message(org, "2026-10")), null);

        assertEquals(List.of(), first.getBatchItemFailures());
        assertEquals(List.of(), second.getBatchItemFailures());
        assertEquals(0, table.counter().requests("TransactWriteItems") + table.counter().requests("UpdateItem"),
                "a re-delivery writes nothing");
        List<Invoice> invoices = usageInvoices(table, org);
        assertEquals(1, invoices.size());
        Invoice invoice = invoices.get(0);
        // 8 × 1,250 = 10,000 compute + 10 × 450 = 4,500 object storage; tax 1,595
        assertEquals(14_500, invoice.subtotal().amount());
        assertEquals(16_095, invoice.total().amount());
        assertEquals(InvoiceStatus.PAID, invoice.status());
        assertEquals(500_000 - 16_095, balance(table, org));
        assertTrue(eventExists(table, invoice.id() + ".paid"));
        assertTrue(new LedgerAuditor(table.dynamo(), table.name()).audit().clean());
    }

    @Test
    void issue_whenUsageOnBothSidesOfJakartaMidnight_billsEachInItsOwnMonthAndLateUsageNextMonth() {
        String org = "org-edge";
        openAccount(table, org, BillingType.POSTPAID, clock);
        clock.set("2026-10-31T17:01:00Z");
        usage(table, clock, "last-second", org, "compute.standard-2", "1", "2026-10-31T23:59:59+07:00",
                "2026-10-31T23:59:59+07:00");
        usage(table, clock, "first-second", org, "compute.standard-2", "2", "2026-11-01T00:00:00+07:00",
                "2026-11-01T00:00:00+07:00");
        DynamoUsageInvoiceIssuer issuer = new DynamoUsageInvoiceIssuer(table.dynamo(), table.name(), clock,
                InvoicingConfig.defaults().taxRule(), InvoicingConfig.defaults().dueIn());

        Invoice october = issuer.issue(org, YearMonth.parse("2026-10")).invoice();
        // October usage arriving after October was invoiced is billed in November, on a line of its own.
        RecordResult late = usage(table, clock, "late-oct", org, "compute.standard-2", "4",
                "2026-10-31T10:00:00+07:00", "2026-10-31T11:00:00+07:00");
        clock.set("2026-11-30T17:00:00Z");
        Invoice november = issuer.issue(org, YearMonth.parse("2026-11")).invoice();

        assertTrue(late instanceof RecordResult.Accepted accepted && accepted.late());
        assertEquals(1_250, october.subtotal().amount());
        assertEquals(InvoiceStatus.OPEN, october.status(), "postpaid: nothing deducted from credit");
        assertEquals(2, november.lines().size());
        assertEquals(2_500 + 5_000, november.subtotal().amount());
        assertTrue(november.lines().stream().anyMatch(l -> l.description().contains("late usage of 2026-10")));
        assertEquals(0, balance(table, org));
    }

    @Test
    void issue_whenNoInvoicedUsage_issuesNoInvoiceButClosesThePeriod() {
        String org = "org-zero";
        openAccount(table, org, BillingType.PREPAID, clock);
        credit(table, org, 10_000, clock);
        usage(table, clock, "bm-z", org, "bare-metal.m1", "1", "2026-10-01T00:00:00+07:00",
                "2026-10-02T00:00:00+07:00");
        clock.set("2026-10-31T17:10:00Z");

        SQSBatchResponse response = handler().handleRequest(sqsEvent("m-z", message(org, "2026-10"),
                "m-none", message("org-zero", "2026-09")), null);

        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(List.of(), usageInvoices(table, org));
        assertEquals(10_000, balance(table, org));
        assertTrue(itemExists(table, DynamoUsageInvoiceIssuer.markerKey(org, YearMonth.parse("2026-10"))));
    }

    @Test
    void handleRequest_whenMessageUnusable_failsOnlyThatMessage() {
        String org = "org-bad";
        openAccount(table, org, BillingType.PREPAID, clock);
        clock.set("2026-10-31T17:10:00Z");

        SQSBatchResponse response = handler().handleRequest(sqsEvent("bad-1", "{\"orgId\":\"x\"}",
                "good-1", message(org, "2026-10"), "bad-2", message("org-nobody", "2026-10")), null);

        assertEquals(List.of("bad-1", "bad-2"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
    }
}
