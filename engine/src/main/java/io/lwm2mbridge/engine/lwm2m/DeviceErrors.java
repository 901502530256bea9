package io.lwm2mbridge.engine.lwm2m;

import org.eclipse.leshan.core.ResponseCode;

/**
 * The words and metric labels of {@link DeviceFailure} for {@code fota.DeviceLink}, which still sends its
 * own requests and holds a Leshan response code or error rather than a failure. Goes once FOTA sends
 * through {@link DeviceRequests#send}.
 */
public final class DeviceErrors {

    private DeviceErrors() {}

    /** {@code success}, or the failure's label ({@link DeviceFailure#label()}). */
    public static String label(ResponseCode code) {
        return code.isSuccess() ? "success" : new DeviceFailure.ErrorCode(code).label();
    }

    /** The label of the failure a Leshan request error means. */
    public static String label(Throwable e) {
        return DeviceFailure.of(e).label();
    }

    /** The words of the failure a Leshan request error means. */
    public static String of(Throwable e) {
        return DeviceFailure.of(e).message();
    }
}
