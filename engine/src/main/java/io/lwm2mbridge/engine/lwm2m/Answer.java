package io.lwm2mbridge.engine.lwm2m;

import org.eclipse.leshan.core.response.LwM2mResponse;

/**
 * How one request to a device ended: the device's successful response, or what went wrong in the
 * words scripts see ({@link DeviceErrors}).
 *
 * @param response the successful response; null when {@code error} is set
 * @param error null on success
 */
public record Answer<T extends LwM2mResponse>(T response, String error) {

    public boolean ok() {
        return error == null;
    }

    static <T extends LwM2mResponse> Answer<T> of(T response) {
        return response.isSuccess() ? new Answer<>(response, null) : new Answer<>(null, DeviceErrors.of(response.getCode()));
    }

    static <T extends LwM2mResponse> Answer<T> failed(String error) {
        return new Answer<>(null, error);
    }
}
