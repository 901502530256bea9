package io.lwm2mbridge.engine.bootstrap;

import io.lwm2mbridge.engine.store.JsonValues;
import io.lwm2mbridge.engine.store.KeyValueStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bootstrap configurations stored per endpoint ({@code /api/v1/bootstrap/{endpoint}}), in the reply
 * schema, used when no trigger replies. Stored as given once they pass {@link BootstrapReply#parse} (the
 * document is the operator's: it is kept whole, so it reads back as it was written); read back without
 * their secrets.
 */
public final class BootstrapConfigs {

    private final KeyValueStore store;

    public BootstrapConfigs(KeyValueStore store) {
        this.store = store;
    }

    /** @throws IllegalArgumentException naming the field that does not fit; nothing is stored then */
    public Map<String, Object> put(String endpoint, Object config) {
        Map<String, Object> given = JsonValues.object(config);
        if (given == null) {
            throw new IllegalArgumentException(BootstrapReply.NOT_AN_OBJECT);
        }
        Map<String, Object> whole = ConfigSecrets.keep(given, JsonValues.objectOrEmpty(store.get(endpoint)));
        BootstrapReply.parse(whole);
        store.put(endpoint, whole);
        return ConfigSecrets.redact(whole);
    }

    /** The configuration as the bootstrap uses it, secrets included. */
    Optional<BootstrapReply> reply(String endpoint) {
        Object v = store.get(endpoint);
        return v == null ? Optional.empty() : Optional.of(BootstrapReply.parse(v));
    }

    /** The configuration as the API shows it: without PSKs and private keys. */
    public Optional<Map<String, Object>> get(String endpoint) {
        return Optional.ofNullable(JsonValues.object(store.get(endpoint))).map(ConfigSecrets::redact);
    }

    public boolean delete(String endpoint) {
        return store.remove(endpoint);
    }

    /** Every stored configuration as {@code {endpoint, config}}, without secrets, by endpoint. */
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String endpoint : store.keys()) {
            get(endpoint).ifPresent(c -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("endpoint", endpoint);
                item.put("config", c);
                out.add(item);
            });
        }
        return out;
    }
}
