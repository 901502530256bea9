package io.lwm2mbridge.engine.events.json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Typed reads of one JSON object's fields, for {@link EventDataReader}: an absent field reads as null
 * (or false for a required flag), a field of the wrong kind throws {@link IllegalArgumentException}.
 */
final class JsonFields {

    private final Map<String, Object> fields;

    JsonFields(Map<String, Object> fields) {
        this.fields = fields;
    }

    Map<String, Object> fields() {
        return fields;
    }

    boolean has(String key) {
        return fields.containsKey(key);
    }

    /** Any JSON value, as it is. */
    Object value(String key) {
        return fields.get(key);
    }

    String string(String key) {
        return as(key, String.class);
    }

    boolean bool(String key) {
        Boolean b = as(key, Boolean.class);
        if (b == null) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return b;
    }

    Boolean optionalBool(String key) {
        return as(key, Boolean.class);
    }

    Integer integer(String key) {
        Number n = as(key, Number.class);
        return n == null ? null : Math.toIntExact(n.longValue());
    }

    long wholeNumber(String key) {
        Number n = as(key, Number.class);
        if (n == null) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return n.longValue();
    }

    Double decimal(String key) {
        Number n = as(key, Number.class);
        return n == null ? null : n.doubleValue();
    }

    Instant instant(String key) {
        String text = string(key);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " is not a time", e);
        }
    }

    /** A JSON object, its keys as text. */
    Map<String, Object> object(String key) {
        Map<?, ?> m = as(key, Map.class);
        return m == null ? null : object(m);
    }

    /** A JSON object as parsed (keys typed as anything), with its keys as text; a copy. */
    static Map<String, Object> object(Map<?, ?> parsed) {
        Map<String, Object> out = new LinkedHashMap<>();
        parsed.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** A JSON object whose values are all text ({@code partialErrors}). */
    Map<String, String> texts(String key) {
        Map<?, ?> m = as(key, Map.class);
        if (m == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!(v instanceof String s)) {
                throw new IllegalArgumentException(key + "." + k + " is not text");
            }
            out.put(String.valueOf(k), s);
        });
        return out;
    }

    private <T> T as(String key, Class<T> type) {
        Object v = fields.get(key);
        if (v == null) {
            return null;
        }
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException(key + " is not a " + type.getSimpleName());
        }
        return type.cast(v);
    }
}
