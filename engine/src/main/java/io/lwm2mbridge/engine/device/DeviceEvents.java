package io.lwm2mbridge.engine.device;

import io.lwm2mbridge.engine.lwm2m.json.ObjectTree;
import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.events.DeviceData;
import io.lwm2mbridge.engine.events.ErrorData;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.events.ResultData;
import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.lwm2m.requests.DataListener;
import io.lwm2mbridge.objects.IdFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events device calls and devices end in: {@code lwm2m-data} for data (read results,
 * notifications, Sends), {@code lwm2m-error} for failures, and {@code lwm2m-result} when an
 * asynchronous call was given a {@code context}. Publishing only queues, so every method is safe on
 * protocol threads.
 */
public record DeviceEvents(EventBus bus, Endpoints endpoints) implements DataListener {

    void data(String endpoint, String source, List<String> paths, ObjectTree tree, String translateIds,
            Object context) {
        bus.publish(EventType.LWM2M_DATA, endpoints.records().ref(endpoint),
                new DeviceData(source, String.join(",", paths), tree.json(), translateIds, context, null));
    }

    @Override
    public void data(String endpoint, String source, List<String> paths, ObjectTree tree, IdFormat ids,
            Object context, String token) {
        bus.publish(EventType.LWM2M_DATA, endpoints.records().ref(endpoint),
                new DeviceData(source, String.join(",", paths), tree.json(), ids.option(), context, token));
    }

    @Override
    public void error(String endpoint, String source, List<String> paths, String message, Object context) {
        bus.publish(EventType.LWM2M_ERROR, endpoints.records().ref(endpoint),
                new ErrorData(source, String.join(",", paths), message, null, context));
    }

    /** Publishes the error and, with a context, the result, for a call whose paths failed (some or all). */
    void finished(String endpoint, String source, List<String> allPaths, Map<String, String> errors, boolean hasContext,
            Object context) {
        finished(endpoint, source, allPaths, errors, hasContext, context, Map.of());
    }

    /**
     * As {@link #finished(String, String, List, Map, boolean, Object)}, with what a successful call gave
     * back ({@code tokens}, {@code location}, {@code links}) added to its {@code lwm2m-result}.
     */
    void finished(String endpoint, String source, List<String> allPaths, Map<String, String> errors, boolean hasContext,
            Object context, Map<String, Object> extra) {
        String error = errors.isEmpty() ? null : summary(allPaths, errors);
        if (!errors.isEmpty()) {
            bus.publish(EventType.LWM2M_ERROR, endpoints.records().ref(endpoint), new ErrorData(source,
                    String.join(",", errors.keySet()), error,
                    errors.size() > 1 || allPaths.size() > 1 ? new LinkedHashMap<>(errors) : null, context));
        }
        if (hasContext) {
            bus.publish(EventType.LWM2M_RESULT, endpoints.records().ref(endpoint), new ResultData(source,
                    String.join(",", allPaths), errors.isEmpty(), error, false,
                    !errors.isEmpty() && allPaths.size() > 1 ? new LinkedHashMap<>(errors) : null, extra, context));
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
