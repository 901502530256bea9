package io.lwm2mbridge.engine.endpoints;

import static io.lwm2mbridge.engine.refusal.RefusedException.Reason.INVALID;

import io.lwm2mbridge.engine.store.JsonValues;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the fields of endpoint records as operators and scripts give them.
 */
final class EndpointFields {

    /** Shown, but set by the server only: a PUT may send them back unchanged and they are ignored. */
    static final Set<String> READ_ONLY = Set.of("key", "status", "registration", "created", "lastSeen", "credentials",
            "origin");
    /** What a PUT may change. */
    static final Set<String> WRITABLE = Set.of("name", "identity", "psk", "x509Thumbprint", "tags", "statusDetails",
            "timeBeforeMissing");

    private static final Pattern KEY = Pattern.compile("[^/\\\\\\s\\p{Cntrl}?#%]{1,255}");
    private static final int MAX_PSK_BYTES = 64;

    private EndpointFields() {}

    static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    static String key(Object key) {
        if (!(key instanceof String k) || !KEY.matcher(k).matches()) {
            throw new EndpointException(INVALID, "endpoint must be the LwM2M endpoint name: 1 to 255 characters, no spaces,"
                    + " slashes, '?', '#' or '%', not " + describe(key));
        }
        return k;
    }

    static String identity(Object identity) {
        if (!(identity instanceof String id) || id.isEmpty() || id.length() > 255) {
            throw new EndpointException(INVALID, "identity must be a string of 1 to 255 characters, not " + describe(identity));
        }
        return id;
    }

    /** The PSK as lower-case hex, checked. */
    static String psk(Object psk) {
        if (!(psk instanceof String hex) || hex.isEmpty()) {
            throw new EndpointException(INVALID, "psk must be the key in hex (like \"0123456789abcdef\")");
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new EndpointException(INVALID, "psk must be an even number of hex digits (0-9, a-f)");
        }
        if (bytes.length > MAX_PSK_BYTES) {
            throw new EndpointException(INVALID, "psk is longer than " + MAX_PSK_BYTES + " bytes");
        }
        return HexFormat.of().formatHex(bytes);
    }

    static String name(Object name) {
        if (!(name instanceof String n) || n.isBlank() || n.length() > 255) {
            throw new EndpointException(INVALID, "name must be a non-empty string of at most 255 characters");
        }
        return n;
    }

    /** Tags: name to string, number or boolean. */
    static Map<String, Object> tags(Object tags, String what) {
        if (!(tags instanceof Map<?, ?> m)) {
            throw new EndpointException(INVALID, what + " must be an object of tag name to value");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            tagName(e.getKey());
            tagValue(e.getKey(), e.getValue());
        }
        return JsonValues.object(m);
    }

    static String tagName(Object name) {
        if (!(name instanceof String n) || n.isEmpty() || n.length() > 100) {
            throw new EndpointException(INVALID, "a tag name must be a string of 1 to 100 characters, not " + describe(name));
        }
        return n;
    }

    static void tagValue(Object name, Object value) {
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw new EndpointException(INVALID, "tag '" + name + "' must be a string, number or boolean, not "
                    + describe(value));
        }
    }

    /** Names of tags to remove: an array of names, one name, or an object whose keys are the names. */
    static List<String> tagNames(Object names, String what) {
        if (names == null) {
            return List.of();
        }
        if (names instanceof String s) {
            return List.of(s);
        }
        if (names instanceof Map<?, ?> m) {
            return m.keySet().stream().map(String::valueOf).toList();
        }
        if (names instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String)) {
                    throw new EndpointException(INVALID, what + " must be tag names (strings), not " + describe(o));
                }
            }
            return list.stream().map(String.class::cast).toList();
        }
        throw new EndpointException(INVALID, what + " must be an array of tag names");
    }

    static Map<String, Object> statusDetails(Object details) {
        Map<String, Object> m = JsonValues.object(details);
        if (m == null) {
            throw new EndpointException(INVALID, "statusDetails must be an object");
        }
        return m;
    }

    /** Seconds, 0 to 10 years; null means "use the server's default". */
    static Long timeBeforeMissing(Object seconds) {
        if (seconds == null) {
            return null;
        }
        if (!(seconds instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 0
                || n.longValue() > 10L * 366 * 86_400) {
            throw new EndpointException(INVALID, "timeBeforeMissing must be a whole number of seconds (0: never), or null"
                    + " for the server default, not " + describe(seconds));
        }
        return n.longValue();
    }

    static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof String s) {
            return s.isEmpty() ? "an empty string" : "'" + s + "'";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof List<?>) {
            return "an array";
        }
        return String.valueOf(v);
    }
}
