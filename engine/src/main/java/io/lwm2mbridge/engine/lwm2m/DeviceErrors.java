package io.lwm2mbridge.engine.lwm2m;

import org.eclipse.leshan.core.ResponseCode;

/**
 * The words and metric labels of {@link DeviceFailure} for callers that hold a Leshan response code or
 * error rather than a failure.
 */
public final class DeviceErrors {

    public static final String NO_RESPONSE = DeviceFailure.Timeout.MESSAGE;

    private DeviceErrors() {}

    /** "coap: not found", "coap: method not allowed", ...: the CoAP response code in words. */
    public static String of(ResponseCode code) {
        return DeviceFailure.ErrorCode.words(code);
    }

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
