package io.lwm2mbridge.engine.lwm2m;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.observe.Observation;
import org.eclipse.californium.core.observe.ObservationStore;
import org.eclipse.californium.core.observe.ObservationUtil;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.leshan.core.observation.ObservationIdentifier;
import org.eclipse.leshan.server.registration.RegistrationStore;

/**
 * Leshan's observation store for Californium, with the Californium form of each observation kept
 * once built. Leshan's own store rebuilds it from JSON text, with a new Jackson {@code ObjectMapper},
 * for every notification that arrives: under a flood of notifications that was the largest cost on
 * the CoAP threads.
 *
 * <p>The registration store stays the authority: every lookup asks it for the Leshan observation and
 * uses the cached form only while that is the very same object, so a cancelled, replaced or expired
 * observation is never served from the cache. Each caller gets a shallow clone, as Californium's own
 * in-memory store hands out, because the request inside is changed by the exchange that uses it.
 */
final class CachedObservationStore implements ObservationStore {

    private final ObservationStore leshan;
    private final RegistrationStore registrations;
    private final Map<Token, Built> built = new ConcurrentHashMap<>();

    CachedObservationStore(ObservationStore leshan, RegistrationStore registrations) {
        this.leshan = leshan;
        this.registrations = registrations;
    }

    /** A Californium observation and the Leshan observation it was built from. */
    private record Built(org.eclipse.leshan.core.observation.Observation source, Observation observation) {}

    @Override
    public Observation get(Token token) {
        org.eclipse.leshan.core.observation.Observation source =
                registrations.getObservation(new ObservationIdentifier(token.getBytes()));
        if (source == null) {
            built.remove(token);
            return null;
        }
        Built cached = built.get(token);
        if (cached != null && cached.source() == source) {
            return ObservationUtil.shallowClone(cached.observation());
        }
        Observation fresh = leshan.get(token);
        if (fresh == null) {
            built.remove(token);
            return null;
        }
        built.put(token, new Built(source, ObservationUtil.shallowClone(fresh)));
        return fresh;
    }

    @Override
    public Observation putIfAbsent(Token token, Observation obs) {
        built.remove(token);
        return leshan.putIfAbsent(token, obs);
    }

    @Override
    public Observation put(Token token, Observation obs) {
        built.remove(token);
        return leshan.put(token, obs);
    }

    @Override
    public void remove(Token token) {
        built.remove(token);
        leshan.remove(token);
    }

    @Override
    public void setContext(Token token, EndpointContext endpointContext) {
        built.remove(token);
        leshan.setContext(token, endpointContext);
    }

    @Override
    public void setExecutor(ScheduledExecutorService executor) {
        leshan.setExecutor(executor);
    }

    @Override
    public void start() {
        leshan.start();
    }

    @Override
    public void stop() {
        leshan.stop();
        built.clear();
    }
}
