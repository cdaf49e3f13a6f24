package com.platform.billing.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's output: one {@code key=value} line per figure on stdout, and a {@code FAIL} line for every figure
 * that breaks its budget (or could not be measured). Progress notes go to stderr so stdout stays machine-readable.
 */
public final class Report {

    private final PrintStream out;
    private final PrintStream notes;
    private final List<String> failures = new ArrayList<>();

    public Report(PrintStream out, PrintStream notes) {
        this.out = out;
        this.notes = notes;
    }

    /** A figure, e.g. {@code ddb_requests op=credit_adjustment requests=1 items_written=3}. */
    public synchronized void line(String line) {
        out.println(line);
        out.flush();
    }

    /** A broken budget or a figure that could not be taken; the benchmark exits non-zero at the end. */
    public synchronized void fail(String subject, String reason) {
        String line = "FAIL " + subject + " " + reason;
        failures.add(line);
        out.println(line);
        out.flush();
    }

    /** Progress for the person watching; never parsed. */
    public synchronized void note(String message) {
        notes.println("bench: " + message);
        notes.flush();
    }

    public synchronized List<String> failures() {
        return List.copyOf(failures);
    }
}
