package io.lwm2mbridge.engine.scheduling;

import io.lwm2mbridge.engine.endpoints.Endpoints;
import org.eclipse.leshan.core.node.TimestampedLwM2mNodes;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.SendRequest;
import org.eclipse.leshan.core.response.ObserveCompositeResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.server.queue.PresenceListener;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.send.SendListener;

/**
 * Tells {@link io.lwm2mbridge.engine.endpoints.EndpointPresence#touch} about every message Leshan reports from a device beyond
 * registrations: notifications, Sends, and a queue-mode device waking up. Called on protocol
 * threads; only notes the time. (Responses to the server's own requests are noted where they are
 * sent, in the device request code.)
 */
public final class HeardFromDevices implements ObservationListener, SendListener, PresenceListener {

    private final Endpoints endpoints;

    public HeardFromDevices(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void onResponse(SingleObservation observation, Registration registration, ObserveResponse response) {
        endpoints.presence().touch(registration.getEndpoint());
    }

    @Override
    public void onResponse(CompositeObservation observation, Registration registration, ObserveCompositeResponse response) {
        endpoints.presence().touch(registration.getEndpoint());
    }

    @Override
    public void dataReceived(Registration registration, TimestampedLwM2mNodes data, SendRequest request) {
        endpoints.presence().touch(registration.getEndpoint());
    }

    @Override
    public void onAwake(Registration registration) {
        endpoints.presence().touch(registration.getEndpoint());
    }

    @Override
    public void onSleeping(Registration registration) {
        // going to sleep is announced by the server's own timer, not by a message from the device
    }

    @Override
    public void newObservation(Observation observation, Registration registration) {}

    @Override
    public void cancelled(Observation observation) {}

    @Override
    public void onError(Observation observation, Registration registration, Exception error) {}

    @Override
    public void onError(Registration registration, String errorMessage, Exception error) {}
}
