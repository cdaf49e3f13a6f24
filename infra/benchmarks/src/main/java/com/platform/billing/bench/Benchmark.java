package com.platform.billing.bench;

import com.platform.billing.api.Log;
import com.platform.billing.bench.cold.ColdStartBenchmark;
import com.platform.billing.bench.ddb.DdbBenchmarks;
import com.platform.billing.bench.load.LoadRun;
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
import java.util.List;

/**
 * The benchmark command (infra/scripts/bench.sh): DynamoDB requests per operation and cold starts per function,
 * one line per figure on stdout, a {@code FAIL} line per broken budget. Not a test: nothing here runs under surefire.
 *
 * <pre>usage: bench [--only ddb|cold|invoice-run|load] [--runs N] [--orgs N] [--clients N] [--seconds N]</pre>
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
            System.err.println("usage: bench [--only ddb|cold|invoice-run|load] [--runs N] [--orgs N] [--clients N]"
                    + " [--seconds N]");
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
                    InvoiceRunBenchmark.run(backend, options.orgs() > 0 ? options.orgs()
                            : InvoiceRunBenchmark.DEFAULT_ORGS, report);
                }
                if (options.load()) {
                    LoadRun.run(backend, options.clients(), options.seconds(),
                            options.orgs() > 0 ? options.orgs() : LoadRun.DEFAULT_ORGS, report);
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
    /** {@code orgs} 0: each benchmark's own default (1,000 for the invoice run, 20 for the load run). */
    record Options(boolean ddb, boolean cold, boolean invoiceRun, boolean load, int runs, int orgs, int clients,
                   int seconds) {

        static Options parse(String[] args) {
            boolean ddb = true;
            boolean cold = true;
            // the 1,000-org run takes minutes on moto, the load run a minute: only with --only (see the README)
            boolean invoiceRun = false;
            boolean load = false;
            int runs = 3;
            int orgs = 0;
            int clients = LoadRun.DEFAULT_CLIENTS;
            int seconds = LoadRun.DEFAULT_SECONDS;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--only" -> {
                        String which = value(args, ++i, "--only");
                        if (!List.of("ddb", "cold", "invoice-run", "load").contains(which)) {
                            throw new IllegalArgumentException("--only takes ddb, cold, invoice-run or load, not "
                                    + which);
                        }
                        ddb = which.equals("ddb");
                        cold = which.equals("cold");
                        invoiceRun = which.equals("invoice-run");
                        load = which.equals("load");
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
                    case "--orgs" -> orgs = number(args, ++i, "--orgs", 1, 100_000);
                    case "--clients" -> clients = number(args, ++i, "--clients", 1, 256);
                    case "--seconds" -> seconds = number(args, ++i, "--seconds", 1, 3_600);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            return new Options(ddb, cold, invoiceRun, load, runs, orgs, clients, seconds);
        }

        private static int number(String[] args, int index, String option, int min, int max) {
            String value = value(args, index, option);
            int number;
            try {
                number = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                number = min - 1;
            }
            if (number < min || number > max) {
                throw new IllegalArgumentException(option + " takes a number from " + min + " to " + max + ", not "
                        + value);
            }
            return number;
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }
    }
}
