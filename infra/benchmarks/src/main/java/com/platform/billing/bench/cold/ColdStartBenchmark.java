package com.platform.billing.bench.cold;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.api.Dependencies;
import com.platform.billing.bench.BenchmarkSetupException;
import com.platform.billing.bench.Report;
import com.platform.billing.bench.ddb.DdbContext;
import com.platform.billing.bench.probe.BaselineProbe;
import com.platform.billing.bench.probe.ColdStartProbe;
import com.platform.billing.devkit.AwsBackend;
import com.platform.billing.devkit.LedgerTableFactory;
import com.platform.billing.devkit.RepoRoot;
import com.platform.billing.devkit.Template;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ToLongFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cold start per HTTP function of template.yaml: a fresh JVM on the function's shaded jar (its CodeUri) that
 * constructs the handler and answers one sample event against the local backend, beside a baseline JVM that only
 * builds the same DynamoDB client and makes one GetItem, and a primed variant that runs the function's registered
 * SnapStart priming before the event. Each runs {@code runs} times, interleaved, each function JVM on a fresh table
 * holding the same fixtures; the medians are reported.
 */
public final class ColdStartBenchmark {

    /** The route whose sample event a function answers, where its first route (template order) is not the one. */
    static final Map<String, String> REPRESENTATIVE_ROUTES = Map.of(
            // the money path (one TransactWriteItems) rather than the account PUT
            "BillingAdminFunction", "POST /admin/orgs/{orgId}/credit-adjustments");

    /**
     * The sample file a function answers, where several samples share its route and the first (by file name) is not
     * the representative one.
     */
    static final Map<String, String> REPRESENTATIVE_EVENTS = Map.of(
            // one voucher with a chosen code (one conditional PutItem), not the batch sample's 100 random codes
            "VoucherAdminFunction", "http-voucher-admin-create.json");

    /**
     * Added to the function's own JAVA_TOOL_OPTIONS (template.yaml): the serial collector, which the Lambda Java
     * runtime's launcher sets. Lambda's other launcher flags (heap sizing, its own CDS archive) are not reproduced.
     */
    static final List<String> EXTRA_JVM_FLAGS = List.of("-XX:+UseSerialGC");

    private record Target(Template.Function function, String handlerClass, Path jar, Path sampleEvent,
                          String memoryMb) {
        String id() {
            return function.logicalId();
        }
    }

    private record Probe(Path java, Path probeJar, Path serialization, Path work) {
    }

    private ColdStartBenchmark() {
    }

    public static void run(AwsBackend backend, Template template, int runs, Report report) {
        Path root = RepoRoot.get();
        Path work = root.resolve("infra/benchmarks/target/bench");
        List<Target> targets = plan(template, root, SampleEvents.load(RepoRoot.events()), report);
        if (targets.isEmpty()) {
            report.fail("cold_start", "reason=\"no HTTP function with a sample event in template.yaml\"");
            return;
        }
        Probe probe = new Probe(javaExecutable(), ProbeJar.write(work.resolve("cold-probe.jar")),
                codeSource(LambdaEventSerializers.class), work);
        String globalFlags = jvmFlags(template.root().path("Globals").path("Function").path("Environment")
                .path("Variables").path("JAVA_TOOL_OPTIONS").asText(""));
        report.line("cold_start_jvm java=" + Runtime.version() + " cpus=" + Runtime.getRuntime().availableProcessors()
                + " load=" + loadAverage() + " runs=" + runs + " flags=\"" + globalFlags + "\"");
        try (DynamoDbClient dynamo = backend.dynamoDb();
             FunctionEnvironment environments = new FunctionEnvironment(template, backend, report)) {
            for (Target target : targets) {
                measure(target, probe, runs, globalFlags, new Runs(backend, template, dynamo, environments), report);
            }
        }
    }

