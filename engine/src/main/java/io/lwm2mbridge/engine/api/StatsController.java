package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.events.PipelineStats;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /api/v1/stats}: what the event pipeline passed and shed since start (events per type,
 * runs, failures and sheds per trigger), how full its queues are, and the heap, so an operator and
 * the benchmarks see overload instead of guessing it.
 */
@Controller("/api/v1/stats")
public record StatsController(PipelineStats stats) {

    @Get
    public HttpResponse<String> get() {
        return ApiJson.ok(StatsJson.view(stats.snapshot()));
    }
}
