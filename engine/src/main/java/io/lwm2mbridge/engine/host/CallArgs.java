package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.scripting.HostCallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arguments of a device call, split the way the trigger contract says: the last plain-object
 * argument is the options, what comes before it are the positional values.
 */
final class CallArgs {

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
    static CallArgs of(String function, List<Object> args, int optionsFrom) {
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

    CallOptions options() {
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
}
