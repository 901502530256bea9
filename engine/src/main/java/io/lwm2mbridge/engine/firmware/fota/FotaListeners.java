package io.lwm2mbridge.engine.firmware.fota;

import io.lwm2mbridge.engine.queue.QueueMode;
import java.util.Collection;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.response.ObserveCompositeResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;

/**
 * Hears Leshan and queue mode for {@link FotaService}. Both call these on Leshan's protocol threads; each
 * keeps only what concerns firmware updates (notifications of State 5/x/3 and Update Result 5/x/5; the
 * service then keeps only its own observations among them, since every listener hears every
 * notification) and hands it to the FOTA thread, so all return at once. A device is heard from
 * (registered, updated, awake) through {@link QueueMode#onWake}, the one wake signal of the server.
 */
public final class FotaListeners implements ObservationListener, RegistrationListener, QueueMode.WakeListener {

    private final FotaService service;

    FotaListeners(FotaService service) {
        this.service = service;
    }

    /** Adds these listeners to the server and to queue mode. */
    public void attachTo(LeshanServer server, QueueMode queueMode) {
        server.getObservationService().addListener(this);
        server.getRegistrationService().addListener(this);
        queueMode.onWake(this);
    }

    @Override
    public void woke(Registration registration, QueueMode.Wake how) {
        switch (how) {
            case REGISTERED -> service.registered(registration);
            case UPDATED -> service.heardFrom(registration, true);
            case HEARD -> service.heardFrom(registration, false);
        }
    }

    @Override
    public void onResponse(SingleObservation observation, Registration registration, ObserveResponse response) {
        LwM2mPath path = observation.getPath();
        if (path.getObjectId() != 5 || !path.isResource() || !response.isSuccess()) {
            return;
        }
        int resource = path.getResourceId();
        if ((resource == 3 || resource == 5) && response.getContent() instanceof LwM2mSingleResource r
                && r.getValue() instanceof Number n) {
            service.notified(registration, observation, resource, n.longValue());
        }
    }

    @Override
    public void onResponse(CompositeObservation observation, Registration registration, ObserveCompositeResponse response) {
        // the service observes single resources only
    }

    @Override
    public void onError(Observation observation, Registration registration, Exception error) {
        // a notification that cannot be decoded: the next one, or the phase timeout, decides
    }

    @Override
    public void newObservation(Observation observation, Registration registration) {
    }

    @Override
    public void cancelled(Observation observation) {
        if (observation instanceof SingleObservation s && s.getPath().getObjectId() == 5) {
            service.observationCancelled(observation);
        }
    }

    @Override
    public void registered(Registration registration, Registration previous, Collection<Observation> previousObservations) {
        // heard through queue mode's wake signal
    }

    @Override
    public void updated(RegistrationUpdate update, Registration updated, Registration previous) {
        // heard through queue mode's wake signal
    }

    @Override
    public void unregistered(Registration registration, Collection<Observation> observations, boolean expired,
            Registration newRegistration) {
        if (newRegistration == null) {
            service.unregistered(registration);
        }
    }
}
