package io.lwm2mbridge.engine.endpoints;

import io.lwm2mbridge.engine.events.EndpointRef;
import io.lwm2mbridge.engine.store.KeyValueStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoint records, keyed by endpoint name, kept in the store. A record is created the first
 * time a device registers (or by the operator); its status follows the registration. Writes to one
 * record are serialised; the record is {@code {key, name, identity, tags, status, registration, ...}}.
 */
public final class EndpointService {

    public static final String CONNECTED = "connected";
    public static final String DISCONNECTED = "disconnected";

    private final KeyValueStore store;
    private final Clock clock;

    public EndpointService(KeyValueStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** After a restart no registration is known until devices come back. */
    public synchronized void markAllDisconnected() {
        for (String key : store.keys()) {
            Map<String, Object> r = record(key).orElse(null);
            if (r != null && CONNECTED.equals(r.get("status"))) {
                r.put("status", DISCONNECTED);
                r.put("registration", null);
                store.put(key, r);
            }
        }
    }

    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> record(String key) {
        Object v = store.get(key);
        return v instanceof Map<?, ?> m ? Optional.of(new LinkedHashMap<>((Map<String, Object>) m)) : Optional.empty();
    }

    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String key : store.keys()) {
            record(key).ifPresent(out::add);
        }
        return out;
    }

    /** The endpoint as events carry it; a bare reference for an endpoint with no record. */
    @SuppressWarnings("unchecked")
    public EndpointRef ref(String key) {
        return record(key).map(r -> new EndpointRef(key, String.valueOf(r.getOrDefault("name", key)),
                        (Map<String, Object>) r.get("tags"), (Map<String, Object>) r.get("statusDetails")))
                .orElse(EndpointRef.of(key));
    }

    /** Records a registration or update: creates the record if needed, marks it connected. */
    public synchronized EndpointRef registered(String key, Map<String, Object> registration) {
        Map<String, Object> r = record(key).orElseGet(() -> newRecord(key));
        r.put("status", CONNECTED);
        r.put("registration", registration);
        r.put("lastSeen", clock.instant().toString());
        store.put(key, r);
        return ref(key);
    }

    public synchronized EndpointRef deregistered(String key) {
        Map<String, Object> r = record(key).orElseGet(() -> newRecord(key));
        r.put("status", DISCONNECTED);
        r.put("registration", null);
        store.put(key, r);
        return ref(key);
    }

    private Map<String, Object> newRecord(String key) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("key", key);
        r.put("name", key);
        r.put("identity", null);
        r.put("tags", new LinkedHashMap<>());
        r.put("statusDetails", new LinkedHashMap<>());
        r.put("status", DISCONNECTED);
        r.put("registration", null);
        r.put("created", clock.instant().toString());
        return r;
    }
}
