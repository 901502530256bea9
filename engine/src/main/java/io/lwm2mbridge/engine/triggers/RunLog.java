package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.limits.JsonSize;
import io.lwm2mbridge.engine.limits.Truncation;
import io.lwm2mbridge.engine.store.LogPages;
import io.lwm2mbridge.engine.store.OrderedLog;
import io.lwm2mbridge.scripting.JsonBridge;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What scripts wrote with {@code log.*} and how trigger runs failed, kept in the store up to a bound
 * ({@code logs_kept}) for the API and the console. A failure is an entry of level {@code error} with
 * the trigger's version and the script line.
 *
 * <p>One entry holds at most {@code log_line_max_bytes} (message and data as JSON): a longer one is kept
 * shortened, its longest strings ending in {@code ...[truncated: <n> characters]}, rather than refused,
 * because a log line is for a person reading it and a script must not fail for logging. Entries written
 * before that bound (or under a larger one) are shortened the same way when read. Pages are bounded by
 * bytes as well as by count ({@link #page}).
 */
public final class RunLog {

    public static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");
    /** Room for an entry's fields besides message and data (time, trigger, level, ...). */
    private static final long ENVELOPE = 4096;

    private final OrderedLog log;
    private final Clock clock;
    private final LongSupplier kept;
    private final LongSupplier lineMax;
    private final AtomicLong sequence;

    /** A log whose lines are kept whole: for tests that do not look at sizes. */
    public RunLog(OrderedLog log, Clock clock, LongSupplier kept) {
        this(log, clock, kept, () -> Long.MAX_VALUE / 4);
    }

    /** @param lineMax what one entry may hold ({@code log_line_max_bytes}), read on every write and read */
    public RunLog(OrderedLog log, Clock clock, LongSupplier kept, LongSupplier lineMax) {
        this.log = log;
        this.clock = clock;
        this.kept = kept;
        this.lineMax = lineMax;
        this.sequence = new AtomicLong(log.lastSequence());
    }

    /** A script's own log line; shortened to the bound. */
    public void log(String level, Trigger trigger, String endpoint, String message, Object data) {
        Map<String, Object> e = entry(level, trigger, endpoint, message, data);
        e.put("kind", "log");
        // written as JSON once; only a line over the bound is measured part by part and written again
        String json = LogPages.encode(e);
        long max = lineMax.getAsLong();
        if (JsonSize.utf8Exceeds(json, max)) {
            Map<String, Object> line = bounded(message, data);
            e.put("message", line.get("message"));
            e.put("data", line.get("data"));
            json = LogPages.encode(e);
        }
        append(json);
    }

    /** A trigger run that failed or was stopped; the message shortened to the bound. */
    public void failure(Trigger trigger, String endpoint, String message, int line) {
        Map<String, Object> e = entry("error", trigger, endpoint, Truncation.text(message, lineMax.getAsLong()), null);
        e.put("kind", "failure");
        e.put("line", line > 0 ? line : null);
        append(LogPages.encode(e));
    }

    /** Message and data within {@code log_line_max_bytes} together. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> bounded(String message, Object data) {
        long max = lineMax.getAsLong();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("message", message);
        line.put("data", data);
        if (Truncation.fit(line, max) instanceof Map<?, ?> fitted) {
            return (Map<String, Object>) fitted;
        }
        // strings alone were not enough (data with a great many small values): half each, as text
        line.put("message", Truncation.text(message, max / 2));
        line.put("data", data == null ? null : Truncation.text(JsonBridge.toJson(data), max / 2));
        return line;
    }

    private Map<String, Object> entry(String level, Trigger trigger, String endpoint, String message, Object data) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("ts", clock.instant().toString());
        e.put("level", level.toLowerCase(Locale.ROOT));
        e.put("trigger", trigger == null ? null : trigger.name());
        e.put("triggerId", trigger == null ? null : trigger.id());
        e.put("version", trigger == null ? null : trigger.version());
        e.put("endpoint", endpoint);
        e.put("message", message);
        e.put("data", data);
        return e;
    }

    private void append(String json) {
        long seq = sequence.incrementAndGet();
        log.putJson(seq, json);
        if (seq % 64 == 0) {
            log.trimTo(kept.getAsLong());
        }
    }

    /** Failures of one trigger, oldest first, as {@code {ts, trigger, version, message, line}}. */
    public List<Map<String, Object>> failures(String triggerId, int limit) {
        return failures(triggerId, limit, Long.MAX_VALUE);
    }

    /** The newest failures of one trigger that fit {@code maxBytes}, oldest first. */
    public List<Map<String, Object>> failures(String triggerId, int limit, long maxBytes) {
        return LogPages.newest(log, 0, limit, maxBytes, (seq, json) -> {
            Map<String, Object> e = LogPages.decode(json);
            if (e == null || !"failure".equals(e.get("kind")) || !triggerId.equals(e.get("triggerId"))) {
                return null;
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("ts", e.get("ts"));
            f.put("trigger", e.get("trigger"));
            f.put("version", e.get("version"));
            f.put("message", e.get("message"));
            f.put("line", e.get("line"));
            return item(f, json);
        }).items();
    }

    /** Log entries and failures, oldest first: the newest {@code limit}, without a bound on bytes. */
    public List<Map<String, Object>> query(String trigger, String minLevel, Instant since, int limit) {
        return page(trigger, minLevel, since, null, limit, Long.MAX_VALUE).items();
    }

    /**
     * A page of log entries and failures, oldest first, as {@code {ts, level, trigger, endpoint, message,
     * data}} (and {@code line} for a failure): the newest ones, or with {@code after} the oldest ones
     * written after that cursor, so a reader can walk the whole log page by page. {@link LogPages.Page#last()}
     * is the cursor of the page's newest entry.
     *
     * @param trigger a trigger name or id, or null for all
     * @param minLevel the lowest level wanted, or null for all
     * @param after a cursor ({@code next} of an earlier page; 0 for the start of the log), or null for the newest
     */
    public LogPages.Page page(String trigger, String minLevel, Instant since, Long after, int limit, long maxBytes) {
        int min = minLevel == null ? 0 : Math.max(0, LEVELS.indexOf(minLevel.toLowerCase(Locale.ROOT)));
        LogPages.Reader reader = (seq, json) -> {
            Map<String, Object> e = LogPages.decode(json);
            if (e == null) {
                return null;
            }
            if (since != null && Instant.parse((String) e.get("ts")).isBefore(since)) {
                return after == null ? LogPages.STOP : null;
            }
            if (trigger != null && !trigger.equals(e.get("trigger")) && !trigger.equals(e.get("triggerId"))) {
                return null;
            }
            if (LEVELS.indexOf(String.valueOf(e.get("level"))) < min) {
                return null;
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("ts", e.get("ts"));
            view.put("level", e.get("level"));
            view.put("trigger", e.get("trigger"));
            view.put("endpoint", e.get("endpoint"));
            view.put("message", e.get("message"));
            view.put("data", e.get("data"));
            if (e.get("line") != null) {
                view.put("line", e.get("line"));
            }
            return item(view, json);
        };
        return after == null ? LogPages.newest(log, 0, limit, maxBytes, reader)
                : LogPages.after(log, after, limit, maxBytes, reader);
    }

    /** The view with its size; an entry stored larger than the bound allows is shortened first. */
    private LogPages.Item item(Map<String, Object> view, String json) {
        long stored = JsonSize.utf8(json);
        long max = lineMax.getAsLong();
        if (stored <= max + ENVELOPE) {
            return new LogPages.Item(view, stored);
        }
        Map<String, Object> line = bounded((String) view.get("message"), view.get("data"));
        view.put("message", line.get("message"));
        if (view.containsKey("data")) {
            view.put("data", line.get("data"));
        }
        return new LogPages.Item(view, JsonSize.of(view));
    }
}
