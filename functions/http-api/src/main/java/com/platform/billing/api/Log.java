package com.platform.billing.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;

/**
 * Structured JSON logs, one object per line on stdout (Lambda ships stdout to CloudWatch Logs). Every line carries
 * the request id and org id of the request in progress. Never pass tokens, secrets, card data or voucher codes.
 */
public final class Log {

    private static final ThreadLocal<String[]> CONTEXT = ThreadLocal.withInitial(() -> new String[] {"", ""});
    private static volatile PrintStream out = System.out;

    private Log() {
    }

    /** Sets the request id and org id that subsequent lines on this thread carry. */
    public static void bind(String requestId, String orgId) {
        CONTEXT.set(new String[] {requestId == null ? "" : requestId, orgId == null ? "" : orgId});
    }

    public static void bindOrg(String orgId) {
        CONTEXT.get()[1] = orgId == null ? "" : orgId;
    }

    public static String orgId() {
        return CONTEXT.get()[1];
    }

    public static void clear() {
        CONTEXT.remove();
    }

    /** Redirects log output (tests capture it to check what is and is not logged). */
    public static void redirect(PrintStream stream) {
        out = stream;
    }

    public static ObjectNode line(String level, String message) {
        ObjectNode line = Json.object();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        String[] context = CONTEXT.get();
        if (!context[0].isEmpty()) {
            line.put("requestId", context[0]);
        }
        if (!context[1].isEmpty()) {
            line.put("orgId", context[1]);
        }
        return line;
    }

    public static void emit(ObjectNode line) {
        out.println(Json.write(line));
    }

    public static void info(String message) {
        emit(line("INFO", message));
    }

    public static void warn(String message) {
        emit(line("WARN", message));
    }

    /** An unexpected failure: its class and stack go to the log (never to a response). */
    public static void error(String message, Throwable error) {
        ObjectNode line = line("ERROR", message);
        line.put("errorType", error.getClass().getName());
        StringBuilder stack = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            stack.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
            for (StackTraceElement frame : t.getStackTrace()) {
                stack.append("  at ").append(frame).append('\n');
            }
        }
        line.put("stack", stack.toString());
        emit(line);
    }
}
