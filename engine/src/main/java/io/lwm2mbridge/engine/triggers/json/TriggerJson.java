package io.lwm2mbridge.engine.triggers.json;

import io.lwm2mbridge.engine.store.JsonValues;
import io.lwm2mbridge.engine.store.RecordCodec;
import io.lwm2mbridge.engine.triggers.Trigger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link Trigger} as JSON fields, as the API takes and returns them and the store keeps them: the fields the
 * server reads, typed when given with the type read, and every other field exactly as given.
 */
public final class TriggerJson {

    /** The stored form, for the trigger store. */
    public static final RecordCodec<Trigger> CODEC = RecordCodec.of(TriggerJson::fields, TriggerJson::parse);

    private TriggerJson() {}

    /** The trigger from its JSON fields; a known field of another type than read is kept among the others. */
    public static Trigger parse(Map<String, Object> fields) {
        Map<String, Object> rest = new LinkedHashMap<>(fields);
        String id = JsonValues.text(take(rest, "id", String.class));
        String name = JsonValues.text(take(rest, "name", String.class));
        String desc = JsonValues.text(take(rest, "desc", String.class));
        String type = JsonValues.text(take(rest, "type", String.class));
        Boolean enabled = take(rest, "enabled", Boolean.class) instanceof Boolean b ? b : null;
        Integer version = take(rest, "version", Integer.class) instanceof Integer v ? v : null;
        String filterType = JsonValues.text(take(rest, "filterType", String.class));
        String filterGeneric = JsonValues.text(take(rest, "filterGeneric", String.class));
        String filterCron = JsonValues.text(take(rest, "filterCron", String.class));
        String filterServiceId = JsonValues.text(take(rest, "filterServiceId", String.class));
        String filterTopic = JsonValues.text(take(rest, "filterTopic", String.class));
        Map<String, Object> filterCustom = JsonValues.object(take(rest, "filterCustom", Map.class));
        String def = JsonValues.text(take(rest, "def", String.class));
        Instant created = instant(rest, "created");
        Instant updated = instant(rest, "updated");
        return new Trigger(id, name, desc, filterType, filterGeneric, filterCron, filterServiceId, filterTopic,
                new Trigger.Given(type, enabled, version, def, filterCustom), created, updated, rest);
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

    /**
     * The JSON fields, as the API returns them and the store keeps them: the identity and filter fields
     * first, then the script, then the rest.
     */
    public static Map<String, Object> fields(Trigger t) {
        Map<String, Object> f = new LinkedHashMap<>();
        putIfSet(f, "id", t.id());
        putIfSet(f, "name", t.name());
        putIfSet(f, "desc", t.desc());
        Trigger.Given given = t.given();
        putIfSet(f, "type", given.type());
        putIfSet(f, "enabled", given.enabled());
        putIfSet(f, "version", given.version());
        putIfSet(f, "filterType", t.filterType());
        putIfSet(f, "filterGeneric", t.filterGeneric());
        putIfSet(f, "filterCron", t.filterCron());
        putIfSet(f, "filterServiceId", t.filterServiceId());
        putIfSet(f, "filterTopic", t.filterTopic());
        putIfSet(f, "filterCustom", given.filterCustom() == null ? null : new LinkedHashMap<>(given.filterCustom()));
        putIfSet(f, "def", given.def());
        t.other().forEach(f::putIfAbsent);
        putIfSet(f, "created", JsonValues.text(t.created()));
        putIfSet(f, "updated", JsonValues.text(t.updated()));
        return f;
    }

    private static void putIfSet(Map<String, Object> f, String field, Object value) {
        if (value != null) {
            f.put(field, value);
        }
    }
}
