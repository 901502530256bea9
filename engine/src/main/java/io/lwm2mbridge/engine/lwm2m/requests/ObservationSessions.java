package io.lwm2mbridge.engine.lwm2m.requests;

import io.lwm2mbridge.engine.lwm2m.DeviceFailure;
import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import io.lwm2mbridge.engine.lwm2m.requests.ObservationRegistry.Entry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ObserveCompositeRequest;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;

/**
 * Script observations across registrations: the registry forgets those of a registration that ended,
 * and those of one that a new registration replaced (a new session, in which the device's observations
 * died) are observed again on the new one ({@link Observations}). Leshan calls it on its protocol threads.
 */
record ObservationSessions(Observations observations, DeviceRequests requests, ObservationRegistry registry,
        EndedSessions ended, DataListener listener) implements RegistrationListener {

    /** How long re-establishing an observation on a new registration waits for the device. */
    static final Duration REESTABLISH_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Observes again, on the device's new registration (a new session: the device's observations died
     * with the old one), what scripts observed on the one it replaced. Each script observation keeps
     * its token and context; the first response is delivered again as a notification, a refusal ends
     * in {@code lwm2m-error} and drops the observation. Runs on the Leshan thread that reported the
     * registration and only sends.
     */
    private void reestablish(Registration reg, List<Entry> previous) {
        Map<String, List<Entry>> byKey = new LinkedHashMap<>();
        for (Entry old : previous) {
            Entry moved = registry.moveTo(old, reg.getId());
            observations.awaitFirst(moved);
            byKey.computeIfAbsent(moved.key(), k -> new ArrayList<>()).add(moved);
        }
        for (List<Entry> group : byKey.values()) {
            Entry first = group.get(0);
            try {
                if (first.composite()) {
                    ContentFormat f = requests.encodings().composite(reg, null);
                    ObserveCompositeRequest request = new ObserveCompositeRequest(f, f, first.paths(), null);
                    requests.send(reg, request, REESTABLISH_TIMEOUT).thenAccept(answer -> group.forEach(e ->
                            reestablished(e, observations.firstCompositeResponse(e, reg, answer))));
                } else {
                    LwM2mPath path = first.paths().get(0);
                    ObserveRequest request = new ObserveRequest(requests.encodings().read(reg, path, null), path, null);
                    requests.send(reg, request, REESTABLISH_TIMEOUT).thenAccept(answer -> group.forEach(e ->
                            reestablished(e, observations.firstResponse(e, reg, answer))));
                }
            } catch (RuntimeException e) {
                group.forEach(entry -> reestablished(entry, new DeviceFailure.NotCompleted("error", e.getMessage())));
            }
        }
    }

    private void reestablished(Entry entry, DeviceFailure error) {
        if (error != null) {
            observations.drop(entry);
            listener.error(entry.endpoint(), "observe", entry.pathTexts(),
                    "observation could not be re-established on the new registration: " + error.message(), entry.context());
        }
    }

    @Override
    public void registered(Registration registration, Registration previous,
            Collection<Observation> previousObservations) {
        // Leshan may have dropped the old session's observations (and we their entries) already
        List<Entry> kept = ended.take(registration.getEndpoint());
        if (previous != null) {
            List<Entry> toMove = new ArrayList<>(registry.removeRegistration(previous.getId()));
            kept.stream().filter(e -> e.registrationId().equals(previous.getId())).forEach(toMove::add);
            reestablish(registration, toMove);
        }
    }

    @Override
    public void updated(RegistrationUpdate update, Registration updatedRegistration, Registration previous) {
        // same registration, same observations
    }

    @Override
    public void unregistered(Registration registration, Collection<Observation> observations, boolean expired,
            Registration newRegistration) {
        List<Entry> gone = registry.removeRegistration(registration.getId());
        if (newRegistration != null) {
            ended.keep(registration.getEndpoint(), gone);
        } else {
            ended.take(registration.getEndpoint());
        }
    }
}
