package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.limits.JsonSize;
import io.lwm2mbridge.scripting.HostCallException;
import java.util.List;
import java.util.Map;

/**
 * Refuses values a script hands to the server that are larger than their bound, as a {@code RangeError}
 * of the call: the script's author sees which value, how large it may be and which setting says so, and
 * nothing is published or kept. Used where a shortened value would be a wrong one (a payload, a reply, a
 * context echoed into events), unlike log lines, which are shortened.
 */
public final class ValueBounds {

    private ValueBounds() {}

    /**
     * @param what the value as the message names it ("the payload", "the context")
     * @param setting the setting that holds {@code max}
     */
    static void check(String function, String what, Object value, long max, String setting) throws HostCallException {
        if (JsonSize.exceeds(value, max)) {
            throw HostCallException.rangeError(function + ": " + what + " is larger than " + max
                    + " bytes as JSON (setting " + setting + ")");
        }
    }

    /** The {@code context} of a call's options (its last object argument), checked against {@code event_data_max_bytes}. */
    public static void checkContext(String function, List<Object> args, long max) throws HostCallException {
        int last = args.size() - 1;
        while (last >= 0 && args.get(last) == null) {
            last--;
        }
        if (last >= 0 && args.get(last) instanceof Map<?, ?> options && options.get("context") != null) {
            check(function, "the context", options.get("context"), max, "event_data_max_bytes");
        }
    }
}
