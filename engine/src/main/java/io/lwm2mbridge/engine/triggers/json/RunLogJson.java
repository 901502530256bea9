package io.lwm2mbridge.engine.triggers.json;

import io.lwm2mbridge.engine.limits.JsonSize;
import io.lwm2mbridge.engine.store.JsonValues;
import io.lwm2mbridge.engine.store.LogPages;
import io.lwm2mbridge.engine.store.RecordCodec;
import io.lwm2mbridge.engine.triggers.RunLog;
import io.lwm2mbridge.engine.triggers.RunLogEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * {@link RunLog} entries as JSON: the stored line {@code {ts, level, trigger, triggerId, version, endpoint,
 * message, data, kind}} (and {@code line} for a failure), and the pages the log API and the trigger errors
 * API show. An entry stored larger than the bound now allows is shown {@link RunLog#fitted}.
 */
public final class RunLogJson {

    /** The stored line of an entry. */
    public static final RecordCodec<RunLogEntry> CODEC = RecordCodec.of(RunLogJson::line, RunLogJson::entry);

    /** What the log API shows of a stored line, in its order, before a failure's line. */
    private static final Set<String> SHOWN = Set.of("ts", "level", "trigger", "endpoint", "message", "data");
    /** What the trigger errors API shows of a stored failure, in its order, before its line. */
    private static final Set<String> FAILURE_SHOWN = Set.of("ts", "trigger", "version", "message");

    private RunLogJson() {}

    /**
     * A page of log entries and failures, oldest first, as {@code {ts, level, trigger, endpoint, message,
     * data}} (and {@code line} for a failure); the arguments are those of {@link RunLog#page}.
     */
    public static LogPages.Page page(RunLog log, String trigger, String minLevel, Instant since, Long after,
            int limit, long maxBytes) {
        return log.page(trigger, minLevel, since, after, limit, maxBytes, shown(log, UnaryOperator.identity(),
                RunLogJson::view));
    }

    /** Log entries and failures, oldest first: the newest {@code limit}, without a bound on bytes. */
    public static List<Map<String, Object>> query(RunLog log, String trigger, String minLevel, Instant since,
            int limit) {
        return page(log, trigger, minLevel, since, null, limit, Long.MAX_VALUE).items();
    }

    /** Failures of one trigger, oldest first, as {@code {ts, trigger, version, message, line}}. */
    public static List<Map<String, Object>> failures(RunLog log, String triggerId, int limit) {
        return failures(log, triggerId, limit, Long.MAX_VALUE);
    }

    /** The newest failures of one trigger that fit {@code maxBytes}, oldest first. */
    public static List<Map<String, Object>> failures(RunLog log, String triggerId, int limit, long maxBytes) {
        // a failure is shown without data: only its message is fitted to the bound
        return log.failures(triggerId, limit, maxBytes, shown(log, RunLogEntry::withoutData, RunLogJson::failureView))
                .items();
    }

    /** The view with its size; an entry stored larger than the bound allows is shortened first. */
    private static RunLog.Shown shown(RunLog log, UnaryOperator<RunLogEntry> beforeFitting,
            Function<RunLogEntry, Map<String, Object>> view) {
        return (e, stored) -> {
            if (!log.oversized(stored)) {
                return new LogPages.Item(view.apply(e), stored);
            }
            Map<String, Object> fitted = view.apply(log.fitted(beforeFitting.apply(e)));
            return new LogPages.Item(fitted, JsonSize.of(fitted));
        };
    }

    static Map<String, Object> line(RunLogEntry r) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("ts", JsonValues.text(r.ts()));
        e.put("level", r.level());
        e.put("trigger", r.trigger());
        e.put("triggerId", r.triggerId());
        e.put("version", r.version());
        e.put("endpoint", r.endpoint());
        e.put("message", r.message());
        e.put("data", r.data());
        e.put("kind", r.failure() ? "failure" : "log");
        if (r.failure()) {
            e.put("line", r.line());
        }
        return e;
    }

    static RunLogEntry entry(Map<String, Object> e) {
        Long version = JsonValues.whole(e.get("version"));
        Long line = JsonValues.whole(e.get("line"));
        return new RunLogEntry(JsonValues.instant(e.get("ts")), JsonValues.text(e.get("level")),
                JsonValues.text(e.get("trigger")), JsonValues.text(e.get("triggerId")),
                version == null ? null : version.intValue(), JsonValues.text(e.get("endpoint")),
                JsonValues.text(e.get("message")), e.get("data"), "failure".equals(e.get("kind")),
                line == null ? null : line.intValue());
    }

    /** A failure as {@code GET /triggers/{id}/errors} shows it: {@code {ts, trigger, version, message, line}}. */
    private static Map<String, Object> failureView(RunLogEntry r) {
        Map<String, Object> f = line(r);
        f.keySet().retainAll(FAILURE_SHOWN);
        f.put("line", r.line());
        return f;
    }

    /** An entry as the log API shows it: {@code {ts, level, trigger, endpoint, message, data}}, and a failure's line. */
    private static Map<String, Object> view(RunLogEntry r) {
        Map<String, Object> v = line(r);
        v.keySet().retainAll(SHOWN);
        if (r.line() != null) {
            v.put("line", r.line());
        }
        return v;
    }
}
