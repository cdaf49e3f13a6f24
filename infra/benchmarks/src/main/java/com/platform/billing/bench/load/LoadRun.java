package com.platform.billing.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Json;
import com.platform.billing.bench.BenchmarkSetupException;
import com.platform.billing.bench.Report;
import com.platform.billing.devkit.AwsBackend;
import com.platform.billing.devkit.RepoRoot;
import com.platform.billing.dynamodb.LedgerAuditor;
import com.platform.billing.local.LocalOptions;
import com.platform.billing.local.LocalRuntime;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Issue 8's load run: {@code load requests=<n> errors=<n> p50_ms=<n> p99_ms=<n>}, then the auditor's result.
 *
 * <p>The local runtime (infra/local-runtime) is started in-process on the repository's template.yaml and a fresh
 * table on the benchmark's AWS backend (moto on loopback). Set-up through the real routes: a catalogue price, then
 * {@code --orgs} PREPAID orgs with opening credit, and a batch of single-use voucher codes. Then {@code --clients}
 * clients (default 32) send requests for {@code --seconds} (default 60), each picking an org at random and one of:
 * <ul>
 *   <li>reads: the billing summary, the invoices, the ledger entries (member token of the org);</li>
 *   <li>a top-up: POST /orgs/{orgId}/topups, then the sandbox's Pay (the sandbox signs and delivers the webhook
 *       notification like a gateway); one in five is paid twice (a duplicated notification, applied once);</li>
 *   <li>a voucher redemption of a fresh code; one in ten re-uses a code another org redeemed (an expected 4xx);</li>
 *   <li>an admin credit adjustment with a fresh Idempotency-Key; one in five replays an earlier key (applied
 *       once);</li>
 *   <li>a usage record (POST /internal/usage, platform IAM role); one in five replays an earlier record id.</li>
 * </ul>
 * Every HTTP request the clients send is one in {@code requests} and in the latency percentiles (the webhook delivery
 * the sandbox makes inside Pay is part of Pay's latency). An error is a 5xx, a connection failure or timeout, or a
 * status the operation does not expect; the expected refusals (re-used voucher codes, the voucher attempt limiter)
 * are counted apart as {@code expected_4xx}. A {@code 409 concurrent-update} ("nothing was applied; retry as is",
 * docs/problems.md) is sent again as the console's user would, up to {@link #CONFLICT_ATTEMPTS} attempts with a
 * jittered pause, and counted in {@code conflicts_retried}; still 409 after that is an error. After the run: the
 * {@link LedgerAuditor} over the table, and every org's credit as the billing page shows it against the clients' own
 * tally of what they were told was applied. Any error, auditor difference or tally mismatch is a FAIL line (non-zero
 * exit).
 */
public final class LoadRun {

    public static final int DEFAULT_CLIENTS = 32;
    public static final int DEFAULT_SECONDS = 60;
    public static final int DEFAULT_ORGS = 20;
    private static final String SKU = "compute.standard-2";
    private static final long OPENING_CREDIT = 1_000_000;
    private static final long TOP_UP = 50_000;
    private static final long VOUCHER_AMOUNT = 25_000;
    /** Single-use codes per second of run (a 60 s run redeems about 50): enough, without growing the table moto walks. */
    private static final int VOUCHER_CODES_PER_SECOND = 4;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** A 409 concurrent-update is sent again as is, up to this many attempts in all, with a jittered pause. */
    private static final int CONFLICT_ATTEMPTS = 4;

    /** What a client does, with its weight in the mix. */
    private enum Operation {
        BILLING_SUMMARY(20), INVOICES(10), LEDGER_ENTRIES(10), TOP_UP(15), VOUCHER_REDEMPTION(10),
        CREDIT_ADJUSTMENT(15), USAGE_RECORD(20);

        final int weight;

        Operation(int weight) {
            this.weight = weight;
        }
    }

    private final Report report;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private URI base;
    private String adminToken;
    private List<String> orgs;
    private Map<String, String> memberTokens;
    /** Credit each org was told it got (2xx answers to first applications): compared with the billing page. */
    private AtomicLongArray tally;
    private final ConcurrentLinkedQueue<String> freshCodes = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> redeemedCodes = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Replay> adjustmentKeys = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> usageRecords = new ConcurrentLinkedQueue<>();
    private final Stats stats = new Stats();

    private record Replay(int org, String key, long amount) {
    }

    private LoadRun(Report report) {
        this.report = report;
    }

    public static void run(AwsBackend backend, int clients, int seconds, int orgCount, Report report) {
        new LoadRun(report).measure(backend, clients, seconds, orgCount);
    }

    private void measure(AwsBackend backend, int clients, int seconds, int orgCount) {
        String subject = "load clients=" + clients + " seconds=" + seconds;
        String table = "billing-bench-load-" + UUID.randomUUID().toString().substring(0, 8);
        PrintStream stdout = System.out;
        try (PrintStream runtimeLog = new PrintStream(new FileOutputStream(
                RepoRoot.get().resolve("infra/benchmarks/target/bench/local-runtime.log").toFile()), true,
                StandardCharsets.UTF_8)) {
            // the runtime writes its own lines on stdout: they go to the file, stdout keeps only the figures
            System.setOut(runtimeLog);
            LocalRuntime runtime = LocalRuntime.start(LocalOptions.parse(new String[] {"--port", "0", "--endpoint",
                    backend.endpoint().toString(), "--table", table, "--template",
                    RepoRoot.get().resolve("template.yaml").toString()}, Map.of()));
            try {
                base = runtime.baseUrl();
                adminToken = runtime.mintToken("bench-admin", List.of(), List.of("admin"));
                setUp(runtime, orgCount, Math.min(1_000, Math.max(50, seconds * VOUCHER_CODES_PER_SECOND)));
                drive(clients, seconds);
                System.setOut(stdout);
                results(subject);
                audit(runtime, subject);
            } finally {
                runtime.close();
                System.setOut(stdout);
                try (var dynamo = backend.dynamoDb()) {
                    dynamo.deleteTable(r -> r.tableName(table));
                } catch (RuntimeException e) {
                    report.note("could not delete " + table + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new BenchmarkSetupException("load run: " + e.getMessage());
        } catch (RuntimeException e) {
            report.fail(subject, "error=\"" + String.valueOf(e.getMessage()).replace('"', '\'').replace('\n', ' ')
                    + "\"");
        } finally {
            System.setOut(stdout);
        }
    }

    private void setUp(LocalRuntime runtime, int orgCount, int voucherCodes) {
        long started = System.nanoTime();
        String prefix = "load-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        orgs = new ArrayList<>();
        memberTokens = new java.util.HashMap<>();
        for (int i = 0; i < orgCount; i++) {
            String org = prefix + String.format(Locale.ROOT, "%03d", i);
            orgs.add(org);
            memberTokens.put(org, runtime.mintToken("load-user-" + i, List.of(org), List.of()));
        }
        tally = new AtomicLongArray(orgCount);
        setUpCall(send("PUT", "/admin/catalogue/skus/" + SKU + "/prices", adminToken, Map.of(),
                "{\"unitPriceMicros\":1250000000,\"effectiveFrom\":\"2020-01-01\",\"category\":\"compute\","
                        + "\"unit\":\"hour\"}"));
        for (int i = 0; i < orgCount; i++) {
            String org = orgs.get(i);
            setUpCall(send("PUT", "/admin/orgs/" + org + "/billing-account", adminToken, Map.of(),
                    "{\"billingType\":\"PREPAID\"}"));
            setUpCall(send("POST", "/admin/orgs/" + org + "/credit-adjustments", adminToken,
                    Map.of("Idempotency-Key", "load-open-" + org), "{\"amount\":" + OPENING_CREDIT
                            + ",\"reason\":\"load run opening credit\"}"));
            tally.addAndGet(i, OPENING_CREDIT);
        }
        Instant now = Instant.now();
        JsonNode batch = Json.readObject(setUpCall(send("POST", "/admin/vouchers", adminToken, Map.of(),
                "{\"count\":" + voucherCodes + ",\"amount\":" + VOUCHER_AMOUNT + ",\"validFrom\":\""
                        + now.minus(1, ChronoUnit.DAYS) + "\",\"validUntil\":\"" + now.plus(1, ChronoUnit.DAYS)
                        + "\",\"totalLimit\":1,\"perOrgLimit\":1,\"note\":\"load run\"}")).body());
        batch.path("vouchers").forEach(v -> freshCodes.add(v.path("code").asText()));
        report.note(String.format(Locale.ROOT, "load: set-up of %d orgs and %d voucher codes took %.1f s", orgCount,
                freshCodes.size(), (System.nanoTime() - started) / 1e9));
    }

    private void drive(int clients, int seconds) {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            long seed = 0x5EEDL * 31 + c;
            pool.execute(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                try {
                    while (System.nanoTime() < deadline) {
                        step(random);
                    }
                } catch (RuntimeException unexpected) {
                    stats.error("client", "client stopped: " + unexpected);
                } finally {
                    done.countDown();
                }
            });
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    private void step(SplittableRandom random) {
        int org = random.nextInt(orgs.size());
        String orgId = orgs.get(org);
        String member = memberTokens.get(orgId);
        switch (pick(random)) {
            case BILLING_SUMMARY -> call("billing_summary", "GET", "/orgs/" + orgId + "/billing", member, Map.of(),
                    null, Set.of());
            case INVOICES -> call("invoices", "GET", "/orgs/" + orgId + "/invoices?limit=20", member, Map.of(), null,
                    Set.of());
            case LEDGER_ENTRIES -> call("ledger_entries", "GET", "/orgs/" + orgId + "/ledger-entries?limit=20",
                    member, Map.of(), null, Set.of());
            case TOP_UP -> topUp(random, org, orgId, member);
            case VOUCHER_REDEMPTION -> redeem(random, org, orgId, member);
            case CREDIT_ADJUSTMENT -> adjust(random, org, orgId);
            case USAGE_RECORD -> usage(random, orgId);
        }
    }

    private static Operation pick(SplittableRandom random) {
        int total = Arrays.stream(Operation.values()).mapToInt(o -> o.weight).sum();
        int roll = random.nextInt(total);
        for (Operation operation : Operation.values()) {
            roll -= operation.weight;
            if (roll < 0) {
                return operation;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private void topUp(SplittableRandom random, int org, String orgId, String member) {
        Optional<HttpResponse<String>> inquiry = call("topup_create", "POST", "/orgs/" + orgId + "/topups", member,
                Map.of(), "{\"amount\":" + TOP_UP + "}", Set.of());
        if (inquiry.isEmpty()) {
            return;
        }
        // Pay on the sandbox page: the form's fields are the signed link's query parameters
        URI page = URI.create(Json.readObject(inquiry.get().body()).path("paymentUrl").asText());
        String pay = page.getRawPath() + "/pay";
        boolean applied = false;
        int deliveries = random.nextInt(5) == 0 ? 2 : 1;
        for (int i = 0; i < deliveries; i++) {
            Optional<HttpResponse<String>> paid = call("topup_pay", "POST", pay, null,
                    Map.of("content-type", "application/x-www-form-urlencoded"), page.getRawQuery(), Set.of());
            applied |= paid.isPresent();
        }
        if (applied) {
            tally.addAndGet(org, TOP_UP);
        }
    }

    private void redeem(SplittableRandom random, int org, String orgId, String member) {
        String reused = random.nextInt(10) == 0 ? redeemedCodes.peek() : null;
        String code = reused != null ? reused : freshCodes.poll();
        if (code == null) {
            return;
        }
        // a re-used code is refused (by this org or fully redeemed by another), and refusals count towards the
        // org's attempt limiter, which may then refuse a fresh code for a while (that code goes back in the pool)
        Set<String> expected = reused != null ? Set.of("voucher-fully-redeemed", "voucher-already-redeemed",
                "voucher-rate-limited") : Set.of("voucher-rate-limited");
        Optional<HttpResponse<String>> redeemed = call(reused != null ? "voucher_reuse" : "voucher_redeem", "POST",
                "/orgs/" + orgId + "/voucher-redemptions", member, Map.of(), "{\"code\":\"" + code + "\"}", expected);
        if (redeemed.isPresent()) {
            if (reused != null) {
                stats.error("voucher_reuse", "a redeemed single-use code was accepted again");
                return;
            }
            tally.addAndGet(org, VOUCHER_AMOUNT);
            redeemedCodes.add(code);
        } else if (reused == null) {
            freshCodes.add(code);
        }
    }

    private void adjust(SplittableRandom random, int org, String orgId) {
        Replay replay = random.nextInt(5) == 0 ? adjustmentKeys.peek() : null;
        if (replay != null) {
            call("credit_adjustment_replay", "POST", "/admin/orgs/" + orgs.get(replay.org()) + "/credit-adjustments",
                    adminToken, Map.of("Idempotency-Key", replay.key()), "{\"amount\":" + replay.amount()
                            + ",\"reason\":\"load run\"}", Set.of());
            return;
        }
        long amount = 1_000 + random.nextInt(9_000);
        String key = "load-" + UUID.randomUUID();
        Optional<HttpResponse<String>> adjusted = call("credit_adjustment", "POST", "/admin/orgs/" + orgId
                + "/credit-adjustments", adminToken, Map.of("Idempotency-Key", key), "{\"amount\":" + amount
                + ",\"reason\":\"load run\"}", Set.of());
        if (adjusted.isPresent()) {
            tally.addAndGet(org, amount);
            adjustmentKeys.add(new Replay(org, key, amount));
        }
    }

    private void usage(SplittableRandom random, String orgId) {
        String replayed = random.nextInt(5) == 0 ? usageRecords.peek() : null;
        String body = replayed != null ? replayed : usageRecord(orgId);
        Optional<HttpResponse<String>> recorded = call(replayed != null ? "usage_record_replay" : "usage_record",
                "POST", "/internal/usage", null, Map.of("x-local-iam-role", "platform"), body, Set.of());
        if (recorded.isPresent()) {
            JsonNode answer = Json.readObject(recorded.get().body());
            if (answer.path(replayed != null ? "duplicates" : "accepted").asInt() != 1) {
                stats.error("usage_record", "usage record not " + (replayed != null ? "a duplicate" : "accepted")
                        + ": " + answer.path("results"));
            }
            if (replayed == null) {
                usageRecords.add(body);
            }
        }
    }

    private static String usageRecord(String orgId) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(5, ChronoUnit.MINUTES);
        ObjectNode body = Json.object();
        body.putArray("records").addObject()
                .put("id", "load-" + UUID.randomUUID())
                .put("orgId", orgId)
                .put("resourceId", "vm-load")
                .put("sku", SKU)
                .put("quantity", "1")
                .put("start", end.minus(1, ChronoUnit.HOURS).toString())
                .put("end", end.toString());
        return Json.write(body);
    }

    /**
     * One measured request. Present when it answered 2xx (or the sandbox's 3xx redirect); empty otherwise, counted as
     * an expected 4xx when its problem code is in {@code expected4xx}, else as an error.
     */
    private Optional<HttpResponse<String>> call(String op, String method, String path, String token,
                                                Map<String, String> headers, String body, Set<String> expected4xx) {
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = send(method, path, token, headers, body);
            } catch (RuntimeException failed) {
                stats.request(op, System.nanoTime() - started);
                stats.error(op, method + " " + path + ": " + failed.getMessage());
                return Optional.empty();
            }
            stats.request(op, System.nanoTime() - started);
            int status = response.statusCode();
            if (status / 100 == 2 || status == 303) {
                return Optional.of(response);
            }
            String problem = problemCode(response);
            // docs/problems.md: "concurrent-update: nothing was applied; retry as is" - what the console does
            if (status == 409 && problem.equals("concurrent-update") && attempt < CONFLICT_ATTEMPTS) {
                stats.conflict(op);
                pause(attempt);
                continue;
            }
            if (status / 100 == 4 && expected4xx.contains(problem)) {
                stats.expected(op);
            } else {
                stats.error(op, method + " " + path + " answered " + status + " " + problem
                        + (status == 409 ? " (after " + attempt + " attempts)" : ""));
            }
            return Optional.empty();
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(100L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String problemCode(HttpResponse<String> response) {
        try {
            return Json.readObject(response.body()).path("type").asText("").replace("urn:problem-type:billing:", "");
        } catch (RuntimeException notJson) {
            return "(not a problem document)";
        }
    }

    private void results(String subject) {
        long[] latencies = stats.latencies();
        Arrays.sort(latencies);
        report.line(String.format(Locale.ROOT, "load requests=%d errors=%d p50_ms=%d p99_ms=%d", latencies.length,
                stats.errors.get(), percentileMillis(latencies, 50), percentileMillis(latencies, 99)));
        report.line(String.format(Locale.ROOT, "load_detail expected_4xx=%d conflicts_retried=%d"
                + " ops(requests/expected_4xx/conflicts/errors/p50_ms/p99_ms)=%s", stats.expected.get(),
                stats.conflicts.get(), stats.byOperation()));
        if (stats.errors.get() > 0) {
            report.fail(subject, "errors=" + stats.errors.get() + " first=\"" + stats.firstErrors() + "\"");
        }
    }

    private void audit(LocalRuntime runtime, String subject) {
        LedgerAuditor.Report audit = new LedgerAuditor(runtime.dynamo(), runtime.tableName()).audit();
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < orgs.size(); i++) {
            String org = orgs.get(i);
            HttpResponse<String> billing = send("GET", "/orgs/" + org + "/billing", memberTokens.get(org), Map.of(),
                    null);
            long credit = billing.statusCode() == 200 ? Json.readObject(billing.body()).path("credit").asLong(-1) : -1;
            if (credit != tally.get(i)) {
                mismatches.add(org + " credit=" + credit + " told=" + tally.get(i));
            }
        }
        report.line(String.format(Locale.ROOT, "load_audit accounts=%d entries=%d differences=%d"
                + " credit_mismatches=%d", audit.accounts(), audit.entries(), audit.differences().size(),
                mismatches.size()));
        if (!audit.clean()) {
            report.fail(subject, "ledger_audit differences=\"" + audit.differences() + "\"");
        }
        if (!mismatches.isEmpty()) {
            report.fail(subject, "credit_mismatches=\"" + mismatches + "\"");
        }
    }

    private static long percentileMillis(long[] sortedNanos, int percentile) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1;
        return Math.round(sortedNanos[Math.max(0, index)] / 1e6);
    }

    private HttpResponse<String> setUpCall(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("set-up: " + response.request().method() + " "
                    + response.request().uri().getPath() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response;
    }

    private HttpResponse<String> send(String method, String path, String token, Map<String, String> headers,
                                      String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("content-type")) {
            request.header("content-type", "application/json");
        }
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Counters shared by the clients. */
    private static final class Stats {
        private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong expected = new AtomicLong();
        private final AtomicLong conflicts = new AtomicLong();
        private final Map<String, long[]> operations = new TreeMap<>();
        private final Map<String, List<Long>> operationLatencies = new TreeMap<>();
        private final ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();

        void request(String op, long nanos) {
            latencies.add(nanos);
            bump(op, 0);
            synchronized (this) {
                operationLatencies.computeIfAbsent(op, k -> new ArrayList<>()).add(nanos);
            }
        }

        void conflict(String op) {
            conflicts.incrementAndGet();
            bump(op, 3);
        }

        void expected(String op) {
            expected.incrementAndGet();
            bump(op, 1);
        }

        void error(String op, String what) {
            errors.incrementAndGet();
            bump(op, 2);
            if (firstErrors.size() < 5) {
                firstErrors.add(what);
            }
        }

        /** Per operation: requests, expected 4xx, errors, conflicts retried. */
        private synchronized void bump(String op, int index) {
            operations.computeIfAbsent(op, k -> new long[4])[index]++;
        }

        long[] latencies() {
            return latencies.stream().mapToLong(Long::longValue).toArray();
        }

        synchronized String byOperation() {
            StringBuilder text = new StringBuilder();
            operations.forEach((op, c) -> {
                long[] sorted = operationLatencies.getOrDefault(op, List.of()).stream().mapToLong(Long::longValue)
                        .sorted().toArray();
                text.append(text.isEmpty() ? "" : ",").append(op).append(':').append(c[0]).append('/').append(c[1])
                        .append('/').append(c[3]).append('/').append(c[2]).append('/')
                        .append(percentileMillis(sorted, 50)).append('/').append(percentileMillis(sorted, 99));
            });
            return text.toString();
        }

        String firstErrors() {
            return String.join(" | ", firstErrors).replace('"', '\'');
        }
    }
}
