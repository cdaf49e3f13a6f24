package com.platform.billing.functions.invoicing;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Dependencies;
import com.platform.billing.devkit.LambdaJson;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.RepoRoot;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.Transfer;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.TransferKind;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.domain.invoice.InvoiceType;
import com.platform.billing.domain.usage.CachedCatalogue;
import com.platform.billing.domain.usage.PriceCatalogue;
import com.platform.billing.domain.usage.RecordResult;
import com.platform.billing.domain.usage.SkuCategory;
import com.platform.billing.domain.usage.UsageRecordInput;
import com.platform.billing.domain.usage.UsageRecorder;
import com.platform.billing.domain.usage.UsageUnit;
import com.platform.billing.dynamodb.DynamoAccountStore;
import com.platform.billing.dynamodb.DynamoLedger;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import com.platform.billing.dynamodb.invoice.DynamoInvoiceStore;
import com.platform.billing.dynamodb.usage.DynamoCatalogueStore;
import com.platform.billing.dynamodb.usage.DynamoUsageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Seeding through the real usage and ledger code, and reading invoices back through the real store. */
final class InvoicingFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private InvoicingFixtures() {
    }

    static Dependencies deps(LedgerTable table, Clock clock) {
        return Dependencies.of(table.dynamo(), table.name(), clock);
    }

    static void openAccount(LedgerTable table, String org, BillingType type, Clock clock) {
        new DynamoAccountStore(table.dynamo(), table.name())
                .createIfAbsent(BillingAccount.open(org, type, "IDR", clock.instant()));
    }

    static void credit(LedgerTable table, String org, long amount, Clock clock) {
        new DynamoLedger(table.dynamo(), table.name(), clock).apply(new Transfer(
                TransferId.of("adjustment", org, "seed"), org, TransferKind.ADJUSTMENT, Money.of(amount, "IDR"), "",
                "admin-1", "seed"));
    }

    static long balance(LedgerTable table, String org) {
        return new DynamoAccountStore(table.dynamo(), table.name()).find(org).orElseThrow().balance().amount();
    }

    /** The sample catalogue: compute IDR 1,250/hour, object storage IDR 450/GB-month, bare metal IDR 9,000,000. */
    static void catalogue(LedgerTable table, Clock clock) {
        PriceCatalogue catalogue = new PriceCatalogue(new DynamoCatalogueStore(table.dynamo(), table.name(), clock),
                BillingCalendar.platform(), clock);
        LocalDate from = LocalDate.parse("2026-01-01");
        catalogue.setPrice("compute.standard-2", SkuCategory.COMPUTE, UsageUnit.fromWire("hour", "unit"),
                1_250_000_000L, from, "admin-1");
        catalogue.setPrice("object-storage.standard", SkuCategory.OBJECT_STORAGE,
                UsageUnit.fromWire("GB-month", "unit"), 450_000_000L, from, "admin-1");
        catalogue.setPrice("bare-metal.m1", SkuCategory.BARE_METAL, UsageUnit.fromWire("month", "unit"),
                9_000_000_000_000L, from, "admin-1");
    }

    /** Records usage through the real recorder (rating, aggregates, billable index, closed-period rule). */
    static RecordResult usage(LedgerTable table, Clock clock, String id, String org, String sku, String quantity,
                              String start, String end) {
        UsageRecorder recorder = new UsageRecorder(new CachedCatalogue(
                new DynamoCatalogueStore(table.dynamo(), table.name(), clock), clock, Duration.ofSeconds(60)),
                new DynamoUsageStore(table.dynamo(), table.name()), BillingCalendar.platform(), clock);
        RecordResult result = recorder.record(UsageRecordInput.of(0, id, org, "res-" + id, sku, quantity, null, start,
                end), "test");
        if (!(result instanceof RecordResult.Accepted)) {
            throw new IllegalStateException("seeding usage " + id + ": " + result);
        }
        return result;
    }

    static List<Invoice> usageInvoices(LedgerTable table, String org) {
        return usageInvoices(table, org, null);
    }

    static List<Invoice> usageInvoices(LedgerTable table, String org, InvoiceStatus status) {
        return new DynamoInvoiceStore(table.dynamo(), table.name()).list(org, InvoiceType.USAGE, status, null, 100)
                .items();
    }

    /** The sample SQS event from infra/events with one message per (messageId, body). */
    static SQSEvent sqsEvent(String... idsAndBodies) {
        try {
            ObjectNode sample = (ObjectNode) JSON.readTree(Files.readString(
                    RepoRoot.events().resolve("invoicing-sqs-issue.json")));
            ObjectNode template = (ObjectNode) sample.withArray("Records").get(0);
            ArrayNode records = JSON.createArrayNode();
            for (int i = 0; i < idsAndBodies.length; i += 2) {
                ObjectNode message = template.deepCopy();
                message.put("messageId", idsAndBodies[i]);
                message.put("body", idsAndBodies[i + 1]);
                records.add(message);
            }
            sample.set("Records", records);
            return LambdaJson.fromJson(sample.toString(), SQSEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the domain event with this id was recorded (its EVENT item exists). */
    static boolean eventExists(LedgerTable table, String eventId) {
        return itemExists(table, Items.key(Keys.eventPk(eventId), Keys.eventSk()));
    }

    static boolean itemExists(LedgerTable table, Map<String, AttributeValue> key) {
        return table.dynamo().getItem(r -> r.tableName(table.name()).key(key).consistentRead(true)).hasItem();
    }

    static String message(String org, String period) {
        return "{\"orgId\":\"" + org + "\",\"period\":\"" + period + "\"}";
    }
}
