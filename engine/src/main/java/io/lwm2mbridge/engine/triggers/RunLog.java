package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.limits.JsonSize;
import io.lwm2mbridge.engine.limits.Truncation;
import io.lwm2mbridge.engine.store.JsonValues;
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
        RunLogEntry e = RunLogEntry.log(clock.instant(), level, trigger, endpoint, message, data);
        // written as JSON once; only a line over the bound is measured part by part and written again
        String json = LogPages.encode(e.toJson());
        long max = lineMax.getAsLong();
        if (JsonSize.utf8Exceeds(json, max)) {
            Map<String, Object> line = bounded(message, data);
            json = LogPages.encode(e.withText(line.get("message"), line.get("data")).toJson());
        }
        append(json);
    }

    /** A trigger run that failed or was stopped; the message shortened to the bound. */
    public void failure(Trigger trigger, String endpoint, String message, int line) {
        append(LogPages.encode(RunLogEntry.failure(clock.instant(), trigger, endpoint,
                Truncation.text(message, lineMax.getAsLong()), line).toJson()));
    }

    /** Message and data within {@code log_line_max_bytes} together. */
    private Map<String, Object> bounded(String message, Object data) {
        long max = lineMax.getAsLong();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("message", message);
        line.put("data", data);
        Map<String, Object> fitted = JsonValues.object(Truncation.fit(line, max));
        if (fitted != null) {
            return fitted;
        }
        // strings alone were not enough (data with a great many small values): half each, as text
        line.put("message", Truncation.text(message, max / 2));
        line.put("data", data == null ? null : Truncation.text(JsonBridge.toJson(data), max / 2));
        return line;
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
            RunLogEntry e = decode(json);
            if (e == null || !e.failure() || !triggerId.equals(e.triggerId())) {
                return null;
            }
            return item(e.failureView(), json);
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
            RunLogEntry e = decode(json);
            if (e == null) {
                return null;
            }
            if (since != null && e.ts() != null && e.ts().isBefore(since)) {
                return after == null ? LogPages.STOP : null;
            }
            if (trigger != null && !e.concerns(trigger)) {
                return null;
            }
            if (LEVELS.indexOf(String.valueOf(e.level())) < min) {
                return null;
            }
            return item(e.view(), json);
        };
        return after == null ? LogPages.newest(log, 0, limit, maxBytes, reader)
                : LogPages.after(log, after, limit, maxBytes, reader);
    }

    private static RunLogEntry decode(String json) {
        Map<String, Object> e = LogPages.decode(json);
        return e == null ? null : RunLogEntry.fromJson(e);
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