    /** Makes each probe's table (fresh, with the fixtures) and environment, and drops the table afterwards. */
    private record Runs(AwsBackend backend, Template template, DynamoDbClient dynamo,
                        FunctionEnvironment environments) {

        ProbeProcess.Result probe(Target target, Probe probe, String mainClass, String variant, int run) {
            String table = "billing-bench-cold-" + UUID.randomUUID().toString().substring(0, 8);
            LedgerTableFactory.createIfAbsent(dynamo, template, table, false);
            try {
                ColdStartFixtures.SampleEdit edit = ColdStartFixtures.prepare(target.id(),
                        DdbContext.of(Dependencies.of(dynamo, table, Clock.systemUTC())), environments);
                List<String> args = new ArrayList<>();
                if (mainClass.equals(ColdStartProbe.class.getName())) {
                    Path event = SampleEvents.freshCopy(target.sampleEvent(),
                            probe.work().resolve("events/" + target.id() + "-" + run + "-" + variant + ".json"),
                            edit);
                    args.addAll(List.of(target.handlerClass(), event.toString(), variant));
                }
                return ProbeProcess.run(command(probe, target, mainClass, args), environment(target, table));
            } finally {
                dynamo.deleteTable(r -> r.tableName(table));
            }
        }

        /** What Lambda's environment gives the function, pointed at the local backend and this probe's table. */
        private Map<String, String> environment(Target target, String table) {
            Map<String, String> environment = new LinkedHashMap<>(environments.variables(target.function(), table));
            environment.put("TABLE_NAME", table);
            environment.put("AWS_ENDPOINT_URL", backend.endpoint().toString());
            environment.put("AWS_REGION", AwsBackend.REGION.id());
            environment.put("AWS_DEFAULT_REGION", AwsBackend.REGION.id());
            environment.put("AWS_ACCESS_KEY_ID", "testing");
            environment.put("AWS_SECRET_ACCESS_KEY", "testing");
            environment.put("AWS_LAMBDA_FUNCTION_NAME", target.id());
            environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", target.memoryMb());
            environment.put("TZ", "UTC");
            Optional.ofNullable(System.getenv("HOME")).ifPresent(home -> environment.put("HOME", home));
            return environment;
        }
    }

    private static List<Target> plan(Template template, Path root, SampleEvents samples, Report report) {
        List<Target> targets = new ArrayList<>();
        List<String> missingJars = new ArrayList<>();
        JsonNode globals = template.root().path("Globals").path("Function");
        for (Template.Function function : template.functions()) {
            List<String> routeKeys = function.events().values().stream()
                    .filter(e -> "HttpApi".equals(e.path("Type").asText()))
                    .map(e -> e.path("Properties").path("Method").asText().toUpperCase(Locale.ROOT) + " "
                            + e.path("Properties").path("Path").asText())
                    .toList();
            if (routeKeys.isEmpty()) {
                continue;
            }
            Optional<Path> sample = Optional.ofNullable(REPRESENTATIVE_EVENTS.get(function.logicalId()))
                    .map(RepoRoot.events()::resolve).filter(Files::isRegularFile)
                    .or(() -> Optional.ofNullable(REPRESENTATIVE_ROUTES.get(function.logicalId()))
                            .flatMap(samples::forRoute))
                    .or(() -> routeKeys.stream().map(samples::forRoute).flatMap(Optional::stream).findFirst());
            if (sample.isEmpty()) {
                report.line("cold_start fn=" + function.logicalId() + " skipped=no_sample_event");
                report.note(function.logicalId() + " has no sample event in infra/events for any of " + routeKeys);
                continue;
            }
            Path jar = root.resolve(function.codeUri());
            if (!Files.isRegularFile(jar)) {
                missingJars.add(function.logicalId() + ": " + root.relativize(jar));
                continue;
            }
            JsonNode memory = template.resource(function.logicalId()).path("Properties").path("MemorySize");
            targets.add(new Target(function, function.handler().split("::")[0], jar, sample.get(),
                    memory.isMissingNode() ? globals.path("MemorySize").asText("1024") : memory.asText()));
        }
        if (!missingJars.isEmpty()) {
            throw new BenchmarkSetupException("function jars missing (template.yaml CodeUri): " + missingJars
                    + ". Build them first: infra/scripts/bench.sh without --no-build, or mvn -B install -DskipTests.");
        }
        return targets;
    }

