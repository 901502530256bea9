package io.lwm2mbridge.engine.device;

import io.lwm2mbridge.scripting.HostCallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.node.InvalidLwM2mPathException;
import org.eclipse.leshan.core.node.LwM2mPath;

/**
 * The arguments of a device call, split the way the trigger contract says: the last plain-object
 * argument is the options, what comes before it are the positional values. Errors name the function
 * ({@code lwm2m.read: ...}) and are {@code TypeError}s.
 */
public final class CallArgs {

    private final String function;
    private final List<Object> positional;
    private final Map<?, ?> options;

    private CallArgs(String function, List<Object> positional, Map<?, ?> options) {
        this.function = function;
        this.positional = positional;
        this.options = options;
    }

    /**
     * @param optionsFrom the first position at which a plain object may be the options (an object
     *     before it is a value, like the one {@code write} sends)
     */
    static CallArgs of(String function, List<Object> args, int optionsFrom) {
        List<Object> positional = new ArrayList<>(args);
        while (!positional.isEmpty() && positional.get(positional.size() - 1) == null) {
            positional.remove(positional.size() - 1);
        }
        Map<?, ?> options = Map.of();
        int last = positional.size() - 1;
        if (last >= optionsFrom && positional.get(last) instanceof Map<?, ?> m) {
            options = m;
            positional.remove(last);
        }
        return new CallArgs(function, positional, options);
    }

    String function() {
        return function;
    }

    /** The options object as given; empty when there is none. */
    Map<?, ?> rawOptions() {
        return options;
    }

    /** The options, checked; the content and key formats only when asked for. */
    CallOptions options(boolean withFormat, boolean withIds) throws HostCallException {
        return CallOptions.parse(function, options, withFormat, withIds);
    }

    Object get(int i) {
        return i < positional.size() ? positional.get(i) : null;
    }

    HostCallException type(String message) {
        return HostCallException.typeError(function + ": " + message);
    }

    String endpoint() throws HostCallException {
        Object ep = get(0);
        if (!(ep instanceof String s) || s.isBlank()) {
            throw type("the first argument must be the endpoint key");
        }
        return s;
    }

    /** A path or a list of paths at position {@code i}; an absent one is an empty list. */
    List<String> paths(int i) throws HostCallException {
        Object p = get(i);
        if (p == null) {
            return List.of();
        }
        if (p instanceof String s) {
            return List.of(s);
        }
        if (p instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw type("paths must be strings like '3/0/0', not " + o);
                }
                out.add(s);
            }
            return out;
        }
        throw type("paths must be a string or an array of strings");
    }

    /** The single path at position {@code i}, as {@code '3/0/15'} or {@code '/3/0/15'}. */
    LwM2mPath path(int i) throws HostCallException {
        if (!(get(i) instanceof String text)) {
            throw type("the path must be a string like '3/0/15', not " + (get(i) == null ? "nothing" : get(i)));
        }
        return parsePaths(List.of(text)).get(0);
    }

    /** Paths as Leshan reads them; the root path and malformed ones are a {@code TypeError}. */
    List<LwM2mPath> parsePaths(List<String> texts) throws HostCallException {
        List<LwM2mPath> out = new ArrayList<>();
        for (String t : texts) {
            String s = t.trim();
            try {
                LwM2mPath p = new LwM2mPath(s.startsWith("/") ? s : "/" + s);
                if (p.isRoot()) {
                    throw new InvalidLwM2mPathException("the root path cannot be used here");
                }
                out.add(p);
            } catch (InvalidLwM2mPathException | IllegalArgumentException e) {
                throw type("invalid path '" + t + "' (expected like '3/0/0'): " + e.getMessage());
            }
        }
        return out;
    }

    /** A value as a person reads it in an error message: {@code 'text'}, {@code an object}, {@code 42}. */
    public static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof String s) {
            return s.isEmpty() ? "an empty string" : "'" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "'";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof List<?>) {
            return "an array";
        }
        if (v instanceof byte[]) {
            return "bytes";
        }
        return scalar(v);
    }

    /** Scalars as JavaScript would print them: {@code 42} rather than {@code 42.0}. */
    public static String scalar(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        if (v instanceof Float f && f == Math.rint(f) && !f.isInfinite()) {
            return Long.toString(f.longValue());
        }
        return String.valueOf(v);
    }
}
