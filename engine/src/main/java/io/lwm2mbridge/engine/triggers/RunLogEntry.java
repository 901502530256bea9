package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.store.JsonValues;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One entry of the {@link RunLog}: a script's log line or a failed run, stored as {@code {ts, level, trigger,
 * triggerId, version, endpoint, message, data, kind}} (and {@code line} for a failure).
 *
 * @param trigger the trigger's name, or null for the server's own entries (bootstrap, security)
 * @param version the trigger's version, or null
 * @param data what the script logged with the message: any JSON value, or null
 * @param failure a failed or stopped run ({@code kind: "failure"}) rather than a log line ({@code "log"})
 * @param line the script line of a failure, or null
 */
record RunLogEntry(Instant ts, String level, String trigger, String triggerId, Integer version, String endpoint,
        String message, Object data, boolean failure, Integer line) {

    static RunLogEntry log(Instant ts, String level, Trigger trigger, String endpoint, String message, Object data) {
        return new RunLogEntry(ts, level.toLowerCase(Locale.ROOT), trigger == null ? null : trigger.name(),
                trigger == null ? null : trigger.id(), trigger == null ? null : trigger.version(), endpoint, message,
                data, false, null);
    }

    static RunLogEntry failure(Instant ts, Trigger trigger, String endpoint, String message, int line) {
        return new RunLogEntry(ts, "error", trigger == null ? null : trigger.name(),
                trigger == null ? null : trigger.id(), trigger == null ? null : trigger.version(), endpoint, message,
                null, true, line > 0 ? line : null);
    }

    RunLogEntry withText(Object newMessage, Object newData) {
        return new RunLogEntry(ts, level, trigger, triggerId, version, endpoint, JsonValues.text(newMessage), newData,
                failure, line);
    }

    /** Whether it concerns the trigger, by name or id. */
    boolean concerns(String nameOrId) {
        return nameOrId.equals(trigger) || nameOrId.equals(triggerId);
    }

    Map<String, Object> toJson() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("ts", JsonValues.text(ts));
        e.put("level", level);
        e.put("trigger", trigger);
        e.put("triggerId", triggerId);
        e.put("version", version);
        e.put("endpoint", endpoint);
        e.put("message", message);
        e.put("data", data);
        e.put("kind", failure ? "failure" : "log");
        if (failure) {
            e.put("line", line);
        }
        return e;
    }

    static RunLogEntry fromJson(Map<String, Object> e) {
        Long version = JsonValues.whole(e.get("version"));
        Long line = JsonValues.whole(e.get("line"));
        return new RunLogEntry(JsonValues.instant(e.get("ts")), JsonValues.text(e.get("level")),
                JsonValues.text(e.get("trigger")), JsonValues.text(e.get("triggerId")),
                version == null ? null : version.intValue(), JsonValues.text(e.get("endpoint")),
                JsonValues.text(e.get("message")), e.get("data"), "failure".equals(e.get("kind")),
                line == null ? null : line.intValue());
    }

    /** A failure as {@code GET /triggers/{id}/errors} shows it: {@code {ts, trigger, version, message, line}}. */
    Map<String, Object> failureView() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("ts", JsonValues.text(ts));
        f.put("trigger", trigger);
        f.put("version", version);
        f.put("message", message);
        f.put("line", line);
        return f;
    }

    /** An entry as the log API shows it: {@code {ts, level, trigger, endpoint, message, data}}, and a failure's line. */
    Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("ts", JsonValues.text(ts));
        v.put("level", level);
        v.put("trigger", trigger);
        v.put("endpoint", endpoint);
        v.put("message", message);
        v.put("data", data);
        if (line != null) {
            v.put("line", line);
        }
        return v;
    }
}
