package com.platform.billing.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;

/**
 * Business metrics in CloudWatch embedded metric format: a log line that CloudWatch turns into a metric, so no
 * PutMetricData call sits on the request path. Namespace {@code Billing}, dimension {@code Service} only (an org id
 * as a dimension would explode cardinality and cost; it is in the line as a property instead).
 */
public final class Metrics {

    public static final String NAMESPACE = "Billing";
    private static final Clock CLOCK = Clock.systemUTC();

    private Metrics() {
    }

    public static void count(String name) {
        count(name, 1);
    }

    public static void count(String name, long value) {
        ObjectNode line = Log.line("INFO", "metric");
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", CLOCK.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensions = directive.putArray("Dimensions");
        dimensions.addArray().add("Service");
        directive.putArray("Metrics").addObject().put("Name", name).put("Unit", "Count");
        line.put("Service", "billing");
        line.put(name, value);
        Log.emit(line);
    }
}
