package com.platform.billing.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Json;
import com.platform.billing.bench.BenchmarkSetupException;
import com.platform.billing.bench.Report;
import com.platform.billing.devkit.AwsBackend;
import com.platform.billing.devkit.RepoRoot;
import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.dynamodb.LedgerAuditor;
import com.platform.billing.local.LocalOptions;
import com.platform.billing.local.LocalRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Issue 5's run over many orgs on the local runtime: {@code invoice_run orgs=<n> invoices=<n> seconds=<s>
 * requests_per_org=<r> calls=<Op:n,…>}.
 *
 * <p>The local runtime (infra/local-runtime) is started in-process on the repository's template.yaml, a fresh table,
 * and the benchmark's AWS backend behind a {@link CountingProxy}. Set-up goes through the real HTTP routes: a
 * catalogue price (admin), then per org a PREPAID account and credit (admin routes), then one usage record per org in
 * the month before the current one (POST /internal/usage with {@code x-local-iam-role: platform}, batches of 100).
 * Measured: {@code POST /_local/schedules/InvoiceRunFunction} with the scheduled event's {@code time} = the 1st of the
 * current month 00:00 Asia/Jakarta (the run bills the month before it). The local runtime leaves the fan-out queue
 * unset, so the dispatcher issues every org in-process, one after the other (the invoicing README's local mode).
 * {@code seconds} is the wall time of that one request; {@code requests_per_org} = DynamoDB requests the proxy saw
 * during it ÷ orgs. Then every org's invoices are read back through GET /orgs/{orgId}/invoices (a member token of
 * that org) for a sample of 50: exactly one USAGE invoice of the period, PAID from credit. {@code invoices} counts
 * the period's closed markers ({@code PERIOD#{period}/CLOSED#{org}}) that name an invoice.
 */
public final class InvoiceRunBenchmark {

    public static final int DEFAULT_ORGS = 1000;
    private static final int BATCH = 100;
    private static final String SKU = "compute.standard-2";
    /** 2 h at IDR 1,250 = 2,500 + 11 % tax = 2,775; the credit covers it, so every invoice is PAID from credit. */
    private static final long CREDIT = 10_000;
    private static final int SETUP_THREADS = 4;
    /** Orgs read back through the HTTP route after the run. */
    private static final int SAMPLE = 50;

    private final Report report;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private URI base;
    private String adminToken;

    private InvoiceRunBenchmark(Report report) {
        this.report = report;
    }

    public static void run(AwsBackend backend, int orgs, Report report) {
        new InvoiceRunBenchmark(report).measure(backend, orgs);
    }

