package io.lwm2mbridge.engine.reports;

import io.lwm2mbridge.engine.store.JsonValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A declared column of a report: {@code {key, name, type}}, the type one of {@link ReportService#FIELD_TYPES}.
 * A declaration only says how to show values: a row may hold values of other types or undeclared fields.
 */
public record ReportField(String key, String name, String type) {

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("name", name);
        m.put("type", type);
        return m;
    }

    static ReportField fromJson(Map<String, Object> m) {
        String key = JsonValues.text(m.get("key"));
        String name = JsonValues.text(m.get("name"));
        String type = JsonValues.text(m.get("type"));
        return new ReportField(key, name == null ? key : name, type == null ? "string" : type);
    }
}
