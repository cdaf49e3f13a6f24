package com.platform.billing.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What template.yaml must keep as functions and queues are added (issue 8): every function has an Errors alarm,
 * every dead-letter queue a depth alarm, every alarm notifies someone, the rejected-callback spike alarm watches the
 * metric the callback handler writes, and tracing is on for every function. A new function or DLQ without its alarm
 * fails here, not in production.
 */
class ObservabilityTemplateTest {

    private final Template template = Template.load();

    @Test
    void everyFunction_hasAnErrorsAlarm() {
        Set<String> alarmed = new LinkedHashSet<>();
        for (JsonNode alarm : alarms()) {
            if (alarm.path("Namespace").asText().equals("AWS/Lambda")
                    && alarm.path("MetricName").asText().equals("Errors")
                    && alarm.path("Statistic").asText().equals("Sum")) {
                alarmed.add(dimension(alarm, "FunctionName"));
            }
        }
        List<String> missing = new ArrayList<>();
        for (Template.Function function : template.functions()) {
            if (!alarmed.contains(function.logicalId())) {
                missing.add(function.logicalId());
            }
        }
        assertFalse(template.functions().isEmpty());
        assertTrue(missing.isEmpty(), "functions without an AWS/Lambda Errors alarm (Sum, FunctionName = !Ref the"
                + " function) in template.yaml's observability section: " + missing);
    }

    @Test
    void everyDeadLetterQueue_hasADepthAlarm() {
        Set<String> deadLetterQueues = deadLetterQueues();
        Set<String> alarmed = new LinkedHashSet<>();
        for (JsonNode alarm : alarms()) {
            if (alarm.path("Namespace").asText().equals("AWS/SQS")
                    && alarm.path("MetricName").asText().equals("ApproximateNumberOfMessagesVisible")
                    && alarm.path("Threshold").asDouble(-1) == 0) {
                // !GetAtt Queue.QueueName reads as "Queue.QueueName"
                alarmed.add(dimension(alarm, "QueueName").replace(".QueueName", ""));
            }
        }
        // the queues the template is known to dead-letter into today: if this set shrinks, the detection broke
        assertTrue(deadLetterQueues.containsAll(Set.of("UsageEventsDeadLetterQueue", "InvoiceIssueDeadLetterQueue",
                "EventPublisherDeadLetterQueue")), "dead-letter queues found: " + deadLetterQueues);
        Set<String> missing = new LinkedHashSet<>(deadLetterQueues);
        missing.removeAll(alarmed);
        assertTrue(missing.isEmpty(), "dead-letter queues without a depth alarm (ApproximateNumberOfMessagesVisible"
                + " > 0): " + missing);
    }

    @Test
    void everyAlarm_notifiesTheAlarmTopic() {
        List<String> silent = new ArrayList<>();
        for (String id : template.resourcesOfType("AWS::CloudWatch::Alarm")) {
            JsonNode actions = template.resource(id).path("Properties").path("AlarmActions");
            boolean notifies = false;
            for (Iterator<JsonNode> it = Template.elements(actions); it.hasNext(); ) {
                notifies |= template.resourcesOfType("AWS::SNS::Topic").contains(it.next().asText());
            }
            if (!notifies) {
                silent.add(id);
            }
        }
        assertFalse(template.resourcesOfType("AWS::CloudWatch::Alarm").isEmpty());
        assertTrue(silent.isEmpty(), "alarms without AlarmActions to an SNS topic of the template: " + silent);
    }

    @Test
    void rejectedCallbacksAlarm_watchesTheCallbackMetricTotal() {
        JsonNode alarm = template.resource("RejectedCallbacksAlarm").path("Properties");
        // the names com.platform.billing.api.Metrics and PgCallbackHandler write (docs/operations.md)
        assertEquals("Billing", alarm.path("Namespace").asText());
        assertEquals("CallbackRejected", alarm.path("MetricName").asText());
        assertEquals("billing", dimension(alarm, "Service"));
        assertEquals(1, alarm.path("Dimensions").size(), "the total (Service only), not one reason");
        assertEquals("Sum", alarm.path("Statistic").asText());
    }

    @Test
    void tracing_isActiveForEveryFunction() {
        assertEquals("Active", template.root().path("Globals").path("Function").path("Tracing").asText());
        for (Template.Function function : template.functions()) {
            JsonNode tracing = template.resource(function.logicalId()).path("Properties").path("Tracing");
            assertTrue(tracing.isMissingNode() || tracing.asText().equals("Active"),
                    function.logicalId() + " turns tracing off");
        }
    }

    @Test
    void apiAccessLogs_areJson() {
        for (String api : template.resourcesOfType("AWS::Serverless::HttpApi")) {
            String format = template.resource(api).path("Properties").path("AccessLogSettings").path("Format").asText();
            JsonNode parsed = assertParses(format);
            assertTrue(parsed.has("requestId") && parsed.has("routeKey") && parsed.has("status"), format);
        }
    }

    private static JsonNode assertParses(String format) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(format);
        } catch (java.io.IOException e) {
            throw new AssertionError("access log format is not JSON: " + format, e);
        }
    }

    private List<JsonNode> alarms() {
        List<JsonNode> alarms = new ArrayList<>();
        for (String id : template.resourcesOfType("AWS::CloudWatch::Alarm")) {
            alarms.add(template.resource(id).path("Properties"));
        }
        return alarms;
    }

    private static String dimension(JsonNode alarm, String name) {
        for (JsonNode dimension : alarm.path("Dimensions")) {
            if (dimension.path("Name").asText().equals(name)) {
                return dimension.path("Value").asText();
            }
        }
        return "";
    }

    /**
     * SQS queues something dead-letters into: a queue's RedrivePolicy target, an EventBridge target's or a schedule's
     * DeadLetterConfig, an event source's OnFailure destination.
     */
    private Set<String> deadLetterQueues() {
        Set<String> referenced = new LinkedHashSet<>();
        collect(template.root().path("Resources"), null, referenced);
        Set<String> queues = new LinkedHashSet<>();
        for (String id : referenced) {
            if (template.resourcesOfType("AWS::SQS::Queue").contains(id)) {
                queues.add(id);
            }
        }
        return queues;
    }

    private static void collect(JsonNode node, String parentField, Set<String> into) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey();
                JsonNode value = field.getValue();
                boolean target = name.equals("deadLetterTargetArn")
                        || name.equals("Arn") && "DeadLetterConfig".equals(parentField)
                        || name.equals("Destination") && "OnFailure".equals(parentField);
                if (target && value.isTextual()) {
                    into.add(value.asText().replace(".Arn", ""));
                } else {
                    collect(value, name, into);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, parentField, into));
        }
    }
}
