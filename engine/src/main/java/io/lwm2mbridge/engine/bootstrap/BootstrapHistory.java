package io.lwm2mbridge.engine.bootstrap;

import io.lwm2mbridge.engine.store.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The last bootstrap sessions of each endpoint with their outcome, newest last, for
 * {@code GET /api/v1/bootstrap/{endpoint}/history}. Keeps {@link #KEPT} per endpoint.
 */
public final class BootstrapHistory {

    static final int KEPT = 20;

    private final KeyValueStore store;

    public BootstrapHistory(KeyValueStore store) {
        this.store = store;
    }

    /** Appends one outcome: {@code {ts, result, source, cause, remoteAddr, version, security}}. */
    public synchronized void add(String endpoint, Map<String, Object> outcome) {
        List<Object> list = new ArrayList<>(entries(endpoint));
        list.add(outcome);
        while (list.size() > KEPT) {
            list.remove(0);
        }
        store.put(endpoint, list);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> entries(String endpoint) {
        Object v = store.get(endpoint);
        if (!(v instanceof List<?> l)) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : l) {
            out.add((Map<String, Object>) o);
        }
        return out;
    }
}
