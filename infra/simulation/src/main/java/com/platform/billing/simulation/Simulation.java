package com.platform.billing.simulation;

import com.platform.billing.api.Log;
import com.platform.billing.devkit.AwsBackend;
import com.platform.billing.devkit.Template;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs {@code steps} simulated steps as episodes of at most {@link Episode#MAX_STEPS} steps, each on a fresh table
 * (moto's transactions cost time proportional to the table). Episode {@code i} runs with seed {@code seed + i}, so
 * any episode replays alone with its own seed.
 */
final class Simulation {

    record Totals(long seed, int steps, long faults, int violations, int episodes, List<String> details,
                  Map<String, Integer> operations) {
    }

    static final int ORGS = 12;

    private Simulation() {
    }

    static Totals run(AwsBackend backend, long seed, int steps, Consumer<String> out) {
        Template template = Template.load();
        PrintStream handlerLog = new PrintStream(PrintStream.nullOutputStream());
        Log.redirect(handlerLog); // the handlers' own JSON log lines: not the simulation's output
        int done = 0;
        long faults = 0;
        int episodes = 0;
        List<String> details = new ArrayList<>();
        Map<String, Integer> operations = new LinkedHashMap<>();
        try {
            while (done < steps) {
                long episodeSeed = seed + episodes;
                int episodeSteps = Math.min(Episode.MAX_STEPS, steps - done);
                Episode episode = new Episode(backend, template, episodeSeed, episodeSteps, ORGS);
                Episode.Result result = episode.run();
                if (Boolean.getBoolean("simulation.requests")) {
                    out.accept("requests seed=" + episodeSeed + " " + episode.requests());
                }
                episode.operationCounts().forEach((k, v) -> operations.merge(k, v, Integer::sum));
                episodes++;
                done += episodeSteps;
                faults += result.faults();
                out.accept("simulation seed=" + episodeSeed + " steps=" + result.steps() + " faults="
                        + result.faults() + " violations=" + result.violations().size()
                        + (result.stuckInquiries() > 0 ? " stuck_inquiries=" + result.stuckInquiries() : ""));
                for (String violation : result.violations()) {
                    String line = "VIOLATION " + violation + "  (replay: infra/scripts/simulate.sh --seed "
                            + episodeSeed + " --steps " + episodeSteps + ")";
                    out.accept(line);
                    details.add(line);
                }
            }
        } finally {
            Log.redirect(System.out);
        }
        return new Totals(seed, done, faults, details.size(), episodes, details, operations);
    }

    /** The trace of one episode: what each step did and answered (two runs of one seed must give the same). */
    static String trace(AwsBackend backend, long seed, int steps) {
        Log.redirect(new PrintStream(PrintStream.nullOutputStream()));
        try {
            return new Episode(backend, Template.load(), seed, steps, ORGS).run().trace();
        } finally {
            Log.redirect(System.out);
        }
    }
}
