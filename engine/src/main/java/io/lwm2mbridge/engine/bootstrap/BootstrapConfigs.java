package io.lwm2mbridge.engine.bootstrap;

import io.lwm2mbridge.engine.store.JsonValues;
import io.lwm2mbridge.engine.store.KeyValueStore;
import java.util.List;
import java.util.Optional;

/**
 * The bootstrap configurations stored per endpoint ({@code /api/v1/bootstrap/{endpoint}}), in the reply
 * schema, used when no trigger replies. Stored as given once they pass {@link BootstrapReply#parse} (the
 * document is the operator's: it is kept whole, so it reads back as it was written).
 */
public final class BootstrapConfigs {

    private final KeyValueStore store;

    public BootstrapConfigs(KeyValueStore store) {
        this.store = store;
    }

    /** @throws IllegalArgumentException naming the field that does not fit; nothing is stored then */
    public void put(String endpoint, StoredConfig config) {
        BootstrapReply.parse(config.document());
        store.put(endpoint, config.document());
    }

    /** The configuration as the bootstrap uses it, secrets included. */
    Optional<BootstrapReply> reply(String endpoint) {
        Object v = store.get(endpoint);
        return v == null ? Optional.empty() : Optional.of(BootstrapReply.parse(v));
    }

    /** The stored configuration, secrets included. */
    public Optional<StoredConfig> get(String endpoint) {
        return Optional.ofNullable(JsonValues.object(store.get(endpoint))).map(StoredConfig::new);
    }

    public boolean delete(String endpoint) {
        return store.remove(endpoint);
    }

    /** The endpoints with a stored configuration, in key order. */
    public List<String> endpoints() {
        return List.copyOf(store.keys());
    }
}
