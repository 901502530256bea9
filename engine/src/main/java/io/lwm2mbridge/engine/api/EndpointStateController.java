package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.lwm2m.requests.ObservationRegistry;
import io.lwm2mbridge.engine.lwm2m.requests.Observations;
import io.lwm2mbridge.engine.queue.QueueMode;
import io.lwm2mbridge.engine.queue.QueueState;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server holds for one device right now, read-only; an unknown endpoint is a 404.
 * <ul>
 * <li>{@code GET /api/v1/endpoints/{key}/observations}: the observations scripts and the API hold on the
 *     device, each as {@code {token, paths, composite, context}}, sorted by path: what {@code observe-cancel}
 *     can end. Firmware updates' own observations of object 5 are the FOTA job's and not listed.</li>
 * <li>{@code GET /api/v1/endpoints/{key}/queue}: its queue mode as the server sees it (queue mode on,
 *     asleep) and the asynchronous calls held until it wakes, oldest first, each as it will be made again
 *     ({@code function, args, source, paths, hasContext, context, heldAt}). Held calls are promises to the
 *     scripts that made them, so they are not cancelled here.</li>
 * </ul>
 */
@Controller("/api/v1/endpoints/{key}")
public record EndpointStateController(Observations observations, QueueMode queueMode, Endpoints endpoints) {

    @Get("/observations")
    public HttpResponse<String> observations(String key) {
        endpoints.records().require(key);
        List<Observation> items = observations.registry().ofEndpoint(key).stream()
                .sorted(Comparator.comparing((ObservationRegistry.Entry e) -> String.join(",", e.pathTexts()))
                        .thenComparing(ObservationRegistry.Entry::token))
                .map(Observation::of)
                .toList();
        return ApiJson.ok(Map.of("items", items));
    }

    @Get("/queue")
    public HttpResponse<String> queue(String key) {
        endpoints.records().require(key);
        QueueState state = queueMode.state(key);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("endpoint", state.endpoint());
        out.put("registered", state.registered());
        out.put("queueMode", state.queueMode());
        out.put("asleep", state.asleep());
        out.put("items", state.held().stream().map(EndpointStateController::heldCall).toList());
        return ApiJson.ok(out);
    }

    /** An observation as the API shows it; Jackson writes the components in this order. */
    record Observation(String token, List<String> paths, boolean composite, Object context) {
        static Observation of(ObservationRegistry.Entry e) {
            return new Observation(e.token(), e.pathTexts(), e.composite(), e.context());
        }
    }

    /** A held call as the store keeps it ({@code queue.json.HeldCallJson}), keys as text. */
    private static Map<String, Object> heldCall(Map<?, ?> stored) {
        Map<String, Object> item = new LinkedHashMap<>();
        stored.forEach((k, v) -> item.put(String.valueOf(k), v));
        return item;
    }
}
