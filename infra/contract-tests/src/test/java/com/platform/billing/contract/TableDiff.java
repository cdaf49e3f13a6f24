package com.platform.billing.contract;

import com.platform.billing.devkit.TableSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Which items a request added, removed or changed, by key: a readable failure instead of two table dumps. */
final class TableDiff {

    private TableDiff() {
    }

    static String describe(TableSnapshot before, TableSnapshot after) {
        Map<String, Map<String, AttributeValue>> was = byKey(before);
        Map<String, Map<String, AttributeValue>> now = byKey(after);
        List<String> lines = new ArrayList<>();
        now.forEach((key, item) -> {
            Map<String, AttributeValue> old = was.get(key);
            if (old == null) {
                lines.add("added " + key + " " + item);
            } else if (!Objects.equals(old, item)) {
                lines.add("changed " + key + " from " + old + " to " + item);
            }
        });
        was.keySet().stream().filter(k -> !now.containsKey(k)).forEach(k -> lines.add("removed " + k));
        return lines.isEmpty() ? "no difference" : String.join("\n  ", lines);
    }

    private static Map<String, Map<String, AttributeValue>> byKey(TableSnapshot snapshot) {
        Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
        snapshot.items().forEach(item -> items.put(item.get("PK").s() + " | " + item.get("SK").s(), item));
        return items;
    }
}
