package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.limits.JsonSize;
import io.lwm2mbridge.engine.limits.Truncation;
import io.lwm2mbridge.engine.store.LogPages;
import io.lwm2mbridge.engine.store.OrderedLog;
import io.lwm2mbridge.engine.store.RecordCodec;
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
 * bytes as well as by count ({@link #page}); how entries are stored and shown is {@code triggers.json.RunLogJson}.
 */
public final class RunLog {

    public static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");
    /** Room for an entry's fields besides message and data (time, trigger, level, ...). */
    private static final long ENVELOPE = 4096;

    private final OrderedLog log;
    private final RecordCodec<RunLogEntry> codec;
    private final Clock clock;
    private final LongSupplier kept;
    private final LongSupplier lineMax;
    private final AtomicLong sequence;

    /** How an entry read back is shown, given its size as stored: {@code triggers.json.RunLogJson}. */
    public interface Shown {
        LogPages.Item item(RunLogEntry entry, long storedBytes);
    }

    /** A log whose lines are kept whole: for tests that do not look at sizes. */
    public RunLog(OrderedLog log, RecordCodec<RunLogEntry> codec, Clock clock, LongSupplier kept) {
        this(log, codec, clock, kept, () -> Long.MAX_VALUE / 4);
    }

    /**
     * @param codec the stored form of an entry ({@code triggers.json.RunLogJson.CODEC})
     * @param lineMax what one entry may hold ({@code log_line_max_bytes}), read on every write and read
     */
    public RunLog(OrderedLog log, RecordCodec<RunLogEntry> codec, Clock clock, LongSupplier kept,
            LongSupplier lineMax) {
        this.log = log;
        this.codec = codec;
        this.clock = clock;
        this.kept = kept;
        this.lineMax = lineMax;
        this.sequence = new AtomicLong(log.lastSequence());
    }

    /** A script's own log line; shortened to the bound. */
    public void log(String level, Trigger trigger, String endpoint, String message, Object data) {
        RunLogEntry e = RunLogEntry.log(clock.instant(), level, trigger, endpoint, message, data);
        // written as JSON once; only a line over the bound is measured part by part and written again
        String json = LogPages.encode(codec.encode(e));
        if (JsonSize.utf8Exceeds(json, lineMax.getAsLong())) {
            json = LogPages.encode(codec.encode(fitted(e)));
        }
        append(json);
    }

    /** A trigger run that failed or was stopped; the message shortened to the bound. */
    public void failure(Trigger trigger, String endpoint, String message, int line) {
        append(LogPages.encode(codec.encode(RunLogEntry.failure(clock.instant(), trigger, endpoint,
                Truncation.text(message, lineMax.getAsLong()), line))));
    }

    /** The entry with its message and data within {@code log_line_max_bytes} together. */
    public RunLogEntry fitted(RunLogEntry e) {
        long max = lineMax.getAsLong();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("message", e.message());
        line.put("data", e.data());
        if (Truncation.fit(line, max) instanceof Map<?, ?> fitted) {
            return e.withText(fitted.get("message"), fitted.get("data"));
        }
        // strings alone were not enough (data with a great many small values): half each, as text
        return e.withText(Truncation.text(e.message(), max / 2),
                e.data() == null ? null : Truncation.text(JsonBridge.toJson(e.data()), max / 2));
    }

    /** Whether an entry stored this large is over what the bound allows now, and must be shown {@link #fitted}. */
    public boolean oversized(long storedBytes) {
        return storedBytes > lineMax.getAsLong() + ENVELOPE;
    }

    private void append(String json) {
        long seq = sequence.incrementAndGet();
        log.putJson(seq, json);
        if (seq % 64 == 0) {
            log.trimTo(kept.getAsLong());
        }
    }

    /** The newest failures of one trigger that fit {@code maxBytes}, oldest first. */
    public LogPages.Page failures(String triggerId, int limit, long maxBytes, Shown shown) {
        return LogPages.newest(log, 0, limit, maxBytes, (seq, json) -> {
            RunLogEntry e = decode(json);
            if (e == null || !e.failure() || !triggerId.equals(e.triggerId())) {
                return null;
            }
            return shown.item(e, JsonSize.utf8(json));
        });
    }

    /**
     * A page of log entries and failures, oldest first: the newest ones, or with {@code after} the oldest ones
     * written after that cursor, so a reader can walk the whole log page by page. {@link LogPages.Page#last()}
     * is the cursor of the page's newest entry.
     *
     * @param trigger a trigger name or id, or null for all
     * @param minLevel the lowest level wanted, or null for all
     * @param after a cursor ({@code next} of an earlier page; 0 for the start of the log), or null for the newest
     */
    public LogPages.Page page(String trigger, String minLevel, Instant since, Long after, int limit, long maxBytes,
            Shown shown) {
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
            return shown.item(e, JsonSize.utf8(json));
        };
        return after == null ? LogPages.newest(log, 0, limit, maxBytes, reader)
                : LogPages.after(log, after, limit, maxBytes, reader);
    }

    private RunLogEntry decode(String json) {
        Map<String, Object> e = LogPages.decode(json);
        return e == null ? null : codec.decode(e);
    }
}
