package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.queue.QueueMode;
import io.lwm2mbridge.engine.queue.QueueState;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/endpoints/{key}/queue}: a device's queue mode as the server sees it now (queue mode
 * on, asleep) and the asynchronous calls held until it wakes, oldest first, each as it will be made again
 * ({@code function, args, source, paths, hasContext, context, heldAt}). Read-only: held calls are promises
 * to the scripts that made them.
 */
@Controller("/api/v1/endpoints/{key}/queue")
public record EndpointQueueController(QueueMode queueMode, Endpoints endpoints) {

    @Get
    public HttpResponse<String> get(String key) {
        endpoints.records().require(key);
        return ApiJson.ok(view(queueMode.state(key)));
    }

    private static Map<String, Object> view(QueueState state) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("endpoint", state.endpoint());
        out.put("registered", state.registered());
        out.put("queueMode", state.queueMode());
        out.put("asleep", state.asleep());
        out.put("items", state.held().stream().map(EndpointQueueController::item).toList());
        return out;
    }

    /** A held call as the store keeps it ({@code queue.json.HeldCallJson}), keys as text. */
    private static Map<String, Object> item(Map<?, ?> stored) {
        Map<String, Object> item = new LinkedHashMap<>();
        stored.forEach((k, v) -> item.put(String.valueOf(k), v));
        return item;
    }
}
