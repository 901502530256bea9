package io.lwm2mbridge.engine.mqtt;

import io.lwm2mbridge.engine.store.KeyValueStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The MQTT services ({@code type: "mqtt"}) in the store the HTTP services share. Being written. */
public final class MqttServices {

    public MqttServices(KeyValueStore store, Runnable commit) {
    }

    public List<Map<String, Object>> list() {
        return List.of();
    }

    public Optional<MqttService> get(String key) {
        return Optional.empty();
    }
}
