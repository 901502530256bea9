package io.lwm2mbridge.engine.firmware.fota;

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
import org.eclipse.leshan.server.queue.PresenceListener;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;

/**
 * Hears Leshan for {@link FotaService}. Leshan calls these on its protocol threads; each keeps only what
 * concerns firmware updates (notifications of State 5/x/3 and Update Result 5/x/5; the service then keeps
 * only its own observations among them, since every listener hears every notification) and hands it to the
 * FOTA thread, so all return at once.
 */
public final class FotaListeners implements ObservationListener, RegistrationListener, PresenceListener {

    private final FotaService service;

    FotaListeners(FotaService service) {
        this.service = service;
    }

    /** Adds these listeners to the server. */
    public void attachTo(LeshanServer server) {
        server.getObservationService().addListener(this);
        server.getRegistrationService().addListener(this);
        if (server.getPresenceService() != null) {
            server.getPresenceService().addListener(this);
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
        service.registered(registration);
    }

    @Override
    public void updated(RegistrationUpdate update, Registration updated, Registration previous) {
        service.heardFrom(updated, true);
    }

    @Override
    public void unregistered(Registration registration, Collection<Observation> observations, boolean expired,
            Registration newRegistration) {
        if (newRegistration == null) {
            service.unregistered(registration);
        }
    }

    @Override
    public void onAwake(Registration registration) {
        service.heardFrom(registration, false);
    }

    @Override
    public void onSleeping(Registration registration) {
    }
}
