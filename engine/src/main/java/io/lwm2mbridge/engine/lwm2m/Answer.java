package io.lwm2mbridge.engine.lwm2m;

import org.eclipse.leshan.core.request.DownlinkRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.server.registration.Registration;

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

    /** The device's response to {@code request}; a refusal in words, naming the format when it may be about it. */
    static <T extends LwM2mResponse> Answer<T> of(Registration reg, DownlinkRequest<T> request, T response) {
        return response.isSuccess() ? new Answer<>(response, null)
                : new Answer<>(null, Encodings.explain(reg, request, response.getCode()));
    }

    static <T extends LwM2mResponse> Answer<T> failed(String error) {
        return new Answer<>(null, error);
    }
}
