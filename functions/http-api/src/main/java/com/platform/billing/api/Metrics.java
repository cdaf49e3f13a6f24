package com.platform.billing.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;

/**
 * Business metrics in CloudWatch embedded metric format: a log line that CloudWatch turns into a metric, so no
 * PutMetricData call sits on the request path. Namespace {@code Billing}, dimension {@code Service} (an org id as a
 * dimension would explode cardinality and cost; it is in the line as a property instead). Every metric and the alarms
 * on it are listed in docs/operations.md.
 */
public final class Metrics {

    public static final String NAMESPACE = "Billing";
    public static final String SERVICE = "billing";
    private static final Clock CLOCK = Clock.systemUTC();

    private Metrics() {
    }

    public static void count(String name) {
        count(name, 1);
    }

    public static void count(String name, long value) {
        emit(name, value, null, null);
    }

    /**
     * A count broken down by one dimension of few values (a problem code, a charge result — never an id). It is
     * published under two dimension sets: {@code Service} alone, the total that alarms watch, and {@code Service} +
     * {@code dimension}, the breakdown to read when one fires.
     */
    public static void count(String name, String dimension, String value) {
        emit(name, 1, dimension, value == null || value.isBlank() ? "unknown" : value);
    }

    private static void emit(String name, long count, String dimension, String value) {
        ObjectNode line = Log.line("INFO", "metric");
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", CLOCK.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensions = directive.putArray("Dimensions");
        dimensions.addArray().add("Service");
        if (dimension != null) {
            dimensions.addArray().add("Service").add(dimension);
            line.put(dimension, value);
        }
        directive.putArray("Metrics").addObject().put("Name", name).put("Unit", "Count");
        line.put("Service", SERVICE);
        line.put(name, count);
        Log.emit(line);
    }
}
