package io.lwm2mbridge.engine.triggers;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stored trigger: the fields this server reads, typed, and every other field in {@link #other()} exactly
 * as it was given ({@code rateLimit}, a {@code desc} that is not text, ...), so a trigger read back over the
 * API is the trigger that was written. A known field given with another type than this server reads (or
 * as null) is kept that way too, among the other fields. Its JSON form is {@code triggers.json.TriggerJson}.
 *
 * @param desc the description when given as text, else null
 * @param filterCron for {@code cron-event}: the Quartz expression; null when not a string
 * @param filterServiceId for {@code mqtt-message} (and, optionally, {@code mqtt-result}): the MQTT service key;
 *     null when not a string
 * @param filterTopic for {@code mqtt-message} (and, optionally, {@code mqtt-result}): the topic filter; null
 *     when not a string
 * @param given the fields read with a default, as given
 * @param created when it was created, or null for a trigger stored without that
 * @param updated when it was last changed, or null for a trigger stored without that
 * @param other the fields not read into the others, in their given order: kept and shown as they were given
 */
public record Trigger(String id, String name, String desc, String filterType, String filterGeneric,
        String filterCron, String filterServiceId, String filterTopic, Given given, Instant created, Instant updated,
        Map<String, Object> other) {

    public static final String TYPE_SCRIPT = "script";
    public static final String TYPE_LIBRARY = "library";

    /**
     * The fields read with a default when not given, as given (null: not given), so that they are written back
     * only when they were.
     */
    public record Given(String type, Boolean enabled, Integer version, String def, Map<String, Object> filterCustom) {

        public Given {
            filterCustom = filterCustom == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(filterCustom));
        }
    }

    public Trigger {
        other = Collections.unmodifiableMap(new LinkedHashMap<>(other));
    }

    /** {@link #TYPE_SCRIPT} unless given. */
    public String type() {
        return given.type() == null ? TYPE_SCRIPT : given.type();
    }

    /** The script's source; empty when none was given. */
    public String def() {
        return given.def() == null ? "" : given.def();
    }

    /** The custom conditions, path to {@code {comp, value}}; empty when none. */
    public Map<String, Object> filterCustom() {
        return given.filterCustom() == null ? Map.of() : given.filterCustom();
    }

    /** Enabled unless given as false. */
    public boolean enabled() {
        return !Boolean.FALSE.equals(given.enabled());
    }

    /** 1 unless given. */
    public int version() {
        return given.version() == null ? 1 : given.version();
    }
}
