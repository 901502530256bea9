package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.device.CallArgs;
import io.lwm2mbridge.scripting.HostCallException;
import java.util.List;
import java.util.Map;

/**
 * Checks the arguments of one host call and names what is wrong in the words of the script
 * ({@code "cache.set: key must be a non-empty string, not 42"}), as a {@code TypeError} for a wrong
 * type and a {@code RangeError} for a number out of range.
 */
final class Args {

    private final String function;
    private final List<Object> args;

    private Args(String function, List<Object> args) {
        this.function = function;
        this.args = args;
    }

    static Args of(String function, List<Object> args) {
        return new Args(function, args);
    }

    String function() {
        return function;
    }

    int size() {
        return args.size();
    }

    Object get(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    boolean has(int i) {
        return get(i) != null;
    }

    String string(int i, String what) throws HostCallException {
        Object v = get(i);
        if (!(v instanceof String s) || s.isEmpty()) {
            throw type(what + " must be a non-empty string, not " + describe(v));
        }
        return s;
    }

    /** A string that may be empty; numbers and booleans are taken as their text. */
    String text(int i, String what) throws HostCallException {
        Object v = get(i);
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return JsonText.of(v);
        }
        throw type(what + " must be a string, not " + describe(v));
    }

    String optionalString(int i, String what) throws HostCallException {
        return has(i) ? string(i, what) : null;
    }

    long integer(int i, String what) throws HostCallException {
        Object v = get(i);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || Double.isInfinite(n.doubleValue())) {
            throw type(what + " must be a whole number, not " + describe(v));
        }
        return n.longValue();
    }

    long integer(int i, String what, long min, long max) throws HostCallException {
        long v = integer(i, what);
        if (v < min || v > max) {
            throw range(what + " must be between " + min + " and " + max + ", not " + v);
        }
        return v;
    }

    double number(int i, String what) throws HostCallException {
        Object v = get(i);
        if (!(v instanceof Number n)) {
            throw type(what + " must be a number, not " + describe(v));
        }
        return n.doubleValue();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(int i, String what) throws HostCallException {
        Object v = get(i);
        if (!(v instanceof Map<?, ?> m)) {
            throw type(what + " must be an object, not " + describe(v));
        }
        return (Map<String, Object>) m;
    }

    /** An object, or an empty one when the argument is absent. */
    Map<String, Object> optionalObject(int i, String what) throws HostCallException {
        return has(i) ? object(i, what) : Map.of();
    }

    HostCallException type(String message) {
        return HostCallException.typeError(function + ": " + message);
    }

    HostCallException range(String message) {
        return HostCallException.rangeError(function + ": " + message);
    }

    HostCallException error(String message) {
        return new HostCallException(function + ": " + message);
    }

    /** A value as a person reads it in an error message. */
    static String describe(Object v) {
        return CallArgs.describe(v);
    }
}
