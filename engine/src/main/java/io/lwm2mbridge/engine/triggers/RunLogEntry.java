package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.store.JsonValues;
import java.time.Instant;
import java.util.Locale;

/**
 * One entry of the {@link RunLog}: a script's log line or a failed run. Its JSON forms (stored, shown) are in
 * {@code triggers.json.RunLogJson}.
 *
 * @param trigger the trigger's name, or null for the server's own entries (bootstrap, security)
 * @param version the trigger's version, or null
 * @param data what the script logged with the message: any JSON value, or null
 * @param failure a failed or stopped run ({@code kind: "failure"}) rather than a log line ({@code "log"})
 * @param line the script line of a failure, or null
 */
public record RunLogEntry(Instant ts, String level, String trigger, String triggerId, Integer version, String endpoint,
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

    /** The entry without its data: a failure is shown without it. */
    public RunLogEntry withoutData() {
        return new RunLogEntry(ts, level, trigger, triggerId, version, endpoint, message, null, failure, line);
    }

    /** Whether it concerns the trigger, by name or id. */
    boolean concerns(String nameOrId) {
        return nameOrId.equals(trigger) || nameOrId.equals(triggerId);
    }
}
