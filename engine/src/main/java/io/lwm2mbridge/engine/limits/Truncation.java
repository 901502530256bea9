package io.lwm2mbridge.engine.limits;

import io.lwm2mbridge.scripting.JsonBridge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shortens values that are larger than a bound, visibly: a shortened string ends with
 * {@code ...[truncated: <n> characters]}, {@code n} being its length before, so a reader sees both that
 * something is missing and how much. {@link #fit} keeps the shape of objects and arrays and shortens
 * their longest strings first, by the same amount, so a tree with one huge value loses only that value's
 * tail; when shortening strings cannot make it fit (very many small values), the value becomes its JSON
 * text, shortened, as one string.
 */
public final class Truncation {

    private static final String MARK_START = "...[truncated: ";

    private Truncation() {}

    /** The end of a string shortened from {@code originalLength} characters. */
    public static String marker(long originalLength) {
        return MARK_START + originalLength + " characters]";
    }

    /** The string, or its head with the marker, taking at most {@code maxBytes} as JSON (quotes included). */
    public static String text(String s, long maxBytes) {
        // a character takes at most 6 bytes in JSON: most strings need no measuring
        if (s == null || s.length() * 6L + 2 <= maxBytes || JsonSize.of(s) <= maxBytes) {
            return s;
        }
        String mark = marker(s.length());
        return head(s, Math.max(0, maxBytes - 2 - mark.length())) + mark;
    }

    /**
     * The value when it takes at most {@code maxBytes} as JSON; otherwise a copy within that bound (maps
     * and lists copied, the value given is never changed).
     */
    public static Object fit(Object value, long maxBytes) {
        long size = JsonSize.of(value);
        if (size <= maxBytes) {
            return value;
        }
        List<Long> costs = new ArrayList<>();
        collect(value, costs);
        long need = size - maxBytes;
        long top = costs.stream().mapToLong(Long::longValue).max().orElse(0);
        if (saving(costs, 0) >= need) {
            // the largest per-string budget that still saves enough
            long low = 0;
            long high = top;
            while (low < high) {
                long mid = (low + high + 1) >>> 1;
                if (saving(costs, mid) >= need) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            Object shortened = apply(value, low);
            if (JsonSize.of(shortened) <= maxBytes) {
                return shortened;
            }
        }
        return text(JsonBridge.toJson(value), maxBytes);
    }

    /** Bytes of string content (without quotes) of every string and byte array in the tree. */
    private static void collect(Object value, List<Long> costs) {
        if (value instanceof String s) {
            costs.add(cost(s));
        } else if (value instanceof byte[] b) {
            costs.add(2L * b.length);
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> collect(v, costs));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collect(v, costs));
        }
    }

    /** What keeping {@code budget} bytes of each longer string saves, markers counted. */
    private static long saving(List<Long> costs, long budget) {
        long saved = 0;
        for (long c : costs) {
            long kept = budget + marker(c).length();
            if (c > kept) {
                saved += c - kept;
            }
        }
        return saved;
    }

    private static Object apply(Object value, long budget) {
        if (value instanceof String s) {
            long c = cost(s);
            // the marker is costed with the byte count, which is at least the length the marker shows
            return c > budget + marker(c).length() ? head(s, budget) + marker(s.length()) : s;
        }
        if (value instanceof byte[] b) {
            long c = 2L * b.length;
            return c > budget + marker(c).length() ? MARK_START + b.length + " bytes]" : b;
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, apply(v, budget)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(apply(v, budget)));
            return out;
        }
        return value;
    }

    private static long cost(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += JsonSize.charCost(s.charAt(i));
        }
        return n;
    }

    /** The longest start of {@code s} taking at most {@code budget} bytes inside JSON quotes, never half a pair. */
    private static String head(String s, long budget) {
        long used = 0;
        int end = 0;
        while (end < s.length()) {
            char c = s.charAt(end);
            int width = Character.isHighSurrogate(c) && end + 1 < s.length() ? 2 : 1;
            long cost = JsonSize.charCost(c) + (width == 2 ? JsonSize.charCost(s.charAt(end + 1)) : 0);
            if (used + cost > budget) {
                break;
            }
            used += cost;
            end += width;
        }
        return s.substring(0, end);
    }
}
