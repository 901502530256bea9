package io.lwm2mbridge.engine.bootstrap;

import java.util.List;
import java.util.Map;

/** Typed reads of one JSON object of a bootstrap configuration, with errors that name the field. */
final class Fields {

    private final Map<?, ?> map;
    private final String path;

    Fields(Map<?, ?> map, String path) {
        this.map = map;
        this.path = path;
    }

    static Fields of(Object value, String path) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(path + " must be an object");
        }
        return new Fields(m, path);
    }

    String where(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    Object raw(String name) {
        return map.get(name);
    }

    List<?> list(String name) {
        Object v = map.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException(where(name) + " must be an array");
        }
        return l;
    }

    boolean bool(String name, boolean fallback) {
        Boolean b = boolOrNull(name);
        return b == null ? fallback : b;
    }

    Boolean boolOrNull(String name) {
        Object v = map.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException(where(name) + " must be true or false");
        }
        return b;
    }

    String string(String name, String fallback) {
        Object v = map.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s) || s.isEmpty()) {
            throw new IllegalArgumentException(where(name) + " must be a non-empty string");
        }
        return s;
    }

    Integer integer(String name, Integer fallback, long min, long max) {
        Object v = map.get(name);
        if (v == null) {
            return fallback;
        }
        long n;
        if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
            n = num.longValue();
        } else if (v instanceof String s && s.matches("\\d+")) {
            n = Long.parseLong(s);
        } else {
            throw new IllegalArgumentException(where(name) + " must be a whole number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(where(name) + " must be between " + min + " and " + max);
        }
        return (int) n;
    }

    /** Hex bytes; null when absent and {@code optional}, an error when absent otherwise. */
    byte[] hex(String name, boolean optional) {
        String s = string(name, null);
        if (s == null) {
            if (optional) {
                return null;
            }
            throw new IllegalArgumentException(where(name) + " is required");
        }
        return BootstrapReply.hex(s, where(name));
    }

    static int intKey(Object key, String where, int min, int max) {
        String s = String.valueOf(key);
        if (!s.matches("\\d{1,5}") || Integer.parseInt(s) < min || Integer.parseInt(s) > max) {
            throw new IllegalArgumentException(where + ": '" + s + "' is not an id between " + min + " and " + max);
        }
        return Integer.parseInt(s);
    }
}
