package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.store.LogPages;
import io.lwm2mbridge.engine.triggers.RunLog;
import io.lwm2mbridge.engine.triggers.json.RunLogJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/logs}: what scripts logged and how trigger runs failed, oldest first. Without
 * {@code after}, the newest entries; with it, the entries written after that cursor ({@code 0}: from the
 * oldest kept), so following {@code next} from page to page reads them all. A page holds at most
 * {@code limit} entries and {@code api_page_max_bytes}, and at least one entry.
 */
@Controller("/api/v1/logs")
public record LogController(RunLog runLog, Settings settings) {

    @Get
    public HttpResponse<String> list(@QueryValue @Nullable String trigger, @QueryValue @Nullable String level,
            @QueryValue @Nullable String since, @QueryValue @Nullable Integer limit,
            @QueryValue @Nullable String after) {
        if (level != null && !level.isBlank() && !RunLog.LEVELS.contains(level.toLowerCase())) {
            throw ApiException.badRequest("level must be one of " + RunLog.LEVELS);
        }
        Long cursor = JsonBody.cursor(after);
        LogPages.Page page = RunLogJson.page(runLog, trigger == null || trigger.isBlank() ? null : trigger,
                level == null || level.isBlank() ? null : level, JsonBody.instant("since", since), cursor,
                JsonBody.limit(limit, 200, 10_000), settings.integer(Settings.API_PAGE_MAX_BYTES));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items());
        out.put("next", page.last() > 0 ? Long.toString(page.last()) : cursor == null ? null : Long.toString(cursor));
        return ApiJson.ok(out);
    }
}
