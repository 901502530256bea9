package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.events.EventLog;
import io.lwm2mbridge.engine.events.EventType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/events}: recent events, newest last, filtered by type, endpoint and time; paged with {@code after}. */
@Controller("/api/v1/events")
public final class EventController {

    private final EventLog events;

    public EventController(EventLog events) {
        this.events = events;
    }

    @Get
    public HttpResponse<String> list(@QueryValue @Nullable String type, @QueryValue @Nullable String endpoint,
            @QueryValue @Nullable String since, @QueryValue @Nullable Integer limit,
            @QueryValue @Nullable String after) {
        EventType wanted = null;
        if (type != null && !type.isBlank()) {
            wanted = EventType.parse(type).orElseThrow(() -> ApiException.badRequest("unknown event type '" + type + "'"));
        }
        long afterSeq = 0;
        if (after != null && !after.isBlank()) {
            try {
                afterSeq = Long.parseLong(after.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("after must be an event id");
            }
        }
        int max = JsonBody.limit(limit, 100, 10_000);
        List<Map<String, Object>> items = events.query(wanted, blankToNull(endpoint), JsonBody.instant("since", since),
                afterSeq, max);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("next", items.isEmpty() ? after : items.get(items.size() - 1).get("id"));
        return ApiJson.ok(out);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
