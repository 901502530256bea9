package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.reports.ReportService;
import io.lwm2mbridge.engine.reports.json.ReportJson;
import io.lwm2mbridge.engine.store.JsonValues;
import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.HostCallException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * The {@code report} host object: {@code publish(reportKey, rowKey, ts, {name, values})} merges
 * values into a row (creating the report on first use), {@code clone(fromKey, toKey, name)} copies a
 * definition; the rules are in {@link ReportService}.
 */
public record ReportFunctions(ReportService reports) {

    public void register(HostApi.Builder api) {
        api.add("report.publish", (run, list) -> {
            Args args = Args.of("report.publish", list);
            String reportKey = args.string(0, "reportKey");
            String rowKey = args.text(1, "rowKey");
            Instant ts = ts(args, 2);
            Map<String, Object> row = args.optionalObject(3, "the row ({name, values})");
            for (String field : row.keySet()) {
                if (!Set.of("name", "values").contains(field)) {
                    throw args.type("the row takes name and values, not '" + field + "'");
                }
            }
            Object name = row.get("name");
            if (name != null && !(name instanceof String)) {
                throw args.type("name must be a string, not " + Args.describe(name));
            }
            Object values = row.get("values");
            if (values != null && !(values instanceof Map<?, ?>)) {
                throw args.type("values must be an object of field to value, not " + Args.describe(values));
            }
            Map<String, Object> v = JsonValues.object(values);
            return RefusedCalls.call(args, () -> ReportJson.row(reports.publish(reportKey, rowKey, ts, (String) name, v)));
        });
        api.add("report.clone", (run, list) -> {
            Args args = Args.of("report.clone", list);
            String from = args.string(0, "fromKey");
            String to = args.string(1, "toKey");
            String name = args.has(2) ? args.text(2, "name") : null;
            return RefusedCalls.call(args, () -> ReportJson.definition(reports.clone(from, to, name)));
        });
    }

    /** An ISO-8601 string or epoch milliseconds; absent is now. */
    private static Instant ts(Args args, int i) throws HostCallException {
        Object v = args.get(i);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return Instant.ofEpochMilli(n.longValue());
        }
        if (v instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(s).toInstant();
                } catch (DateTimeParseException e2) {
                    throw args.type("ts must be an ISO-8601 time (2024-05-01T10:00:00Z) or epoch milliseconds, not '"
                            + s + "'");
                }
            }
        }
        throw args.type("ts must be an ISO-8601 string or epoch milliseconds, not " + Args.describe(v));
    }
}
