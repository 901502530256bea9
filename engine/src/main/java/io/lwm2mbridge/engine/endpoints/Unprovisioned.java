package io.lwm2mbridge.engine.endpoints;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys of the records a registration created and the operator never took over (no credentials, no change
 * over the API): the records an unauthenticated client can make, so they are counted, bounded and expired.
 * Loaded from the records on first use; changed by the record writers under the records' lock.
 */
final class Unprovisioned {

    private final EndpointRecords records;
    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private volatile boolean loaded;

    Unprovisioned(EndpointRecords records) {
        this.records = records;
    }

    private Set<String> keys() {
        if (!loaded) {
            synchronized (keys) {
                if (!loaded) {
                    records.forEach((key, r) -> {
                        if (r.createdByRegistration()) {
                            keys.add(key);
                        }
                    });
                    loaded = true;
                }
            }
        }
        return keys;
    }

    void add(String key) {
        keys().add(key);
    }

    void remove(String key) {
        keys().remove(key);
    }

    int count() {
        return keys().size();
    }

    List<String> snapshot() {
        return List.copyOf(keys());
    }

    /** The record taken over by the operator (or given credentials): no longer one anyone could have made. */
    EndpointRecord adopt(EndpointRecord r) {
        if (r.createdByRegistration() || loaded) {
            keys().remove(r.key());
        }
        return r.createdByRegistration() ? r.withCreatedByRegistration(false) : r;
    }
}
