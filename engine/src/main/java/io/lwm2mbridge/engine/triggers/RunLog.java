package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.store.OrderedLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
 */
public final class RunLog {

    public static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");

    private final OrderedLog log;
    private final Clock clock;
    private final LongSupplier kept;
    private final AtomicLong sequence;

    public RunLog(OrderedLog log, Clock clock, LongSupplier kept) {
        this.log = log;
        this.clock = clock;
        this.kept = kept;
        this.sequence = new AtomicLong(log.lastSequence());
    }

    /** A script's own log line. */
    public void log(String level, Trigger trigger, String endpoint, String message, Object data) {
        Map<String, Object> e = entry(level, trigger, endpoint, message, data);
        e.put("kind", "log");
        append(e);
    }

    /** A trigger run that failed or was stopped. */
    public void failure(Trigger trigger, String endpoint, String message, int line) {
        Map<String, Object> e = entry("error", trigger, endpoint, message, null);
        e.put("kind", "failure");
        e.put("line", line > 0 ? line : null);
        append(e);
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

    private void append(Map<String, Object> entry) {
        long seq = sequence.incrementAndGet();
        log.put(seq, entry);
        if (seq % 64 == 0) {
            log.trimTo(kept.getAsLong());
        }
    }

    /** Failures of one trigger, oldest first, as {@code {ts, trigger, version, message, line}}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> failures(String triggerId, int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        log.scanBackward(Long.MAX_VALUE, (seq, value) -> {
            Map<String, Object> e = (Map<String, Object>) value;
            if ("failure".equals(e.get("kind")) && triggerId.equals(e.get("triggerId"))) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("ts", e.get("ts"));
                f.put("trigger", e.get("trigger"));
                f.put("version", e.get("version"));
                f.put("message", e.get("message"));
                f.put("line", e.get("line"));
                out.add(f);
            }
            return out.size() < limit;
        });
        Collections.reverse(out);
        return out;
    }

    /**
     * Log entries and failures, oldest first, as {@code {ts, level, trigger, endpoint, message, data}}.
     *
     * @param trigger a trigger name or id, or null for all
     * @param minLevel the lowest level wanted, or null for all
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> query(String trigger, String minLevel, Instant since, int limit) {
        int min = minLevel == null ? 0 : Math.max(0, LEVELS.indexOf(minLevel.toLowerCase(Locale.ROOT)));
        List<Map<String, Object>> out = new ArrayList<>();
        log.scanBackward(Long.MAX_VALUE, (seq, value) -> {
            Map<String, Object> e = (Map<String, Object>) value;
            if (since != null && Instant.parse((String) e.get("ts")).isBefore(since)) {
                return false;
            }
            if (trigger != null && !trigger.equals(e.get("trigger")) && !trigger.equals(e.get("triggerId"))) {
                return true;
            }
            if (LEVELS.indexOf(String.valueOf(e.get("level"))) < min) {
                return true;
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
            out.add(view);
            return out.size() < limit;
        });
        Collections.reverse(out);
        return out;
    }
}
