package io.lwm2mbridge.engine.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the values of decoded JSON ({@code Map}, {@code List}, scalars) as the types a codec wants,
 * copying containers so that no caller needs an unchecked cast and no record shares a map with the store.
 * Each reader answers null for a value of another type: stored data is read leniently, as it always was.
 */
public final class JsonValues {

    private JsonValues() {}

    /** A copy of a JSON object, its keys as text; null when the value is not an object. */
    public static Map<String, Object> object(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** {@link #object}, or an empty object when the value is not one. */
    public static Map<String, Object> objectOrEmpty(Object value) {
        Map<String, Object> m = object(value);
        return m == null ? new LinkedHashMap<>() : m;
    }

    /** A copy of a JSON array; null when the value is not an array. */
    public static List<Object> array(Object value) {
        return value instanceof List<?> list ? new ArrayList<>(list) : null;
    }

    public static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    public static Long whole(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    /** An instant written as ISO-8601 text; null when absent or not one. */
    public static Instant instant(Object value) {
        if (!(value instanceof String s)) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The instant as stored: ISO-8601 text, or null. */
    public static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
