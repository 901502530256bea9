package io.lwm2mbridge.engine.reports;

import io.lwm2mbridge.engine.store.KeyValueStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The reports: a definition ({@code {key, name, fields: [{key, name, type}]}}) and rows
 * ({@code {key, name, ts, values}}) per report, kept in the store. {@link #publish} follows the rules
 * of the trigger contract: it creates a report on first use, merges values into the row field by
 * field, keeps values of undeclared fields and values whose type differs from the declared one.
 * Writes are serialised.
 */
public final class ReportService {

    public static final Set<String> FIELD_TYPES = Set.of("string", "number", "timestamp", "boolean");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.~-]{1,100}");
    private static final int MAX_ROW_KEY = 200;

    private final KeyValueStore definitions;
    private final Function<String, KeyValueStore> rowsOf;
    private final Clock clock;
    private final Runnable commit;

    /**
     * @param definitions one entry per report
     * @param rowsOf the rows of one report, by report key (a store map of its own, so a report's rows
     *     are read without scanning the others)
     */
    public ReportService(KeyValueStore definitions, Function<String, KeyValueStore> rowsOf, Clock clock, Runnable commit) {
        this.definitions = definitions;
        this.rowsOf = rowsOf;
        this.clock = clock;
        this.commit = commit;
    }

    /** Every report's definition, with its {@code rowCount}. */
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String key : definitions.keys()) {
            definition(key).ifPresent(d -> {
                d.put("rowCount", rowsOf.apply(key).size());
                out.add(d);
            });
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> definition(String key) {
        return definitions.get(key) instanceof Map<?, ?> m
                ? Optional.of(new LinkedHashMap<>((Map<String, Object>) m)) : Optional.empty();
    }

    /**
     * Defines a report ({@code POST /reports}).
     *
     * @throws ReportException INVALID for a bad key, name or field; CONFLICT when the key is taken
     */
    public synchronized Map<String, Object> create(Map<String, Object> body) {
        String key = key(body.get("key"), "key");
        if (definitions.get(key) != null) {
            throw new ReportException(ReportException.Reason.CONFLICT, "report '" + key + "' already exists");
        }
        for (String field : body.keySet()) {
            if (!Set.of("key", "name", "fields").contains(field)) {
                throw ReportException.invalid("unknown field '" + field + "' (expected key, name, fields)");
            }
        }
        Object name = body.get("name");
        if (name != null && !(name instanceof String)) {
            throw ReportException.invalid("name must be a string");
        }
        Map<String, Object> d = newDefinition(key, name == null ? key : (String) name, fields(body.get("fields")));
        definitions.put(key, d);
        commit.run();
        return d;
    }

    /** Removes a report and its rows. */
    public synchronized boolean delete(String key) {
        if (definitions.get(key) == null) {
            return false;
        }
        KeyValueStore rows = rowsOf.apply(key);
        for (String row : rows.keys()) {
            rows.remove(row);
        }
        definitions.remove(key);
        commit.run();
        return true;
    }

    /** One page of rows in row-key order; {@code next} is the row key to pass as {@code after}, or null at the end. */
    public record Rows(List<Map<String, Object>> items, String next) {}

    @SuppressWarnings("unchecked")
    public Rows rows(String key, String after, int limit) {
        if (definitions.get(key) == null) {
            throw ReportException.notFound(key);
        }
        KeyValueStore rows = rowsOf.apply(key);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String rowKey : rows.keys()) {
            if (after != null && rowKey.compareTo(after) <= 0) {
                continue;
            }
            if (out.size() == limit) {
                return new Rows(out, (String) out.get(out.size() - 1).get("key"));
            }
            if (rows.get(rowKey) instanceof Map<?, ?> row) {
                out.add((Map<String, Object>) row);
            }
        }
        return new Rows(out, null);
    }

    /**
     * What {@code report.publish} does: creates the report if it does not exist, then merges
     * {@code values} into the row field by field; a null {@code name} keeps the row's name.
     *
     * @param ts the row's time; null is now
     * @return the row as it now is
     */
    @SuppressWarnings("unchecked")
    public synchronized Map<String, Object> publish(String reportKey, String rowKey, Instant ts, String name,
            Map<String, Object> values) {
        String key = key(reportKey, "reportKey");
        if (rowKey == null || rowKey.isEmpty() || rowKey.length() > MAX_ROW_KEY) {
            throw ReportException.invalid("rowKey must be a string of 1 to " + MAX_ROW_KEY + " characters");
        }
        if (definitions.get(key) == null) {
            definitions.put(key, newDefinition(key, key, List.of()));
        }
        KeyValueStore rows = rowsOf.apply(key);
        Map<String, Object> row = rows.get(rowKey) instanceof Map<?, ?> m
                ? new LinkedHashMap<>((Map<String, Object>) m) : null;
        if (row == null) {
            row = new LinkedHashMap<>();
            row.put("key", rowKey);
            row.put("name", null);
            row.put("ts", null);
            row.put("values", new LinkedHashMap<>());
        }
        if (name != null) {
            row.put("name", name);
        }
        row.put("ts", (ts == null ? clock.instant() : ts).toString());
        Map<String, Object> merged = row.get("values") instanceof Map<?, ?> v
                ? new LinkedHashMap<>((Map<String, Object>) v) : new LinkedHashMap<>();
        if (values != null) {
            merged.putAll(values);
        }
        row.put("values", merged);
        rows.put(rowKey, row);
        return row;
    }

    /**
     * What {@code report.clone} does: copies {@code fromKey}'s definition, not its rows, to
     * {@code toKey}. When {@code toKey} exists it is only renamed (when a name is given), never an error.
     *
     * @param name the new report's name; null keeps the source's name
     * @throws ReportException NOT_FOUND when neither {@code toKey} nor {@code fromKey} exists
     */
    @SuppressWarnings("unchecked")
    public synchronized Map<String, Object> clone(String fromKey, String toKey, String name) {
        String to = key(toKey, "toKey");
        Optional<Map<String, Object>> existing = definition(to);
        if (existing.isPresent()) {
            Map<String, Object> d = existing.get();
            if (name != null) {
                d.put("name", name);
                d.put("updated", clock.instant().toString());
                definitions.put(to, d);
                commit.run();
            }
            return d;
        }
        Map<String, Object> from = definition(key(fromKey, "fromKey")).orElseThrow(() -> ReportException.notFound(fromKey));
        Map<String, Object> d = newDefinition(to, name != null ? name : (String) from.get("name"),
                (List<Map<String, Object>>) from.get("fields"));
        definitions.put(to, d);
        commit.run();
        return d;
    }

    private Map<String, Object> newDefinition(String key, String name, List<Map<String, Object>> fields) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("key", key);
        d.put("name", name);
        d.put("fields", fields == null ? List.of() : fields);
        String now = clock.instant().toString();
        d.put("created", now);
        d.put("updated", now);
        return d;
    }

    private static String key(Object key, String what) {
        if (!(key instanceof String k) || !KEY.matcher(k).matches()) {
            throw ReportException.invalid(what + " must be 1 to 100 letters, digits, '_', '-', '.' or '~', not "
                    + (key == null ? "nothing" : "'" + key + "'"));
        }
        return k;
    }

    private static List<Map<String, Object>> fields(Object fields) {
        if (fields == null) {
            return List.of();
        }
        if (!(fields instanceof List<?> list)) {
            throw ReportException.invalid("fields must be an array of {key, name, type}");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> f)) {
                throw ReportException.invalid("fields[" + i + "] must be an object {key, name, type}");
            }
            if (!(f.get("key") instanceof String k) || k.isEmpty()) {
                throw ReportException.invalid("fields[" + i + "].key must be a non-empty string");
            }
            if (seen.contains(k)) {
                throw ReportException.invalid("fields[" + i + "].key '" + k + "' appears twice");
            }
            seen.add(k);
            Object type = f.get("type") == null ? "string" : f.get("type");
            if (!FIELD_TYPES.contains(String.valueOf(type))) {
                throw ReportException.invalid("fields[" + i + "].type must be one of string, number, timestamp,"
                        + " boolean, not '" + type + "'");
            }
            Object fieldName = f.get("name");
            if (fieldName != null && !(fieldName instanceof String)) {
                throw ReportException.invalid("fields[" + i + "].name must be a string");
            }
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("key", k);
            field.put("name", fieldName == null ? k : fieldName);
            field.put("type", type);
            out.add(field);
        }
        return out;
    }
}
