package io.lwm2mbridge.engine.lwm2m;

import org.eclipse.leshan.core.request.DownlinkRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.server.registration.Registration;

/**
 * How one request to a device ended: the device's successful response, or why it failed.
 *
 * @param response the successful response; null when {@code failure} is set
 * @param failure null on success
 */
public record Answer<T extends LwM2mResponse>(T response, DeviceFailure failure) {

    public boolean ok() {
        return failure == null;
    }

    /** The failure in the words scripts see; null on success. */
    public String error() {
        return failure == null ? null : failure.message();
    }

    /** The device's response to {@code request}; a refusal in words, naming the format when it may be about it. */
    static <T extends LwM2mResponse> Answer<T> of(Registration reg, DownlinkRequest<T> request, T response) {
        return response.isSuccess() ? new Answer<>(response, null)
                : new Answer<>(null, new DeviceFailure.ErrorCode(response.getCode(),
                        Encodings.explain(reg, request, response.getCode())));
    }

    static <T extends LwM2mResponse> Answer<T> failed(DeviceFailure failure) {
        return new Answer<>(null, failure);
    }
}
