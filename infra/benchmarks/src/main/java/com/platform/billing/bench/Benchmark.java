package com.platform.billing.bench;

import com.platform.billing.api.Log;
import com.platform.billing.bench.cold.ColdStartBenchmark;
import com.platform.billing.bench.ddb.DdbBenchmarks;
import com.platform.billing.devkit.AwsBackend;
import com.platform.billing.devkit.RepoRoot;
import com.platform.billing.devkit.Template;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark command (infra/scripts/bench.sh): DynamoDB requests per operation and cold starts per function,
 * one line per figure on stdout, a {@code FAIL} line per broken budget. Not a test: nothing here runs under surefire.
 *
 * <pre>usage: bench [--only ddb|cold] [--runs N]</pre>
 * Exit status: 0 all figures within budget, 1 a {@code FAIL} line was printed, 2 bad usage or missing setup.
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println("usage: bench [--only ddb|cold] [--runs N]");
            System.exit(2);
            return;
        }
        Report report = new Report(System.out, System.err);
        int status;
        try {
            status = run(options, report);
        } catch (BenchmarkSetupException e) {
            System.err.println("bench: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    private static int run(Options options, Report report) {
        Path work = RepoRoot.get().resolve("infra/benchmarks/target/bench");
        Template template = Template.load();
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new BenchmarkSetupException("cannot create " + work + ": " + e.getMessage());
        }
        try (PrintStream handlerLog = new PrintStream(new FileOutputStream(work.resolve("handlers.log").toFile()),
                true, StandardCharsets.UTF_8)) {
            // in-process handlers (DynamoDB benchmarks, fixtures) log here, so stdout holds only figures
            Log.redirect(handlerLog);
            AwsBackend backend;
            try {
                backend = AwsBackend.start(work.resolve("moto_server.log"));
            } catch (IllegalStateException e) {
                throw new BenchmarkSetupException(e.getMessage());
            }
            try (backend) {
                report.note("backend: " + backend.description());
                if (options.ddb()) {
                    DdbBenchmarks.run(backend, template, report);
                }
                if (options.cold()) {
                    ColdStartBenchmark.run(backend, template, options.runs(), report);
                }
            }
        } catch (IOException e) {
            throw new BenchmarkSetupException("cannot write " + work.resolve("handlers.log") + ": " + e.getMessage());
        }
        if (!report.failures().isEmpty()) {
            report.note(report.failures().size() + " figure(s) out of budget or not measured");
            return 1;
        }
        return 0;
    }

    /** Command-line options. */
    record Options(boolean ddb, boolean cold, int runs) {

        static Options parse(String[] args) {
            boolean ddb = true;
            boolean cold = true;
            int runs = 3;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--only" -> {
                        String which = value(args, ++i, "--only");
                        if (!which.equals("ddb") && !which.equals("cold")) {
                            throw new IllegalArgumentException("--only takes ddb or cold, not " + which);
                        }
                        ddb = which.equals("ddb");
                        cold = which.equals("cold");
                    }
                    case "--runs" -> {
                        String value = value(args, ++i, "--runs");
                        try {
                            runs = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            runs = 0;
                        }
                        if (runs < 1 || runs > 50) {
                            throw new IllegalArgumentException("--runs takes a number from 1 to 50, not " + value);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            return new Options(ddb, cold, runs);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }
    }
}
