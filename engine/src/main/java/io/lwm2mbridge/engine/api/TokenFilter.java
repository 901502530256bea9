package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.config.Settings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Every API call but {@code GET /api/v1/health} needs {@code Authorization: Bearer <token>}; without
 * one, or with a wrong one, the answer is 401 with the API's error body. {@code GET /metrics} needs it
 * too unless the setting {@code metrics_require_token} is off. Runs before routing.
 */
@ServerFilter({"/api/v1/**", "/metrics"})
public record TokenFilter(ApiToken token, Settings settings) {

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.equals("/api/v1/health") || path.equals("/api/v1/openapi.yml")) {
            return null;
        }
        if (path.equals("/metrics") && !settings.bool(Settings.METRICS_REQUIRE_TOKEN)) {
            return null;
        }
        String header = request.getHeaders().getAuthorization().orElse(null);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return ApiErrors.response(HttpStatus.UNAUTHORIZED,
                    "missing API token: send 'Authorization: Bearer <token>'", null)
                    .header("WWW-Authenticate", "Bearer");
        }
        if (!token.matches(header.substring(7))) {
            return ApiErrors.response(HttpStatus.UNAUTHORIZED, "wrong API token", null)
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        return null;
    }
}
