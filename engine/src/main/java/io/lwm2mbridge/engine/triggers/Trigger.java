package io.lwm2mbridge.engine.triggers;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stored trigger: the fields this server reads, typed, and every other field in {@link #other()} exactly
 * as it was given ({@code rateLimit}, a {@code desc} that is not text, ...), so a trigger read back over the
 * API is the trigger that was written. A known field given with another type than this server reads (or
 * as null) is kept that way too, among the other fields. Immutable.
 */
public final class Trigger {

    public static final String TYPE_SCRIPT = "script";
    public static final String TYPE_LIBRARY = "library";

    private final String id;
    private final String name;
    private final String desc;
    private final String type;
    private final Boolean enabled;
    private final Integer version;
    private final String filterType;
    private final String filterGeneric;
    private final String filterCron;
    private final String filterServiceId;
    private final String filterTopic;
    private final Map<String, Object> filterCustom;
    private final String def;
    private final Instant created;
    private final Instant updated;
    /** The fields not read above, in their given order. */
    private final Map<String, Object> other;

    /**
     * A trigger from its fields as given: null for a field not given (or given with another type than this
     * server reads, which is then among {@code other}).
     *
     * @param other the fields not read into the others, in their given order (unknown fields, and known ones
     *     given with another type or as null)
     */
    public Trigger(String id, String name, String desc, String type, Boolean enabled, Integer version,
            String filterType, String filterGeneric, String filterCron, String filterServiceId, String filterTopic,
            Map<String, Object> filterCustom, String def, Instant created, Instant updated, Map<String, Object> other) {
        this.id = id;
        this.name = name;
        this.desc = desc;
        this.type = type;
        this.enabled = enabled;
        this.version = version;
        this.filterType = filterType;
        this.filterGeneric = filterGeneric;
        this.filterCron = filterCron;
        this.filterServiceId = filterServiceId;
        this.filterTopic = filterTopic;
        this.filterCustom = filterCustom == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(filterCustom));
        this.def = def;
        this.created = created;
        this.updated = updated;
        this.other = Collections.unmodifiableMap(new LinkedHashMap<>(other));
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String type() {
        return type == null ? TYPE_SCRIPT : type;
    }

    /** The script's source; empty when none was given. */
    public String def() {
        return def == null ? "" : def;
    }

    public String filterType() {
        return filterType;
    }

    public String filterGeneric() {
        return filterGeneric;
    }

    /** For {@code cron-event}: the Quartz expression; null when not a string. */
    public String filterCron() {
        return filterCron;
    }

    /** For {@code mqtt-message} (and, optionally, {@code mqtt-result}): the MQTT service key; null when not a string. */
    public String filterServiceId() {
        return filterServiceId;
    }

    /** For {@code mqtt-message} (and, optionally, {@code mqtt-result}): the topic filter; null when not a string. */
    public String filterTopic() {
        return filterTopic;
    }

    /** The custom conditions, path to {@code {comp, value}}; empty when none. */
    public Map<String, Object> filterCustom() {
        return filterCustom == null ? Map.of() : filterCustom;
    }

    public boolean enabled() {
        return !Boolean.FALSE.equals(enabled);
    }

    public int version() {
        return version == null ? 1 : version;
    }

    /** When it was created, or null for a trigger stored without that. */
    public Instant created() {
        return created;
    }

    /** The description as given, or null when none was given as text. */
    public String desc() {
        return desc;
    }

    /** When it was last changed, or null for a trigger stored without that. */
    public Instant updated() {
        return updated;
    }

    /** The fields not read into the others, in their given order: kept and shown as they were given. */
    public Map<String, Object> other() {
        return other;
    }

    /** The {@code type} as given (null: not given, read as {@link #TYPE_SCRIPT}). */
    public String givenType() {
        return type;
    }

    /** The {@code enabled} as given (null: not given, read as enabled). */
    public Boolean givenEnabled() {
        return enabled;
    }

    /** The {@code version} as given (null: not given, read as 1). */
    public Integer givenVersion() {
        return version;
    }

    /** The {@code def} as given (null: not given, read as no script). */
    public String givenDef() {
        return def;
    }

    /** The {@code filterCustom} as given (null: not given, read as no conditions). */
    public Map<String, Object> givenFilterCustom() {
        return filterCustom;
    }
}
