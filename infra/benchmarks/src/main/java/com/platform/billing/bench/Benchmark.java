package com.platform.billing.bench;

import com.platform.billing.api.Log;
import com.platform.billing.bench.cold.ColdStartBenchmark;
import com.platform.billing.bench.ddb.DdbBenchmarks;
import com.platform.billing.bench.run.InvoiceRunBenchmark;
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
 * <pre>usage: bench [--only ddb|cold|invoice-run] [--runs N] [--orgs N]</pre>
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
            System.err.println("usage: bench [--only ddb|cold|invoice-run] [--runs N] [--orgs N]");
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
                if (options.invoiceRun()) {
                    InvoiceRunBenchmark.run(backend, options.orgs(), report);
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
    record Options(boolean ddb, boolean cold, boolean invoiceRun, int runs, int orgs) {

        static Options parse(String[] args) {
            boolean ddb = true;
            boolean cold = true;
            // the 1,000-org run takes minutes on moto: only with --only invoice-run (see the README)
            boolean invoiceRun = false;
            int runs = 3;
            int orgs = InvoiceRunBenchmark.DEFAULT_ORGS;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--only" -> {
                        String which = value(args, ++i, "--only");
                        if (!which.equals("ddb") && !which.equals("cold") && !which.equals("invoice-run")) {
                            throw new IllegalArgumentException("--only takes ddb, cold or invoice-run, not " + which);
                        }
                        ddb = which.equals("ddb");
                        cold = which.equals("cold");
                        invoiceRun = which.equals("invoice-run");
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
                    case "--orgs" -> {
                        String value = value(args, ++i, "--orgs");
                        try {
                            orgs = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            orgs = 0;
                        }
                        if (orgs < 1 || orgs > 100_000) {
                            throw new IllegalArgumentException("--orgs takes a number from 1 to 100000, not " + value);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            return new Options(ddb, cold, invoiceRun, runs, orgs);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }
    }
}
