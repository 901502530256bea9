package io.lwm2mbridge.engine.lwm2m;

import org.eclipse.leshan.core.request.DownlinkRequest;

/**
 * Told how each request to a device ended and how long it took, for {@code GET /metrics}. Called on the
 * Leshan thread that completed the request (or on the sender's thread when it could not leave); it
 * must return at once and never throw.
 */
@FunctionalInterface
public interface RequestTiming {

    /**
     * @param result {@code success}, or the {@link DeviceFailure#label()} of a failure: a CoAP error code's name, or why no
     *     response came ({@code timeout}, ...)
     * @param nanos from the send to the outcome
     */
    void ended(DownlinkRequest<?> request, String result, long nanos);
}
