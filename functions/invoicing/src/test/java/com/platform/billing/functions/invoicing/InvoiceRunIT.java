package com.platform.billing.functions.invoicing;

import static com.platform.billing.functions.invoicing.InvoicingFixtures.catalogue;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.credit;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.deps;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.openAccount;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.usage;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.usageInvoices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.devkit.AwsBackend;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.MutableClock;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.gateway.FakeCardGateway;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

@WithLedgerTable
class InvoiceRunIT {

    private static final List<String> ORGS = List.of("org-a", "org-b", "org-c");

    private final LedgerTable table;
    private final MutableClock clock = new MutableClock("2026-10-20T03:00:00Z");

    InvoiceRunIT(LedgerTable table) {
        this.table = table;
        catalogue(table, clock);
    }

    /** Three orgs with usage in {@code period} (prepaid with credit, prepaid without, postpaid); clock → the 1st. */
    private List<String> seed(String prefix, String period) {
        java.time.YearMonth month = java.time.YearMonth.parse(period);
        clock.set(month.atDay(20) + "T03:00:00Z");
        List<String> orgs = ORGS.stream().map(o -> prefix + "-" + o).toList();
        for (String org : orgs) {
            openAccount(table, org, org.endsWith("org-c") ? BillingType.POSTPAID : BillingType.PREPAID, clock);
            usage(table, clock, "u-" + org, org, "compute.standard-2", "10", month.atDay(5) + "T00:00:00+07:00",
                    month.atDay(5) + "T10:00:00+07:00");
        }
        credit(table, orgs.get(0), 1_000_000, clock);
        clock.set(month.plusMonths(1).atDay(1).atStartOfDay(java.time.ZoneId.of("Asia/Jakarta")).toInstant()
                .toString()); // the schedule's 00:00 on the 1st, Jakarta
        return orgs;
    }

    @Test
    void run_whenFiredTwiceInLocalMode_issuesOneInvoicePerOrg() throws Exception {
        List<String> orgs = seed("local", "2026-10");
        InvoiceRunHandler run = new InvoiceRunHandler(deps(table, clock), InvoicingConfig.defaults(),
                new FakeCardGateway());
        Map<String, Object> scheduled = InvoicingFixtures.JSON.readValue("{}", Map.class);
        Map<String, Object> byHand = InvoicingFixtures.JSON.readValue(
                Files.readString(com.platform.billing.devkit.RepoRoot.events().resolve("invoicing-schedule-run.json"))
                        .replace("2026-11", "2026-10"), Map.class);

        Map<String, Object> first = run.handleRequest(scheduled, null);
        Map<String, Object> second = run.handleRequest(byHand, null);

        assertEquals("2026-10", first.get("period"), "the schedule bills the month that just closed");
        assertEquals(3, first.get("orgs"));
        assertEquals(3, first.get("issued"));
        assertEquals(0, second.get("issued"));
        for (String org : orgs) {
            assertEquals(1, usageInvoices(table, org).size(), org);
        }
        assertEquals(1, usageInvoices(table, orgs.get(0), InvoiceStatus.PAID).size());
        assertEquals(1, usageInvoices(table, orgs.get(1), InvoiceStatus.OPEN).size(), "prepaid without credit");
        assertEquals(1, usageInvoices(table, orgs.get(2), InvoiceStatus.OPEN).size(), "postpaid");
    }

    @Test
    void run_whenQueueConfigured_fansOutOneMessagePerOrgAndDuplicatesIssueNothingMore() {
        List<String> orgs = seed("queued", "2026-08");
        try (SqsClient sqs = SqsClient.builder().endpointOverride(table.endpoint()).region(AwsBackend.REGION)
                .credentialsProvider(AwsBackend.CREDENTIALS).httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            String queueUrl = sqs.createQueue(r -> r.queueName(table.name() + "-issue")).queueUrl();
            InvoiceRun run = InvoiceRun.queued(table.dynamo(), table.name(), sqs, queueUrl);
            table.counter().reset();

            InvoiceRun.Summary first = run.run(java.time.YearMonth.parse("2026-08"));
            InvoiceRun.Summary second = run.run(java.time.YearMonth.parse("2026-08"));
            long dispatchQueries = table.counter().requests("Query");
            long dispatchScans = table.counter().requests("Scan");
            List<Message> messages = receiveAll(sqs, queueUrl);
            SQSEvent event = InvoicingFixtures.sqsEvent(messages.stream()
                    .flatMap(m -> java.util.stream.Stream.of(m.messageId(), m.body())).toArray(String[]::new));
            SQSBatchResponse response = new InvoiceIssueHandler(deps(table, clock), InvoicingConfig.defaults(),
                    new FakeCardGateway())
                    .handleRequest(event, null);

            assertEquals(3, first.dispatched());
            assertEquals(3, second.dispatched());
            assertEquals(6, messages.size());
            assertEquals(32, dispatchQueries, "16 shard queries per dispatch");
            assertEquals(0, dispatchScans);
            assertEquals(List.of(), response.getBatchItemFailures());
            for (String org : orgs) {
                assertEquals(1, usageInvoices(table, org).size(), org);
            }
        }
    }

    @Test
    void adminRun_whenAdminFiresClosedPeriod_answers202AndRefusesOthers() throws Exception {
        List<String> orgs = seed("admin", "2026-07");
        clock.set("2026-10-31T17:00:00Z"); // a past period, fired by hand in November
        InvoiceRunAdminHandler admin = new InvoiceRunAdminHandler(deps(table, clock), InvoicingConfig.defaults(),
                new FakeCardGateway());

        APIGatewayV2HTTPResponse ok = admin.handleRequest(HttpEvents.route("POST", "/admin/invoice-runs", Map.of())
                .admin("admin-1").body("{\"period\":\"2026-07\"}").build(), null);
        APIGatewayV2HTTPResponse member = admin.handleRequest(HttpEvents.route("POST", "/admin/invoice-runs",
                Map.of()).member("user-1", "org-a").body("{\"period\":\"2026-07\"}").build(), null);
        APIGatewayV2HTTPResponse open = admin.handleRequest(HttpEvents.route("POST", "/admin/invoice-runs",
                Map.of()).admin("admin-1").body("{\"period\":\"2026-11\"}").build(), null);
        APIGatewayV2HTTPResponse bad = admin.handleRequest(HttpEvents.route("POST", "/admin/invoice-runs",
                Map.of()).admin("admin-1").body("{\"period\":\"2026-13\"}").build(), null);

        assertEquals(202, ok.getStatusCode());
        JsonNode body = InvoicingFixtures.JSON.readTree(ok.getBody());
        assertEquals(3, body.path("orgs").asInt());
        assertEquals(403, member.getStatusCode());
        assertEquals(400, open.getStatusCode());
        assertEquals(400, bad.getStatusCode());
        assertTrue(bad.getBody().contains("urn:problem-type:billing:"));
        for (String org : orgs) {
            assertEquals(1, usageInvoices(table, org).size(), org);
        }
    }

    private static List<Message> receiveAll(SqsClient sqs, String queueUrl) {
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (batch.isEmpty() && all.size() >= 6) {
                break;
            }
            all.addAll(batch);
        }
        return all;
    }

}