    private static void measure(Target target, Probe probe, int runs, String globalFlags, Runs probes,
                                Report report) {
        String subject = "cold_start fn=" + target.id();
        List<ProbeProcess.Result> baseline = new ArrayList<>();
        List<ProbeProcess.Result> cold = new ArrayList<>();
        List<ProbeProcess.Result> primed = new ArrayList<>();
        try {
            for (int run = 1; run <= runs; run++) {
                report.note(target.id() + " run " + run + "/" + runs);
                baseline.add(probes.probe(target, probe, BaselineProbe.class.getName(), "baseline", run));
                cold.add(probes.probe(target, probe, ColdStartProbe.class.getName(), "cold", run));
                primed.add(probes.probe(target, probe, ColdStartProbe.class.getName(), "primed", run));
            }
        } catch (ProbeProcess.ProbeFailedException e) {
            report.fail(subject, "reason=\"" + e.summary().replace('"', '\'') + "\"");
            report.note(target.id() + ": " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            report.fail(subject, "reason=\"set-up failed: " + e.getClass().getSimpleName() + ": "
                    + message.replace('"', '\'') + "\"");
            return;
        }
        String flags = jvmFlags(target.function().environment().containsKey("JAVA_TOOL_OPTIONS")
                ? target.function().environment().get("JAVA_TOOL_OPTIONS").asText("") : "");
        String event = target.sampleEvent().getFileName().toString();
        report.line(subject
                + " first_response_ms=" + median(cold, ProbeProcess.Result::wallMs)
                + " baseline_ms=" + median(baseline, ProbeProcess.Result::wallMs)
                + " init_ms=" + median(cold, ProbeProcess.Result::initMs)
                + " invoke_ms=" + median(cold, ProbeProcess.Result::invokeMs)
                + " status=" + cold.getLast().status()
                + " event=" + event
                + (flags.equals(globalFlags) ? "" : " flags=\"" + flags + "\""));
        report.line("cold_start_primed fn=" + target.id()
                + " first_response_ms=" + median(primed, ProbeProcess.Result::invokeMs)
                + " priming_ms=" + median(primed, ProbeProcess.Result::primingMs)
                + " wall_ms=" + median(primed, ProbeProcess.Result::wallMs)
                + " status=" + primed.getLast().status());
        List<Integer> statuses = new ArrayList<>();
        cold.forEach(r -> statuses.add(r.status()));
        primed.forEach(r -> statuses.add(r.status()));
        if (statuses.stream().anyMatch(s -> s / 100 != 2)) {
            report.fail(subject, "statuses=" + statuses.toString().replace(" ", "") + " event=" + event
                    + " reason=\"the sample event did not take its 2xx path: add what it needs to ColdStartFixtures\"");
        }
    }

    private static List<String> command(Probe probe, Target target, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(probe.java().toString());
        command.addAll(EXTRA_JVM_FLAGS);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, probe.probeJar().toString(), target.jar().toString(),
                probe.serialization().toString()));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** The JVM flags of a probe: the function's JAVA_TOOL_OPTIONS (set in its environment) and ours. */
    private static String jvmFlags(String toolOptions) {
        return (toolOptions + " " + String.join(" ", EXTRA_JVM_FLAGS)).trim();
    }

    /** The machine's 1-minute load average when the runs start: cold starts are CPU-bound, so read them with it. */
    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
    }

    private static Path javaExecutable() {
        String home = Optional.ofNullable(System.getenv("JAVA_HOME")).filter(h -> !h.isBlank())
                .orElse(System.getProperty("java.home"));
        Path java = Path.of(home, "bin", "java");
        if (!Files.isExecutable(java)) {
            throw new BenchmarkSetupException("no java at " + java + "; set JAVA_HOME to a JDK 25");
        }
        return java;
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type.getName(), e);
        }
    }

    static long median(List<ProbeProcess.Result> results, ToLongFunction<ProbeProcess.Result> figure) {
        long[] values = results.stream().mapToLong(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : Math.round((values[middle - 1] + values[middle]) / 2.0);
    }
}
