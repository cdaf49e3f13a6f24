package com.platform.billing.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Log;

/**
 * The runtime's own log lines: the same one-JSON-object-per-line format as the functions' (stdout), with fields
 * instead of text built by concatenation.
 */
final class RuntimeLog {

    private RuntimeLog() {
    }

    /** A line with {@code fields} given as name, value pairs (values are written as text; nulls are skipped). */
    static void emit(String level, String message, Object... fields) {
        ObjectNode line = Log.line(level, message);
        line.put("component", "local-runtime");
        for (int i = 0; i + 1 < fields.length; i += 2) {
            Object value = fields[i + 1];
            if (value instanceof Number number) {
                line.put(fields[i].toString(), number.longValue());
            } else if (value != null) {
                line.put(fields[i].toString(), value.toString());
            }
        }
        Log.emit(line);
    }

    static void info(String message, Object... fields) {
        emit("INFO", message, fields);
    }

    static void warn(String message, Object... fields) {
        emit("WARN", message, fields);
    }

    /** An unexpected failure with its stack (logs only; never a response). */
    static void error(String message, Throwable error, Object... fields) {
        Object[] all = java.util.Arrays.copyOf(fields, fields.length + 4);
        all[fields.length] = "errorType";
        all[fields.length + 1] = error.getClass().getName();
        all[fields.length + 2] = "stack";
        all[fields.length + 3] = stack(error);
        emit("ERROR", message, all);
    }

    static String stack(Throwable error) {
        StringBuilder stack = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            stack.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
            for (StackTraceElement frame : t.getStackTrace()) {
                stack.append("  at ").append(frame).append('\n');
            }
        }
        return stack.toString();
    }
}
