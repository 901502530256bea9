package io.lwm2mbridge.engine.device;

import io.lwm2mbridge.engine.lwm2m.DeviceFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A device call that failed, and why as {@link DeviceFailure}s: one for the whole call when it failed
 * before any path was tried (the endpoint is not registered, a value does not fit, the device sleeps),
 * else one per failed path. Its message is the words scripts see ("device did not respond to the
 * request", "coap: not found", "endpoint 'x' is not registered"). The edges decide by the failures:
 * {@code host} which script error it is, {@code api} which HTTP status.
 */
public final class DeviceCallException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient DeviceFailure failure;
    private final transient Map<String, DeviceFailure> byPath;

    /** A call that failed as a whole, before any path was tried. */
    public DeviceCallException(DeviceFailure failure) {
        super(failure.message());
        this.failure = failure;
        this.byPath = Map.of();
    }

    /** A call whose paths failed as {@code byPath} says (path to failure, in request order). */
    public DeviceCallException(Map<String, DeviceFailure> byPath) {
        super(message(byPath));
        this.failure = null;
        this.byPath = new LinkedHashMap<>(byPath);
    }

    /** Every failure of the call: the one of the whole call, or each failed path's. */
    public List<DeviceFailure> failures() {
        return failure != null ? List.of(failure) : new ArrayList<>(byPath.values());
    }

    /** Path to message for each path that failed; empty when the call failed before any path was tried. */
    public Map<String, String> errors() {
        return DeviceFailure.messages(byPath);
    }

    /** A single failing path: its own message; several: each path with its message. */
    private static String message(Map<String, DeviceFailure> byPath) {
        if (byPath.size() == 1) {
            return byPath.values().iterator().next().message();
        }
        StringBuilder b = new StringBuilder();
        byPath.forEach((path, f) -> b.append(b.isEmpty() ? "" : "; ").append(path).append(": ").append(f.message()));
        return b.toString();
    }
}
