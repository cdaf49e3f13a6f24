package com.platform.billing.functions.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Json;
import com.platform.billing.api.Log;
import com.platform.billing.api.Metrics;
import com.platform.billing.domain.usage.RecordResult;
import com.platform.billing.domain.usage.UsageRecordInput;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Usage records in and results out, mapped by hand. A record is a JSON object with string fields {@code id},
 * {@code orgId}, {@code resourceId}, {@code sku}, {@code start}, {@code end} and {@code quantity} (a decimal string
 * or a JSON number, read exactly). Fields the record does not define are ignored, so the platform may add its own
 * (every defined field is required, so a misspelt one is still caught as missing). A record that cannot be read is
 * refused on its own; the rest of its batch still applies.
 */
final class UsageJson {

    private UsageJson() {
    }

    static List<UsageRecordInput> records(JsonNode array) {
        List<UsageRecordInput> records = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            records.add(record(i, array.get(i)));
        }
        return records;
    }

    static UsageRecordInput record(int index, JsonNode node) {
        if (node == null || !node.isObject()) {
            return UsageRecordInput.malformed(index, null, "", "A usage record must be a JSON object.");
        }
        JsonNode idNode = node.get("id");
        String id = idNode != null && idNode.isTextual() ? idNode.textValue() : null;
        for (String field : new String[] {"id", "orgId", "resourceId", "sku", "start", "end"}) {
            JsonNode value = node.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                return UsageRecordInput.malformed(index, id, field, field + " must be a JSON string.");
            }
        }
        JsonNode quantity = node.get("quantity");
        String quantityText = null;
        BigDecimal quantityNumber = null;
        if (quantity != null && !quantity.isNull()) {
            if (quantity.isTextual()) {
                quantityText = quantity.textValue();
            } else if (quantity.isNumber()) {
                quantityNumber = quantity.decimalValue();
            } else {
                return UsageRecordInput.malformed(index, id, "quantity",
                        "quantity must be a JSON string or number.");
            }
        }
        return UsageRecordInput.of(index, id, text(node, "orgId"), text(node, "resourceId"), text(node, "sku"),
                quantityText, quantityNumber, text(node, "start"), text(node, "end"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.textValue();
    }

    /** The response: counts per status, then one result per record in input order. */
    static ObjectNode results(List<RecordResult> results) {
        ObjectNode view = Json.object();
        view.put("accepted", count(results, RecordResult.Accepted.class));
        view.put("duplicates", count(results, RecordResult.Duplicate.class));
        view.put("rejected", count(results, RecordResult.Rejected.class));
        view.put("failed", count(results, RecordResult.Failed.class));
        ArrayNode items = view.putArray("results");
        for (RecordResult result : results) {
            ObjectNode item = items.addObject();
            item.put("index", result.index());
            if (result.id() == null) {
                item.putNull("id");
            } else {
                item.put("id", printable(result.id()));
            }
            item.put("status", result.status());
            switch (result) {
                case RecordResult.Accepted a -> {
                    item.put("orgId", a.orgId());
                    item.put("usagePeriod", a.usagePeriod().toString());
                    item.put("bookedPeriod", a.bookedPeriod().toString());
                    item.put("late", a.late());
                    item.put("amountMicros", a.amountMicros());
                }
                case RecordResult.Duplicate d -> {
                    item.put("orgId", d.orgId());
                    item.put("usagePeriod", d.usagePeriod().toString());
                    item.put("bookedPeriod", d.bookedPeriod().toString());
                    item.put("late", d.late());
                    item.put("amountMicros", d.amountMicros());
                }
                case RecordResult.Rejected r -> {
                    item.put("reason", r.reason().code());
                    if (r.field() != null && !r.field().isEmpty()) {
                        item.put("field", r.field());
                    }
                    item.put("detail", r.detail());
                }
                case RecordResult.Failed f -> {
                    item.put("reason", "retry-later");
                    item.put("detail", "Not applied because of a temporary failure; send this record again.");
                }
            }
        }
        return view;
    }

    /** One log line per refused or failed record (no secrets in usage records), and the counts as metrics. */
    static void report(List<RecordResult> results, String source) {
        for (RecordResult result : results) {
            switch (result) {
                case RecordResult.Rejected r -> {
                    ObjectNode line = Log.line("WARN", "usage record rejected");
                    line.put("source", source);
                    line.put("index", r.index());
                    line.put("recordId", r.id() == null ? "" : printable(r.id()));
                    line.put("recordOrgId", r.orgId() == null ? "" : printable(r.orgId()));
                    line.put("reason", r.reason().code());
                    line.put("field", r.field() == null ? "" : r.field());
                    Log.emit(line);
                }
                case RecordResult.Failed f -> Log.error("usage record not applied (transient); it will be retried",
                        f.cause());
                default -> {
                    // accepted and duplicates are counted below
                }
            }
        }
        metric("UsageRecordsAccepted", count(results, RecordResult.Accepted.class));
        metric("UsageRecordsDuplicate", count(results, RecordResult.Duplicate.class));
        metric("UsageRecordsRejected", count(results, RecordResult.Rejected.class));
        metric("UsageRecordsFailed", count(results, RecordResult.Failed.class));
    }

    static boolean anyFailed(List<RecordResult> results) {
        return results.stream().anyMatch(r -> r instanceof RecordResult.Failed);
    }

    private static void metric(String name, long value) {
        if (value > 0) {
            Metrics.count(name, value);
        }
    }

    private static long count(List<RecordResult> results, Class<? extends RecordResult> type) {
        return results.stream().filter(type::isInstance).count();
    }

    /** Echo a caller's id safely: printable ASCII only, at most 128 characters. */
    static String printable(String value) {
        String cleaned = value.replaceAll("[^\\x20-\\x7E]", "?");
        return cleaned.length() > 128 ? cleaned.substring(0, 128) : cleaned;
    }
}
