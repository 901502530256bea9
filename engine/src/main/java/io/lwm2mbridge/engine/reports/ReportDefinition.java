package io.lwm2mbridge.engine.reports;

import io.lwm2mbridge.engine.store.JsonValues;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A report's definition, as stored and shown: {@code {key, name, fields, created, updated}}. */
public record ReportDefinition(String key, String name, List<ReportField> fields, Instant created, Instant updated) {

    public ReportDefinition {
        fields = List.copyOf(fields);
    }

    ReportDefinition renamed(String newName, Instant now) {
        return new ReportDefinition(key, newName, fields, created, now);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("name", name);
        m.put("fields", fields.stream().map(ReportField::toJson).toList());
        m.put("created", JsonValues.text(created));
        m.put("updated", JsonValues.text(updated));
        return m;
    }

    static ReportDefinition fromJson(Map<String, Object> m) {
        String key = JsonValues.text(m.get("key"));
        String name = JsonValues.text(m.get("name"));
        List<Object> fields = JsonValues.array(m.get("fields"));
        return new ReportDefinition(key, name == null ? key : name, fields == null ? List.of()
                : fields.stream().map(JsonValues::object).filter(Objects::nonNull).map(ReportField::fromJson).toList(),
                JsonValues.instant(m.get("created")), JsonValues.instant(m.get("updated")));
    }
}
