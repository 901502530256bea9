package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.endpoints.EndpointService;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.events.EventType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events an asynchronous device call ends in: {@code lwm2m-data} for data, {@code lwm2m-error}
 * for failures, and {@code lwm2m-result} when the call was given a {@code context}.
 */
final class DeviceEvents {

    private final EventBus bus;
    private final EndpointService endpoints;

    DeviceEvents(EventBus bus, EndpointService endpoints) {
        this.bus = bus;
        this.endpoints = endpoints;
    }

    void data(String endpoint, String source, List<String> paths, Map<String, Object> tree, String translateIds,
            Object context) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("source", source);
        d.put("path", String.join(",", paths));
        d.put("data", tree);
        d.put("translateIds", translateIds);
        d.put("context", context);
        bus.publish(EventType.LWM2M_DATA, endpoints.ref(endpoint), d);
    }

    /** Publishes the error and, with a context, the result, for a call whose paths failed (some or all). */
    void finished(String endpoint, String source, List<String> allPaths, Map<String, String> errors, boolean hasContext,
            Object context) {
        String error = errors.isEmpty() ? null : summary(allPaths, errors);
        if (!errors.isEmpty()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("source", source);
            d.put("path", String.join(",", errors.keySet()));
            d.put("error", error);
            if (errors.size() > 1 || allPaths.size() > 1) {
                d.put("partialErrors", new LinkedHashMap<>(errors));
            }
            d.put("context", context);
            bus.publish(EventType.LWM2M_ERROR, endpoints.ref(endpoint), d);
        }
        if (hasContext) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("source", source);
            d.put("path", String.join(",", allPaths));
            d.put("success", errors.isEmpty());
            if (error != null) {
                d.put("error", error);
            }
            if (!errors.isEmpty() && allPaths.size() > 1) {
                d.put("partialErrors", new LinkedHashMap<>(errors));
            }
            d.put("context", context);
            bus.publish(EventType.LWM2M_RESULT, endpoints.ref(endpoint), d);
        }
    }

    /** One path: its own error; several with some succeeding: "partial success"; all failing the same way: that error. */
    static String summary(List<String> allPaths, Map<String, String> errors) {
        if (errors.size() == 1 && allPaths.size() == 1) {
            return errors.values().iterator().next();
        }
        if (errors.size() < allPaths.size()) {
            return "partial success";
        }
        long distinct = errors.values().stream().distinct().count();
        return distinct == 1 ? errors.values().iterator().next() : "all paths failed";
    }
}
