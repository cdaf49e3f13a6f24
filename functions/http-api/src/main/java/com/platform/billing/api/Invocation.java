package com.platform.billing.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The one structured line per invocation of a function that is not behind the HTTP API (queue, stream and schedule
 * consumers; {@link ApiHandler} writes the HTTP functions' line): {@code function} (its template logical id), request
 * id, org id when the invocation was for one org, {@code outcome} and {@code latencyMs}. Lines the work writes on the
 * way carry the same request id.
 */
public final class Invocation {

    private Invocation() {
    }

    /**
     * Runs {@code work} and logs its line. {@code describe} adds what the result says (counts, failures; it may set
     * {@code outcome}, e.g. {@code "partial"} for a batch with failed items). If {@code work} throws, the line says
     * {@code outcome: "error"} with the exception's class (its stack was or will be logged by whoever handles it), and
     * the exception goes on to Lambda, which counts it in the function's Errors metric.
     */
    public static <T> T logged(String function, Context context, Supplier<T> work, BiConsumer<T, ObjectNode> describe) {
        long started = System.nanoTime();
        Log.bind(context == null ? "" : context.getAwsRequestId(), null);
        try {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException | Error failure) {
                ObjectNode line = line("ERROR", function, "error", started);
                line.put("errorType", failure.getClass().getName());
                Log.emit(line);
                throw failure;
            }
            ObjectNode line = line("INFO", function, "ok", started);
            describe.accept(result, line);
            Log.emit(line);
            return result;
        } finally {
            Log.clear();
        }
    }

    private static ObjectNode line(String level, String function, String outcome, long started) {
        ObjectNode line = Log.line(level, "invocation");
        line.put("function", function);
        line.put("outcome", outcome);
        line.put("latencyMs", (System.nanoTime() - started) / 1_000_000);
        return line;
    }
}
