package io.lwm2mbridge.engine.reports.json;

import static io.lwm2mbridge.engine.refusal.RefusedException.Reason.INVALID;

import io.lwm2mbridge.engine.reports.ReportDefinition;
import io.lwm2mbridge.engine.reports.ReportException;
import io.lwm2mbridge.engine.reports.ReportField;
import io.lwm2mbridge.engine.reports.ReportRow;
import io.lwm2mbridge.engine.reports.ReportService;
import io.lwm2mbridge.engine.store.JsonValues;
import io.lwm2mbridge.engine.store.RecordCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reports as JSON, stored and shown alike: a definition {@code {key, name, fields: [{key, name, type}], created,
 * updated}}, a row {@code {key, name, ts, values}}; and the parsing of a {@code POST /reports} body.
 */
public final class ReportJson {

    /** The stored forms of definitions and rows, unchanged since the first version. */
    public static final ReportService.Codecs CODECS = new ReportService.Codecs(
            RecordCodec.of(ReportJson::definition, ReportJson::readDefinition),
            RecordCodec.of(ReportJson::row, ReportJson::readRow));

    private ReportJson() {}

    public static Map<String, Object> definition(ReportDefinition d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", d.key());
        m.put("name", d.name());
        m.put("fields", d.fields().stream().map(ReportJson::field).toList());
        m.put("created", JsonValues.text(d.created()));
        m.put("updated", JsonValues.text(d.updated()));
        return m;
    }

    public static Map<String, Object> row(ReportRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", r.key());
        m.put("name", r.name());
        m.put("ts", JsonValues.text(r.ts()));
        m.put("values", new LinkedHashMap<>(r.values()));
        return m;
    }

    /** The key a create body gives. @throws ReportException INVALID when it is not a valid key */
    public static String key(Map<String, Object> body) {
        return ReportService.checkedKey(body.get("key"), "key");
    }

    /**
     * The name and declared fields a create body gives.
     *
     * @throws ReportException INVALID naming the first field that is wrong
     */
    public static ReportDefinition.Draft draft(Map<String, Object> body) {
        for (String field : body.keySet()) {
            if (!Set.of("key", "name", "fields").contains(field)) {
                throw new ReportException(INVALID, "unknown field '" + field + "' (expected key, name, fields)");
            }
        }
        Object name = body.get("name");
        if (name != null && !(name instanceof String)) {
            throw new ReportException(INVALID, "name must be a string");
        }
        return new ReportDefinition.Draft((String) name, fields(body.get("fields")));
    }

    private static List<ReportField> fields(Object fields) {
        if (fields == null) {
            return List.of();
        }
        if (!(fields instanceof List<?> list)) {
            throw new ReportException(INVALID, "fields must be an array of {key, name, type}");
        }
        List<ReportField> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> f)) {
                throw new ReportException(INVALID, "fields[" + i + "] must be an object {key, name, type}");
            }
            if (!(f.get("key") instanceof String k) || k.isEmpty()) {
                throw new ReportException(INVALID, "fields[" + i + "].key must be a non-empty string");
            }
            if (seen.contains(k)) {
                throw new ReportException(INVALID, "fields[" + i + "].key '" + k + "' appears twice");
            }
            seen.add(k);
            Object type = f.get("type") == null ? "string" : f.get("type");
            if (!ReportService.FIELD_TYPES.contains(String.valueOf(type))) {
                throw new ReportException(INVALID, "fields[" + i + "].type must be one of string, number, timestamp,"
                        + " boolean, not '" + type + "'");
            }
            Object fieldName = f.get("name");
            if (fieldName != null && !(fieldName instanceof String)) {
                throw new ReportException(INVALID, "fields[" + i + "].name must be a string");
            }
            out.add(new ReportField(k, fieldName == null ? k : (String) fieldName, String.valueOf(type)));
        }
        return out;
    }

    private static Map<String, Object> field(ReportField f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", f.key());
        m.put("name", f.name());
        m.put("type", f.type());
        return m;
    }

    private static ReportDefinition readDefinition(Map<String, Object> m) {
        String key = JsonValues.text(m.get("key"));
        String name = JsonValues.text(m.get("name"));
        List<Object> fields = JsonValues.array(m.get("fields"));
        return new ReportDefinition(key, name == null ? key : name, fields == null ? List.of()
                : fields.stream().map(JsonValues::object).filter(Objects::nonNull).map(ReportJson::readField).toList(),
                JsonValues.instant(m.get("created")), JsonValues.instant(m.get("updated")));
    }

    private static ReportField readField(Map<String, Object> m) {
        String key = JsonValues.text(m.get("key"));
        String name = JsonValues.text(m.get("name"));
        String type = JsonValues.text(m.get("type"));
        return new ReportField(key, name == null ? key : name, type == null ? "string" : type);
    }

    private static ReportRow readRow(Map<String, Object> m) {
        return new ReportRow(JsonValues.text(m.get("key")), JsonValues.text(m.get("name")),
                JsonValues.instant(m.get("ts")), JsonValues.objectOrEmpty(m.get("values")));
    }
}
