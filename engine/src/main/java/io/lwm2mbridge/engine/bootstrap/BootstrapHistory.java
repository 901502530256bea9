package io.lwm2mbridge.engine.bootstrap;

import io.lwm2mbridge.engine.store.JsonValues;
import io.lwm2mbridge.engine.store.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The last bootstrap sessions of each endpoint with their outcome, newest last, for
 * {@code GET /api/v1/bootstrap/{endpoint}/history}. Keeps {@link #KEPT} per endpoint, stored as an array
 * of {@link BootstrapOutcome#toJson} objects under the endpoint's key.
 */
public final class BootstrapHistory {

    static final int KEPT = 20;

    private final KeyValueStore store;

    public BootstrapHistory(KeyValueStore store) {
        this.store = store;
    }

    /** Appends one outcome, dropping the oldest beyond {@link #KEPT}. */
    public synchronized void add(String endpoint, BootstrapOutcome outcome) {
        List<BootstrapOutcome> list = new ArrayList<>(entries(endpoint));
        list.add(outcome);
        while (list.size() > KEPT) {
            list.remove(0);
        }
        store.put(endpoint, list.stream().map(BootstrapOutcome::toJson).toList());
    }

    /** The endpoint's outcomes, oldest first. */
    public List<BootstrapOutcome> entries(String endpoint) {
        List<Object> stored = JsonValues.array(store.get(endpoint));
        if (stored == null) {
            return List.of();
        }
        return stored.stream().map(JsonValues::object).filter(Objects::nonNull).map(BootstrapOutcome::fromJson)
                .toList();
    }
}
