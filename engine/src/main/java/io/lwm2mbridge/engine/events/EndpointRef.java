package io.lwm2mbridge.engine.events;

import java.util.Map;

/**
 * The endpoint an event is about, as events carry it.
 *
 * @param key the endpoint key (its LwM2M endpoint name)
 * @param name a display name, the key unless the operator set one
 * @param tags name to value
 * @param statusDetails free-form status the operator or scripts set
 */
public record EndpointRef(String key, String name, Map<String, Object> tags, Map<String, Object> statusDetails) {

    public EndpointRef {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        statusDetails = statusDetails == null ? Map.of() : Map.copyOf(statusDetails);
    }

    public static EndpointRef of(String key) {
        return new EndpointRef(key, key, Map.of(), Map.of());
    }
}
