package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.triggers.RunLog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.util.Map;

/** {@code GET /api/v1/logs}: what scripts logged and how trigger runs failed, oldest first. */
@Controller("/api/v1/logs")
public final class LogController {

    private final RunLog runLog;

    public LogController(RunLog runLog) {
        this.runLog = runLog;
    }

    @Get
    public HttpResponse<String> list(@QueryValue @Nullable String trigger, @QueryValue @Nullable String level,
            @QueryValue @Nullable String since, @QueryValue @Nullable Integer limit) {
        if (level != null && !level.isBlank() && !RunLog.LEVELS.contains(level.toLowerCase())) {
            throw ApiException.badRequest("level must be one of " + RunLog.LEVELS);
        }
        return ApiJson.ok(Map.of("items", runLog.query(trigger == null || trigger.isBlank() ? null : trigger,
                level == null || level.isBlank() ? null : level, JsonBody.instant("since", since),
                JsonBody.limit(limit, 200, 10_000))));
    }
}
