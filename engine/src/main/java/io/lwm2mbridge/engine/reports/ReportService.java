package io.lwm2mbridge.engine.reports;

import static io.lwm2mbridge.engine.refusal.RefusedException.Reason.INVALID;

import io.lwm2mbridge.engine.store.KeyValueStore;
import io.lwm2mbridge.engine.store.RecordCodec;
import io.lwm2mbridge.engine.store.RecordStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The reports: a definition ({@code {key, name, fields: [{key, name, type}]}}) and rows
 * ({@code {key, name, ts, values}}) per report, kept in the store. {@link #publish} follows the rules
 * of the trigger contract: it creates a report on first use, merges values into the row field by
 * field, keeps values of undeclared fields and values whose type differs from the declared one.
 * Writes are serialised.
 */
public final class ReportService {

    /** The types a declared field may have. */
    public static final Set<String> FIELD_TYPES = Set.of("string", "number", "timestamp", "boolean");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.~-]{1,100}");
    private static final int MAX_ROW_KEY = 200;

    /** How definitions and rows are kept in the store. */
    public record Codecs(RecordCodec<ReportDefinition> definitions, RecordCodec<ReportRow> rows) {}

    private final RecordStore<ReportDefinition> definitions;
    private final Function<String, RecordStore<ReportRow>> rowsOf;
    private final Clock clock;
    private final Runnable commit;

    /**
     * @param definitions one entry per report
     * @param rowsOf the rows of one report, by report key (a store map of its own, so a report's rows
     *     are read without scanning the others)
     * @param codecs the stored forms of definitions and rows
     */
    public ReportService(KeyValueStore definitions, Function<String, KeyValueStore> rowsOf, Codecs codecs, Clock clock,
            Runnable commit) {
        this.definitions = new RecordStore<>(definitions, codecs.definitions());
        this.rowsOf = key -> new RecordStore<>(rowsOf.apply(key), codecs.rows());
        this.clock = clock;
        this.commit = commit;
    }

    /** Every report's definition, by key. */
    public List<ReportDefinition> list() {
        List<ReportDefinition> out = new ArrayList<>();
        definitions.forEach((key, d) -> out.add(d));
        return out;
    }

    /** How many rows the report has. */
    public int rowCount(String key) {
        return rowsOf.apply(key).size();
    }

    public Optional<ReportDefinition> definition(String key) {
        return definitions.get(key);
    }

    /**
     * Defines the report {@code key} as {@code draft} describes it ({@code POST /reports}); the draft is read
     * once the key is known to be free.
     *
     * @param key a key checked by {@link #checkedKey}
     * @throws ReportException CONFLICT when the key is taken, or what {@code draft} throws
     */
    public synchronized ReportDefinition create(String key, Supplier<ReportDefinition.Draft> draft) {
        if (definitions.contains(key)) {
            throw new ReportException(ReportException.Reason.CONFLICT, "report '" + key + "' already exists");
        }
        ReportDefinition.Draft d = draft.get();
        ReportDefinition created = newDefinition(key, d.name() == null ? key : d.name(), d.fields());
        definitions.put(key, created);
        commit.run();
        return created;
    }

    /** Removes a report and its rows. */
    public synchronized boolean delete(String key) {
        if (!definitions.contains(key)) {
            return false;
        }
        RecordStore<ReportRow> rows = rowsOf.apply(key);
        for (String row : rows.keys()) {
            rows.remove(row);
        }
        definitions.remove(key);
        commit.run();
        return true;
    }

    /** One page of rows in row-key order; {@code next} is the row key to pass as {@code after}, or null at the end. */
    public record Rows(List<ReportRow> items, String next) {}

    public Rows rows(String key, String after, int limit) {
        if (!definitions.contains(key)) {
            throw missing(key);
        }
        RecordStore<ReportRow> rows = rowsOf.apply(key);
        List<ReportRow> out = new ArrayList<>();
        for (String rowKey : rows.keys()) {
            if (after != null && rowKey.compareTo(after) <= 0) {
                continue;
            }
            if (out.size() == limit) {
                return new Rows(out, out.get(out.size() - 1).key());
            }
            rows.get(rowKey).ifPresent(out::add);
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
    public synchronized ReportRow publish(String reportKey, String rowKey, Instant ts, String name,
            Map<String, Object> values) {
        String key = checkedKey(reportKey, "reportKey");
        if (rowKey == null || rowKey.isEmpty() || rowKey.length() > MAX_ROW_KEY) {
            throw new ReportException(INVALID, "rowKey must be a string of 1 to " + MAX_ROW_KEY + " characters");
        }
        if (!definitions.contains(key)) {
            definitions.put(key, newDefinition(key, key, List.of()));
        }
        RecordStore<ReportRow> rows = rowsOf.apply(key);
        ReportRow row = rows.get(rowKey).orElseGet(() -> new ReportRow(rowKey, null, null, Map.of()))
                .merged(name, ts == null ? clock.instant() : ts, values);
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
    public synchronized ReportDefinition clone(String fromKey, String toKey, String name) {
        String to = checkedKey(toKey, "toKey");
        Optional<ReportDefinition> existing = definition(to);
        if (existing.isPresent()) {
            ReportDefinition d = existing.get();
            if (name != null) {
                d = d.renamed(name, clock.instant());
                definitions.put(to, d);
                commit.run();
            }
            return d;
        }
        ReportDefinition from = definition(checkedKey(fromKey, "fromKey")).orElseThrow(() -> missing(fromKey));
        ReportDefinition d = newDefinition(to, name != null ? name : from.name(), from.fields());
        definitions.put(to, d);
        commit.run();
        return d;
    }

    private ReportDefinition newDefinition(String key, String name, List<ReportField> fields) {
        Instant now = clock.instant();
        return new ReportDefinition(key, name, fields, now, now);
    }

    /** The key, when it is 1 to 100 letters, digits, '_', '-', '.' or '~'. @throws ReportException INVALID otherwise */
    public static String checkedKey(Object key, String what) {
        if (!(key instanceof String k) || !KEY.matcher(k).matches()) {
            throw new ReportException(INVALID, what + " must be 1 to 100 letters, digits, '_', '-', '.' or '~', not "
                    + (key == null ? "nothing" : "'" + key + "'"));
        }
        return k;
    }

    private static ReportException missing(String key) {
        return new ReportException(ReportException.Reason.NOT_FOUND, "no report '" + key + "'");
    }
}
