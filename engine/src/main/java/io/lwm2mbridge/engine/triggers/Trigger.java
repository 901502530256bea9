package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.store.JsonValues;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stored trigger: the fields this server reads, typed, and every other field in {@link #fields()} exactly
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

    private Trigger(Map<String, Object> fields) {
        Map<String, Object> rest = new LinkedHashMap<>(fields);
        id = JsonValues.text(take(rest, "id", String.class));
        name = JsonValues.text(take(rest, "name", String.class));
        desc = JsonValues.text(take(rest, "desc", String.class));
        type = JsonValues.text(take(rest, "type", String.class));
        enabled = take(rest, "enabled", Boolean.class) instanceof Boolean b ? b : null;
        version = take(rest, "version", Integer.class) instanceof Integer v ? v : null;
        filterType = JsonValues.text(take(rest, "filterType", String.class));
        filterGeneric = JsonValues.text(take(rest, "filterGeneric", String.class));
        filterCron = JsonValues.text(take(rest, "filterCron", String.class));
        filterServiceId = JsonValues.text(take(rest, "filterServiceId", String.class));
        filterTopic = JsonValues.text(take(rest, "filterTopic", String.class));
        Map<String, Object> custom = JsonValues.object(take(rest, "filterCustom", Map.class));
        filterCustom = custom == null ? null : Collections.unmodifiableMap(custom);
        def = JsonValues.text(take(rest, "def", String.class));
        created = instant(rest, "created");
        updated = instant(rest, "updated");
        other = Collections.unmodifiableMap(rest);
    }

    /** The trigger from its JSON fields, as the API takes them and the store keeps them. */
    public static Trigger fromFields(Map<String, Object> fields) {
        return new Trigger(fields);
    }

    /** Removes and returns the field when it has the type read; otherwise leaves it among the others. */
    private static Object take(Map<String, Object> rest, String field, Class<?> type) {
        Object value = rest.get(field);
        if (type == Integer.class && value instanceof Number n && n.doubleValue() == n.intValue()) {
            rest.remove(field);
            return n.intValue();
        }
        if (type.isInstance(value)) {
            rest.remove(field);
            return value;
        }
        return null;
    }

    private static Instant instant(Map<String, Object> rest, String field) {
        Instant at = JsonValues.instant(rest.get(field));
        if (at != null && at.toString().equals(rest.get(field))) {
            rest.remove(field); // only text written as this server writes it: anything else comes back as given
            return at;
        }
        return null;
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

    /**
     * The JSON fields, as the API returns them and the store keeps them: the identity and filter fields
     * first, then the script, then the rest.
     */
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        putIfSet(f, "id", id);
        putIfSet(f, "name", name);
        putIfSet(f, "desc", desc);
        putIfSet(f, "type", type);
        putIfSet(f, "enabled", enabled);
        putIfSet(f, "version", version);
        putIfSet(f, "filterType", filterType);
        putIfSet(f, "filterGeneric", filterGeneric);
        putIfSet(f, "filterCron", filterCron);
        putIfSet(f, "filterServiceId", filterServiceId);
        putIfSet(f, "filterTopic", filterTopic);
        putIfSet(f, "filterCustom", filterCustom == null ? null : new LinkedHashMap<>(filterCustom));
        putIfSet(f, "def", def);
        other.forEach(f::putIfAbsent);
        putIfSet(f, "created", JsonValues.text(created));
        putIfSet(f, "updated", JsonValues.text(updated));
        return f;
    }

    private static void putIfSet(Map<String, Object> f, String field, Object value) {
        if (value != null) {
            f.put(field, value);
        }
    }
}
