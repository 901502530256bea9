package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.metrics.BridgeMetrics;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /metrics}: the server's and the JVM's figures in the Prometheus text format, outside
 * {@code /api/v1}; the token is checked by {@link TokenFilter} unless {@code metrics_require_token} is off.
 */
@Controller("/metrics")
public record MetricsController(BridgeMetrics metrics) {

    /** The text exposition format Prometheus asks for by default. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    @Get
    public HttpResponse<String> scrape() {
        return HttpResponse.ok(metrics.scrape()).contentType(CONTENT_TYPE);
    }
}
