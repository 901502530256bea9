package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.events.EventLog;
import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.store.LogPages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/events}: recent events, newest last, filtered by type, endpoint and time. Without
 * {@code after}, the newest events; with it, the events after that id ({@code 0}: from the oldest kept),
 * so following {@code next} from page to page reads every event, however the pages were cut. A page
 * holds at most {@code limit} events and {@code api_page_max_bytes}, and at least one event.
 */
@Controller("/api/v1/events")
public record EventController(EventLog events, Settings settings) {

    @Get
    public HttpResponse<String> list(@QueryValue @Nullable String type, @QueryValue @Nullable String endpoint,
            @QueryValue @Nullable String since, @QueryValue @Nullable Integer limit,
            @QueryValue @Nullable String after) {
        EventType wanted = null;
        if (type != null && !type.isBlank()) {
            wanted = EventType.parse(type).orElseThrow(() -> ApiException.badRequest("unknown event type '" + type + "'"));
        }
        Long cursor;
        try {
            cursor = JsonBody.cursor(after);
        } catch (ApiException e) {
            throw ApiException.badRequest("after must be an event id");
        }
        int max = JsonBody.limit(limit, 100, 10_000);
        long maxBytes = settings.integer(Settings.API_PAGE_MAX_BYTES);
        String ep = blankToNull(endpoint);
        Instant from = JsonBody.instant("since", since);
        LogPages.Page page = cursor == null ? events.newest(wanted, ep, from, 0, max, maxBytes)
                : events.after(wanted, ep, from, cursor, max, maxBytes);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items());
        out.put("next", page.last() > 0 ? Long.toString(page.last()) : after);
        return ApiJson.ok(out);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