    private void measure(AwsBackend backend, int orgCount) {
        String subject = "invoice_run orgs=" + orgCount;
        String table = "billing-bench-run-" + UUID.randomUUID().toString().substring(0, 8);
        PrintStream stdout = System.out;
        try (CountingProxy proxy = CountingProxy.start(backend.endpoint())) {
            // the runtime logs every request on stdout: that goes to a file, stdout keeps only the figures
            PrintStream runtimeLog = new PrintStream(new java.io.FileOutputStream(
                    RepoRoot.get().resolve("infra/benchmarks/target/bench/local-runtime.log").toFile()), true);
            System.setOut(runtimeLog);
            LocalRuntime runtime = LocalRuntime.start(LocalOptions.parse(new String[] {"--port", "0", "--endpoint",
                    proxy.endpoint().toString(), "--table", table, "--template",
                    RepoRoot.get().resolve("template.yaml").toString()}, Map.of()));
            try {
                base = runtime.baseUrl();
                adminToken = runtime.mintToken("bench-admin", List.of(), List.of("admin"));
                runAgainst(runtime, proxy, orgCount, subject);
            } finally {
                runtime.close();
                System.setOut(stdout);
                runtimeLog.close();
                try (DynamoDbClient dynamo = backend.dynamoDb()) {
                    dynamo.deleteTable(r -> r.tableName(table));
                } catch (RuntimeException e) {
                    report.note("could not delete " + table + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new BenchmarkSetupException("invoice run: " + e.getMessage());
        } catch (RuntimeException e) {
            report.fail(subject, "error=\"" + String.valueOf(e.getMessage()).replace('"', '\'').replace('\n', ' ')
                    + "\"");
        } finally {
            System.setOut(stdout);
        }
    }

    private void runAgainst(LocalRuntime runtime, CountingProxy proxy, int orgCount, String subject) {
        BillingCalendar calendar = BillingCalendar.platform();
        YearMonth current = calendar.currentPeriod(Clock.systemUTC());
        YearMonth period = current.minusMonths(1);
        OffsetDateTime runAt = ZonedDateTime.of(current.atDay(1), LocalTime.MIDNIGHT, calendar.zone())
                .toOffsetDateTime();
        OffsetDateTime usageStart = ZonedDateTime.of(period.atDay(10), LocalTime.of(9, 0), calendar.zone())
                .toOffsetDateTime();
        String prefix = "bench-run-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        List<String> orgs = new ArrayList<>();
        for (int i = 0; i < orgCount; i++) {
            orgs.add(prefix + String.format(Locale.ROOT, "%05d", i));
        }

        long setupStart = System.nanoTime();
        expect2xx(send("PUT", "/admin/catalogue/skus/" + SKU + "/prices", adminToken, Map.of(),
                "{\"unitPriceMicros\":1250000000,\"effectiveFrom\":\"2020-01-01\",\"category\":\"compute\","
                        + "\"unit\":\"hour\"}"));
        parallel(orgs, org -> {
            expect2xx(send("PUT", "/admin/orgs/" + org + "/billing-account", adminToken, Map.of(),
                    "{\"billingType\":\"PREPAID\"}"));
            expect2xx(send("POST", "/admin/orgs/" + org + "/credit-adjustments", adminToken,
                    Map.of("Idempotency-Key", "bench-" + org), "{\"amount\":" + CREDIT
                            + ",\"reason\":\"benchmark\"}"));
        }, "accounts with credit");
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < orgs.size(); i += BATCH) {
            batches.add(orgs.subList(i, Math.min(orgs.size(), i + BATCH)));
        }
        parallel(batches, batch -> recordUsage(batch, usageStart), "usage batches of " + BATCH);
        report.note(String.format(Locale.ROOT, "invoice run: set-up of %d orgs took %.1f s; firing the run for %s",
                orgCount, (System.nanoTime() - setupStart) / 1e9, period));

        proxy.reset();
        long start = System.nanoTime();
        HttpResponse<String> fired = send("POST", "/_local/schedules/InvoiceRunFunction", null, Map.of(),
                "{\"time\":\"" + runAt + "\"}");
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> calls = proxy.snapshot();
        expect2xx(fired);
        JsonNode summary = Json.readObject(fired.body());

        // invoices: the closed-period markers of the period that name an invoice (one Query of the PERIOD#
        // partition, not counted); then GET /orgs/{orgId}/invoices for a sample of orgs, spread over the list
        // (each is a GSI Query, which moto answers by walking the whole table: all 1,000 would take minutes)
        Set<String> invoiced = invoicedOrgs(runtime, period);
        int invoices = 0;
        for (String org : orgs) {
            if (invoiced.contains(org)) {
                invoices++;
            }
        }
        List<String> wrong = new ArrayList<>();
        int step = Math.max(1, orgCount / SAMPLE);
        int sampled = 0;
        for (int i = 0; i < orgCount; i += step) {
            String org = orgs.get(i);
            sampled++;
            String member = runtime.mintToken("bench-member", List.of(org), List.of());
            JsonNode items = Json.readObject(expect2xx(send("GET", "/orgs/" + org + "/invoices?type=USAGE", member,
                    Map.of(), null)).body()).path("items");
            List<JsonNode> ofPeriod = new ArrayList<>();
            items.forEach(item -> {
                if (period.toString().equals(item.path("period").asText())) {
                    ofPeriod.add(item);
                }
            });
            if (ofPeriod.size() != 1 || !"PAID".equals(ofPeriod.getFirst().path("status").asText())) {
                wrong.add(org + ":" + items);
            }
        }
        report.note("invoice run: " + sampled + " sampled orgs read back through GET /orgs/{orgId}/invoices, "
                + wrong.size() + " without exactly one PAID invoice of " + period);
        if (!wrong.isEmpty()) {
            report.fail(subject, "sample_wrong=" + wrong.size() + " first=\"" + wrong.getFirst().replace('"', '\'')
                    + "\"");
        }

        long requests = calls.values().stream().mapToLong(Long::longValue).sum();
        String callText = calls.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
        report.line(String.format(Locale.ROOT, "invoice_run orgs=%d invoices=%d seconds=%.1f requests_per_org=%.2f"
                + " requests=%d calls=%s", orgCount, invoices, seconds, requests / (double) orgCount, requests,
                callText));
        report.note("invoice run answered " + summary);
        if (invoices != orgCount) {
            report.fail(subject, "invoices=" + invoices + " expected=" + orgCount);
        }
        // per org: issuing ≤ 4 (issue 5); per run: the dispatcher's 16 shard Queries of the billable index
        long budget = 4L * orgCount + 16;
        if (requests > budget || calls.getOrDefault("Scan", 0L) > 0) {
            report.fail(subject, "budget=\"requests<=" + budget + ",Scan=0\" measured=\"" + callText + "\"");
        }
        LedgerAuditor.Report audit = new LedgerAuditor(runtime.dynamo(), runtime.tableName()).audit();
        if (!audit.clean()) {
            report.fail(subject, "ledger_audit differences=\"" + audit.differences() + "\"");
        } else {
            report.note("invoice run: ledger auditor clean over " + audit.accounts() + " accounts, "
                    + audit.entries() + " entries");
        }
    }

    /** Orgs whose period {@code period} was closed with an invoice: Query {@code PERIOD#{period}} (paged). */
    private static Set<String> invoicedOrgs(LocalRuntime runtime, YearMonth period) {
        Set<String> orgs = new HashSet<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(runtime.tableName())
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :closed)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PERIOD#" + period),
                            ":closed", AttributeValue.fromS("CLOSED#")))
                    .consistentRead(true);
            if (startKey != null) {
                query.exclusiveStartKey(startKey);
            }
            QueryResponse page = runtime.dynamo().query(query.build());
            for (Map<String, AttributeValue> item : page.items()) {
                AttributeValue invoiceId = item.get("invoiceId");
                if (invoiceId != null && invoiceId.s() != null && !invoiceId.s().isEmpty()) {
                    orgs.add(item.get("SK").s().substring("CLOSED#".length()));
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey()
                    : null;
        } while (startKey != null);
        return orgs;
    }

