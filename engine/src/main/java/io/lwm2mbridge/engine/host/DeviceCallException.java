package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.lwm2m.DeviceErrors;
import io.lwm2mbridge.scripting.HostCallException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A device call that failed, with the words scripts see ("device did not respond to the request",
 * "coap: not found", "endpoint 'x' is not registered") and what kind of failure it was, so the REST
 * API can answer with a fitting status. Thrown to scripts as an {@code Error} ({@code TypeError} for a
 * value that does not fit).
 */
public final class DeviceCallException extends HostCallException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, coarsely. */
    public enum Kind {
        /** the endpoint is not registered, or has no observation with that token */
        NOT_FOUND,
        /** the device did not answer in time */
        NO_RESPONSE,
        /** a value or argument that cannot be sent; nothing was sent */
        BAD_VALUE,
        /** the device answered with an error code, or the request could not be completed */
        DEVICE_ERROR
    }

    private final Kind kind;
    private final transient Map<String, String> errors;

    public DeviceCallException(String message, Kind kind, Map<String, String> errors) {
        super(message, kind == Kind.BAD_VALUE ? "TypeError" : "Error");
        this.kind = kind;
        this.errors = errors == null ? Map.of() : new LinkedHashMap<>(errors);
    }

    /** The failure of a call whose paths failed as {@code errors} says (path to message). */
    static DeviceCallException of(Map<String, String> errors) {
        boolean allTimeouts = errors.values().stream().allMatch(DeviceErrors.NO_RESPONSE::equals);
        return new DeviceCallException(message(errors), allTimeouts ? Kind.NO_RESPONSE : Kind.DEVICE_ERROR, errors);
    }

    /** A single failing path: its own message; several: each path with its message. */
    static String message(Map<String, String> errors) {
        if (errors.size() == 1) {
            return errors.values().iterator().next();
        }
        StringBuilder b = new StringBuilder();
        errors.forEach((path, message) -> b.append(b.isEmpty() ? "" : "; ").append(path).append(": ").append(message));
        return b.toString();
    }

    public Kind kind() {
        return kind;
    }

    /** Path to message for each path that failed; empty when the call failed before any path was tried. */
    public Map<String, String> errors() {
        return errors;
    }
}
