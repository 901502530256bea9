package io.lwm2mbridge.engine.triggers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stored trigger. Kept as its JSON fields so that fields this server does not interpret
 * ({@code rateLimit}, {@code filterServiceId}, ...) come back exactly as they were given.
 */
public final class Trigger {

    public static final String TYPE_SCRIPT = "script";
    public static final String TYPE_LIBRARY = "library";

    private final Map<String, Object> fields;

    public Trigger(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public String id() {
        return (String) fields.get("id");
    }

    public String name() {
        return (String) fields.get("name");
    }

    public String type() {
        Object t = fields.get("type");
        return t == null ? TYPE_SCRIPT : (String) t;
    }

    public String def() {
        Object d = fields.get("def");
        return d == null ? "" : (String) d;
    }

    public String filterType() {
        return (String) fields.get("filterType");
    }

    public String filterGeneric() {
        return (String) fields.get("filterGeneric");
    }

    /** For {@code mqtt-message} (and, optionally, {@code mqtt-result}): the MQTT service key; null when not a string. */
    public String filterServiceId() {
        return fields.get("filterServiceId") instanceof String s ? s : null;
    }

    /** For {@code mqtt-message} (and, optionally, {@code mqtt-result}): the topic filter; null when not a string. */
    public String filterTopic() {
        return fields.get("filterTopic") instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> filterCustom() {
        Object f = fields.get("filterCustom");
        return f instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    public boolean enabled() {
        return !Boolean.FALSE.equals(fields.get("enabled"));
    }

    public int version() {
        Object v = fields.get("version");
        return v instanceof Number n ? n.intValue() : 1;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public Trigger with(String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put(field, value);
        return new Trigger(copy);
    }
}
