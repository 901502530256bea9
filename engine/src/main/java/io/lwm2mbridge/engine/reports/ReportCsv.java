package io.lwm2mbridge.engine.reports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A report as CSV (RFC 4180): columns {@code key, name, ts}, then the declared fields in their order,
 * then the undeclared ones in the order rows first use them. Objects and arrays are written as JSON.
 */
public final class ReportCsv {

    private ReportCsv() {}

    @SuppressWarnings("unchecked")
    public static String of(Map<String, Object> definition, List<Map<String, Object>> rows) {
        Set<String> columns = new LinkedHashSet<>();
        List<String> headers = new ArrayList<>(List.of("key", "name", "ts"));
        for (Map<String, Object> f : (List<Map<String, Object>>) definition.getOrDefault("fields", List.of())) {
            if (columns.add(String.valueOf(f.get("key")))) {
                headers.add(String.valueOf(f.get("name") == null ? f.get("key") : f.get("name")));
            }
        }
        for (Map<String, Object> row : rows) {
            if (row.get("values") instanceof Map<?, ?> values) {
                for (Object k : values.keySet()) {
                    if (columns.add(String.valueOf(k))) {
                        headers.add(String.valueOf(k));
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers);
        for (Map<String, Object> row : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(text(row.get("key")));
            cells.add(text(row.get("name")));
            cells.add(text(row.get("ts")));
            Map<String, Object> values = row.get("values") instanceof Map<?, ?> v ? (Map<String, Object>) v : Map.of();
            for (String c : columns) {
                cells.add(text(values.get(c)));
            }
            line(out, cells);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                out.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                out.append(c);
            }
        }
        out.append("\r\n");
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            return io.lwm2mbridge.scripting.JsonBridge.toJson(v);
        }
        return String.valueOf(v);
    }
}
