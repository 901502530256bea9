package io.lwm2mbridge.engine.reports;

import io.lwm2mbridge.engine.store.JsonValues;
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

    public static String of(ReportDefinition definition, List<ReportRow> rows) {
        Set<String> columns = new LinkedHashSet<>();
        List<String> headers = new ArrayList<>(List.of("key", "name", "ts"));
        for (ReportField f : definition.fields()) {
            if (columns.add(String.valueOf(f.key()))) {
                headers.add(String.valueOf(f.name() == null ? f.key() : f.name()));
            }
        }
        for (ReportRow row : rows) {
            for (String k : row.values().keySet()) {
                if (columns.add(k)) {
                    headers.add(k);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers);
        for (ReportRow row : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(text(row.key()));
            cells.add(text(row.name()));
            cells.add(text(JsonValues.text(row.ts())));
            for (String c : columns) {
                cells.add(text(row.values().get(c)));
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
