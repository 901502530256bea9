package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.scripting.HostCallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.node.InvalidLwM2mPathException;
import org.eclipse.leshan.core.node.LwM2mPath;

/**
 * The arguments of a device call, split the way the trigger contract says: the last plain-object
 * argument is the options, what comes before it are the positional values.
 */
public final class CallArgs {

    private final String function;
    private final List<Object> positional;
    private final CallOptions options;

    private CallArgs(String function, List<Object> positional, CallOptions options) {
        this.function = function;
        this.positional = positional;
        this.options = options;
    }

    /**
     * @param optionsFrom the first position at which a plain object may be the options (an object
     *     before it is a value, like the one {@code write} sends)
     */
    @SuppressWarnings("unchecked")
    public static CallArgs of(String function, List<Object> args, int optionsFrom) {
        List<Object> positional = new ArrayList<>(args);
        while (!positional.isEmpty() && positional.get(positional.size() - 1) == null) {
            positional.remove(positional.size() - 1);
        }
        Map<String, Object> options = Map.of();
        int last = positional.size() - 1;
        if (last >= optionsFrom && positional.get(last) instanceof Map<?, ?> m) {
            options = (Map<String, Object>) m;
            positional.remove(last);
        }
        return new CallArgs(function, positional, new CallOptions(function, options));
    }

    public CallOptions options() {
        return options;
    }

    int size() {
        return positional.size();
    }

    Object get(int i) {
        return i < positional.size() ? positional.get(i) : null;
    }

    String endpoint() throws HostCallException {
        Object ep = get(0);
        if (!(ep instanceof String s) || s.isBlank()) {
            throw new HostCallException(function + ": the first argument must be the endpoint key", "TypeError");
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
                    throw new HostCallException(function + ": paths must be strings like '3/0/0', not " + o, "TypeError");
                }
                out.add(s);
            }
            return out;
        }
        throw new HostCallException(function + ": paths must be a string or an array of strings", "TypeError");
    }

    /** The single path at position {@code i}, as {@code '3/0/15'} or {@code '/3/0/15'}. */
    LwM2mPath path(int i) throws HostCallException {
        if (!(get(i) instanceof String text)) {
            throw new HostCallException(function + ": the path must be a string like '3/0/15', not "
                    + (get(i) == null ? "nothing" : get(i)), "TypeError");
        }
        return parsePaths(function, List.of(text)).get(0);
    }

    /** Paths as Leshan reads them; the root path and malformed ones are a {@code TypeError}. */
    static List<LwM2mPath> parsePaths(String function, List<String> texts) throws HostCallException {
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
                throw new HostCallException(function + ": invalid path '" + t + "' (expected like '3/0/0'): "
                        + e.getMessage(), "TypeError");
            }
        }
        return out;
    }
}
