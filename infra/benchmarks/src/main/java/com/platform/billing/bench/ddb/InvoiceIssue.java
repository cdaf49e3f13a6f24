package com.platform.billing.bench.ddb;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Dependencies;
import com.platform.billing.api.Json;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LambdaJson;
import com.platform.billing.devkit.RepoRoot;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.functions.invoicing.InvoiceIssueHandler;
import com.platform.billing.functions.invoicing.InvoicingConfig;
import com.platform.billing.functions.usage.CatalogueAdminHandler;
import com.platform.billing.functions.usage.UsageRecorderHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * InvoiceIssueFunction: one SQS fan-out message {@code {"orgId","period"}} (the sample
 * {@code invoicing-sqs-issue.json} with this run's org and period) issuing the monthly invoice of a prepaid org with
 * credit and usage recorded (through POST /internal/usage) in the month that closed, the previous month of the
 * platform calendar. The credit covers the invoice, so the one transaction also deducts it (PAID, ledger transfer).
 * Budget (issue 5): at most 4 requests per org, and exactly one TransactWriteItems — a re-delivery (invoice already
 * issued) would cost 2 reads and write nothing, so the budget also proves the issuing path was taken.
 */
final class InvoiceIssue implements DdbOperation {

    private static final String SKU = "compute.standard-2";

    private String org;
    private YearMonth period;
    private InvoiceIssueHandler handler;

    @Override
    public String name() {
        return "invoice_issue";
    }

    @Override
    public Budget budget() {
        return Budget.of(Budget.atMostRequests(4), Budget.exactly("TransactWriteItems", 1));
    }

    @Override
    public void setUp(DdbContext bench) {
        CatalogueAdminHandler catalogue = bench.handler(CatalogueAdminHandler.class);
        bench.http(catalogue, HttpEvents.route("PUT", "/admin/catalogue/skus/{sku}/prices", Map.of("sku", SKU))
                .admin(Fixtures.ADMIN)
                .body("{\"unitPriceMicros\":1250000000,\"effectiveFrom\":\"2020-01-01\",\"category\":\"compute\","
                        + "\"unit\":\"hour\"}"));
        org = bench.newOrg("bench-invoice");
        Fixtures.account(bench, org, "PREPAID", 100_000);
        Dependencies dependencies = bench.dependencies();
        var calendar = dependencies.config().calendar();
        period = calendar.periodOf(dependencies.clock().instant()).minusMonths(1);
        // two hours on the 10th of the closed month, Jakarta time: well inside it, never near a boundary
        OffsetDateTime start = ZonedDateTime.of(period.atDay(10), LocalTime.of(9, 0), calendar.zone())
                .toOffsetDateTime();
        ArrayNode records = Json.MAPPER.createArrayNode();
        for (int i = 0; i < 3; i++) {
            records.addObject()
                    .put("id", org + "-usage-" + i)
                    .put("orgId", org)
                    .put("resourceId", "vm-" + i)
                    .put("sku", SKU)
                    .put("quantity", "2")
                    .put("start", start.plusHours(i).toString())
                    .put("end", start.plusHours(i + 2).toString());
        }
        ObjectNode body = Json.object();
        body.set("records", records);
        UsageRecorderHandler usage = bench.handler(UsageRecorderHandler.class, UsageRecord.defaultSettings());
        JsonNode answer = bench.http(usage, HttpEvents.fromFile("http-usage-post-internal.json").body(body.toString()));
        if (answer.path("accepted").asInt() != records.size()) {
            throw new IllegalStateException("usage not recorded: " + answer);
        }
        handler = issueHandler(dependencies);
    }

    @Override
    public void measure(DdbContext bench) {
        SQSEvent event = sampleEvent(org, period);
        SQSBatchResponse response = handler.handleRequest(event, null);
        if (!response.getBatchItemFailures().isEmpty()) {
            throw new IllegalStateException("the issuing message failed (see handlers.log)");
        }
    }

    /** The sample fan-out message with this run's org and period. */
    private static SQSEvent sampleEvent(String org, YearMonth period) {
        String json;
        try {
            json = Files.readString(RepoRoot.get().resolve("infra/events/invoicing-sqs-issue.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SQSEvent event = LambdaJson.fromJson(json, SQSEvent.class);
        ObjectNode message = Json.object();
        message.put("orgId", org);
        message.put("period", period.toString());
        event.getRecords().getFirst().setBody(message.toString());
        return event;
    }

    /**
     * The handler through its test seam ({@code Dependencies}, config, gateway — null = the configured one, never
     * asked for here: a prepaid invoice is not charged to a card).
     */
    private static InvoiceIssueHandler issueHandler(Dependencies dependencies) {
        try {
            Constructor<InvoiceIssueHandler> constructor = InvoiceIssueHandler.class.getDeclaredConstructor(
                    Dependencies.class, InvoicingConfig.class, PaymentGateway.class);
            constructor.setAccessible(true);
            return constructor.newInstance(dependencies, InvoicingConfig.defaults(), null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build InvoiceIssueHandler", e);
        }
    }
}
