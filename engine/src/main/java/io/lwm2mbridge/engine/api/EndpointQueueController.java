package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.queue.QueueMode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

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
        if (!endpoints.records().exists(key)) {
            throw ApiException.notFound("no endpoint '" + key + "'");
        }
        return ApiJson.ok(queueMode.view(key));
    }
}
