package io.lwm2mbridge.engine.reports;

import io.lwm2mbridge.engine.store.JsonValues;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a report, as stored and shown: {@code {key, name, ts, values}}. The values are whatever scripts
 * published, field to any JSON value.
 *
 * @param name the row's name, or null until one is published
 * @param ts when it was last published
 */
public record ReportRow(String key, String name, Instant ts, Map<String, Object> values) {

    public ReportRow {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The row after a publish: the values merged field by field, the name kept when none is given. */
    ReportRow merged(String newName, Instant when, Map<String, Object> newValues) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        if (newValues != null) {
            merged.putAll(newValues);
        }
        return new ReportRow(key, newName != null ? newName : name, when, merged);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("name", name);
        m.put("ts", JsonValues.text(ts));
        m.put("values", new LinkedHashMap<>(values));
        return m;
    }

    static ReportRow fromJson(Map<String, Object> m) {
        return new ReportRow(JsonValues.text(m.get("key")), JsonValues.text(m.get("name")),
                JsonValues.instant(m.get("ts")), JsonValues.objectOrEmpty(m.get("values")));
    }
}
