package io.lwm2mbridge.engine.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;

/** {@code GET /api/v1/health}: open to all, so load balancers and scripts can check the server is up. */
@Controller("/api/v1/health")
public final class HealthController {

    @Get
    public HttpResponse<String> health() {
        return ApiJson.ok(Map.of("status", "up"));
    }
}
