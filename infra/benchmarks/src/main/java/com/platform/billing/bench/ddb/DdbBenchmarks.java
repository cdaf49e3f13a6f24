package com.platform.billing.bench.ddb;

import com.platform.billing.api.Dependencies;
import com.platform.billing.bench.Report;
import com.platform.billing.devkit.AwsBackend;
import com.platform.billing.devkit.LedgerTableFactory;
import com.platform.billing.devkit.RequestCounter;
import com.platform.billing.devkit.Template;
import com.platform.billing.dynamodb.DynamoDbClients;
import com.platform.billing.dynamodb.LedgerAuditor;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB cost per operation, counted rather than guessed: each operation's handler runs on a client built by the
 * production factory ({@link DynamoDbClients}) with devkit's {@link RequestCounter} attached; the counter is reset
 * after set-up, so a figure is exactly the requests of the one measured call (retries included — each is billed).
 */
public final class DdbBenchmarks {

    /** Every measured operation, in output order. Add a line here for a new one. */
    static final List<Supplier<DdbOperation>> OPERATIONS = List.of(
            CreditAdjustment::new,
            BillingAccountPut::new,
            BillingAccountChange::new,
            BillingSummary::new,
            LedgerEntries::new,
            TopUpInquiryBench::new,
            PgCallbackBench::new,
            VoucherRedeem::new,
            UsageRecord::new,
            InvoiceIssue::new,
            BareMetalChargeBench::new);

    private DdbBenchmarks() {
    }

    public static void run(AwsBackend backend, Template template, Report report) {
        String table = "billing-bench-ddb-" + UUID.randomUUID().toString().substring(0, 8);
        try (DynamoDbClient admin = backend.dynamoDb()) {
            LedgerTableFactory.createIfAbsent(admin, template, table, false);
            try {
                RequestCounter counter = new RequestCounter();
                try (DynamoDbClient counted = DynamoDbClients.create(AwsBackend.REGION, AwsBackend.CREDENTIALS,
                        backend.endpoint(), List.of(counter))) {
                    DdbContext bench = new DdbContext(Dependencies.of(counted, table, Clock.systemUTC()), counter);
                    for (Supplier<DdbOperation> operation : OPERATIONS) {
                        measure(operation.get(), bench, report);
                    }
                }
                audit(admin, table, report);
            } finally {
                admin.deleteTable(r -> r.tableName(table));
            }
        }
    }

    private static void measure(DdbOperation operation, DdbContext bench, Report report) {
        String subject = "ddb_requests op=" + operation.name();
        Usage usage;
        try {
            operation.setUp(bench);
            bench.counter().reset();
            operation.measure(bench);
            usage = new Usage(bench.counter().requests(), bench.counter().itemsWritten());
        } catch (RuntimeException e) {
            report.fail(subject, "error=\"" + describe(e) + "\"");
            return;
        }
        report.line(subject + " requests=" + usage.total() + " items_written=" + usage.itemsWritten()
                + " calls=" + usage.calls() + operation.details(usage));
        List<String> broken = operation.budget().broken(usage);
        if (!broken.isEmpty()) {
            report.fail(subject, "budget=\"" + operation.budget().text() + "\" broken=\"" + String.join(",", broken)
                    + "\" measured=\"" + usage.calls() + "\"");
        }
    }

    /** The ledger invariant after every operation above: each balance equals the sum of its entries. */
    private static void audit(DynamoDbClient dynamo, String table, Report report) {
        LedgerAuditor.Report audit = new LedgerAuditor(dynamo, table).audit();
        report.line("ledger_audit accounts=" + audit.accounts() + " entries=" + audit.entries() + " differences="
                + audit.differences().size());
        if (!audit.clean()) {
            report.fail("ledger_audit", "differences=\"" + audit.differences() + "\"");
        }
    }

    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.toString().replace('"', '\'').replace('\n', ' ');
    }
}
