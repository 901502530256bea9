package io.lwm2mbridge.engine.reports;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a report: its key, name, time and values. The values are whatever scripts
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
}
