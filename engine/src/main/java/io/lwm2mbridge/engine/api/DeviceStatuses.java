package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.device.DeviceCallException;
import io.lwm2mbridge.engine.lwm2m.DeviceFailure;

/**
 * The one mapping of device failures to the HTTP statuses of the device operations (REST, and the MQTT
 * bridge's answers, which carry the same statuses): 404 when the endpoint is not registered or has no
 * observation with that token, 504 when the device did not respond in time, 400 for a value or argument
 * that cannot be sent (nothing was sent), 502 when the device answered with an error code, sleeps (a
 * synchronous call to a queue-mode device) or the request failed otherwise.
 */
public final class DeviceStatuses {

    public static final int BAD_REQUEST = 400;
    public static final int NOT_FOUND = 404;
    public static final int BAD_GATEWAY = 502;
    public static final int GATEWAY_TIMEOUT = 504;

    private DeviceStatuses() {}

    /** The status of one failure. */
    public static int of(DeviceFailure failure) {
        return switch (failure) {
            case DeviceFailure.NotRegistered n -> NOT_FOUND;
            case DeviceFailure.NoObservation n -> NOT_FOUND;
            case DeviceFailure.Timeout t -> GATEWAY_TIMEOUT;
            case DeviceFailure.InvalidValue v -> BAD_REQUEST;
            case DeviceFailure.ErrorCode c -> BAD_GATEWAY;
            case DeviceFailure.Sleeping s -> BAD_GATEWAY;
            case DeviceFailure.NotCompleted n -> BAD_GATEWAY;
        };
    }

    /** The status of a failed call: the one its failures share (every path timed out: 504), else 502. */
    public static int of(DeviceCallException e) {
        var statuses = e.failures().stream().map(DeviceStatuses::of).distinct().toList();
        return statuses.size() == 1 ? statuses.get(0) : BAD_GATEWAY;
    }
}
