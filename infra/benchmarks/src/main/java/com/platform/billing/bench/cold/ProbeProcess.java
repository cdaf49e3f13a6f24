package com.platform.billing.bench.cold;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts one probe JVM and times it from the parent's side: from just before {@link ProcessBuilder#start()} to the
 * moment its {@code #probe done …} line is read. The probe's own figures (init, priming, invoke) come from that line.
 */
final class ProbeProcess {

    /** One probe run. */
    record Result(long wallMs, int status, long initMs, long primingMs, long invokeMs) {
    }

    /** The probe died or never answered; carries the root cause it printed and its last lines. */
    static final class ProbeFailedException extends RuntimeException {
        private final String summary;

        ProbeFailedException(String summary, String details) {
            super(summary + (details.isEmpty() ? "" : "; its last output:\n  " + details));
            this.summary = summary;
        }

        /** One line for a FAIL line: the deepest cause the probe printed, or what went wrong. */
        String summary() {
            return summary;
        }
    }

    private static final String DONE = "#probe done ";
    private static final int TAIL = 30;
    private static final long TIMEOUT_SECONDS = 120;

    private ProbeProcess() {
    }

    static Result run(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Deque<String> tail = new ArrayDeque<>();
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ProbeFailedException("cannot start " + command.getFirst() + ": " + e.getMessage(), "");
        }
        Thread watchdog = Thread.ofPlatform().daemon().start(() -> {
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException stopped) {
                // the probe answered in time
            }
        });
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(DONE)) {
                    long wall = (System.nanoTime() - started) / 1_000_000;
                    return parse(wall, line.substring(DONE.length()));
                }
                tail.addLast(line);
                if (tail.size() > TAIL) {
                    tail.removeFirst();
                }
            }
            throw new ProbeFailedException("the probe exited without answering: " + rootCause(tail),
                    String.join("\n  ", tail));
        } catch (IOException e) {
            throw new ProbeFailedException("reading the probe's output failed: " + e.getMessage(), "");
        } finally {
            watchdog.interrupt();
            finish(process);
        }
    }

    /** The last {@code Caused by:} line of a stack trace in the output, else its first exception line. */
    private static String rootCause(Deque<String> tail) {
        String cause = null;
        String first = null;
        for (String line : tail) {
            String trimmed = line.strip();
            if (trimmed.startsWith("Caused by: ")) {
                cause = trimmed.substring("Caused by: ".length());
            } else if (first == null && trimmed.startsWith("Exception in thread")) {
                first = trimmed;
            }
        }
        return cause != null ? cause : first != null ? first : "no error printed";
    }

    private static void finish(Process process) {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static Result parse(long wallMs, String fields) {
        Map<String, String> values = new HashMap<>();
        for (String field : fields.trim().split(" ")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                values.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        return new Result(wallMs, Integer.parseInt(values.get("status")), Long.parseLong(values.get("init_ms")),
                Long.parseLong(values.get("priming_ms")), Long.parseLong(values.get("invoke_ms")));
    }
}
