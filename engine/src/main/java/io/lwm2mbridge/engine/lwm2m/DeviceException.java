package io.lwm2mbridge.engine.lwm2m;

/** A device request that could not be made or failed; {@link #failure()} says why, as a type. */
public final class DeviceException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient DeviceFailure failure;

    public DeviceException(DeviceFailure failure) {
        super(failure.message());
        this.failure = failure;
    }

    public DeviceFailure failure() {
        return failure;
    }
}
