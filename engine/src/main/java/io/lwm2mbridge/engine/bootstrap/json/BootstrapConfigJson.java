package io.lwm2mbridge.engine.bootstrap.json;

import io.lwm2mbridge.engine.bootstrap.BootstrapConfigs;
import io.lwm2mbridge.engine.bootstrap.BootstrapReply;
import io.lwm2mbridge.engine.bootstrap.StoredConfig;
import io.lwm2mbridge.engine.store.JsonValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stored bootstrap configurations as the API reads and shows them: without their PSKs and private keys
 * ({@code pskSet}/{@code privateKeySet} instead), and a configuration sent back that way keeps the stored keys.
 */
public final class BootstrapConfigJson {

    private BootstrapConfigJson() {}

    /**
     * The configuration to store for a body: the body with the secrets it only flags taken from {@code stored}.
     *
     * @throws IllegalArgumentException when the body is not an object, or flags a secret that is not stored
     */
    public static StoredConfig merged(Object body, Optional<StoredConfig> stored) {
        Map<String, Object> given = JsonValues.object(body);
        if (given == null) {
            throw new IllegalArgumentException(BootstrapReply.NOT_AN_OBJECT);
        }
        return new StoredConfig(ConfigSecrets.keep(given, stored.map(StoredConfig::document).orElse(Map.of())));
    }

    /** The configuration as the API shows it: without PSKs and private keys. */
    public static Map<String, Object> view(StoredConfig config) {
        return ConfigSecrets.redact(config.document());
    }

    /** Every stored configuration as {@code {endpoint, config}}, without secrets, by endpoint. */
    public static List<Map<String, Object>> list(BootstrapConfigs configs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String endpoint : configs.endpoints()) {
            configs.get(endpoint).ifPresent(c -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("endpoint", endpoint);
                item.put("config", view(c));
                out.add(item);
            });
        }
        return out;
    }
}
