package io.lwm2mbridge.engine.lwm2m;

/**
 * A device request that could not be made or failed, with the message scripts see
 * ("device did not respond to the request", "coap: not found", "endpoint 'x' is not registered").
 */
public final class DeviceException extends Exception {

    private static final long serialVersionUID = 1L;

    public DeviceException(String message) {
        super(message);
    }
}