    private void recordUsage(List<String> orgs, OffsetDateTime start) {
        ArrayNode records = Json.MAPPER.createArrayNode();
        for (String org : orgs) {
            records.addObject()
                    .put("id", org + "-usage-1")
                    .put("orgId", org)
                    .put("resourceId", "vm-1")
                    .put("sku", SKU)
                    .put("quantity", "2")
                    .put("start", start.toString())
                    .put("end", start.plusHours(2).toString());
        }
        ObjectNode body = Json.object();
        body.set("records", records);
        JsonNode answer = Json.readObject(expect2xx(send("POST", "/internal/usage", null,
                Map.of("x-local-iam-role", "platform"), body.toString())).body());
        if (answer.path("accepted").asInt() != orgs.size()) {
            throw new IllegalStateException("usage batch not fully accepted: " + answer);
        }
    }

    private interface Step<T> {
        void run(T item);
    }

    private <T> void parallel(List<T> items, Step<T> step, String what) {
        ExecutorService pool = Executors.newFixedThreadPool(SETUP_THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> step.run(item)));
            }
            int done = 0;
            for (Future<?> future : futures) {
                future.get();
                if (++done % 250 == 0) {
                    report.note("invoice run: " + done + "/" + items.size() + " " + what);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<String> send(String method, String path, String token, Map<String, String> headers,
            String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> expect2xx(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
                    + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }
}
