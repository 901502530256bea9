package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.events.EventLog;
import io.lwm2mbridge.engine.events.EventType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code GET /api/v1/events/stream}: events as server-sent events (each {@code data:} line is one
 * event as {@code GET /events} returns it, its {@code id:} the event id), with the same filters:
 * {@code type}, {@code endpoint}, and {@code since} or {@code after} (or the {@code Last-Event-ID}
 * header a reconnecting client sends) to replay stored events before the live ones: the newest of them,
 * at most {@value #MAX_REPLAY} and {@code api_page_max_bytes}.
 */
@Controller("/api/v1/events/stream")
public record EventStreamController(EventBus bus, EventLog log, Settings settings) {

    /** Most stored events one request replays. */
    static final int MAX_REPLAY = 10_000;

    @Get
    @Produces(MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<String>> stream(@QueryValue @Nullable String type, @QueryValue @Nullable String endpoint,
            @QueryValue @Nullable String since, @QueryValue @Nullable String after,
            @Header("Last-Event-ID") @Nullable String lastEventId) {
        EventType wanted = type == null || type.isBlank() ? null
                : EventType.parse(type).orElseThrow(() -> ApiException.badRequest("unknown event type '" + type + "'"));
        String ep = endpoint == null || endpoint.isBlank() ? null : endpoint;
        Instant from = JsonBody.instant("since", since);
        String cursor = lastEventId != null && !lastEventId.isBlank() ? lastEventId : after;
        long afterSeq = -1;
        if (cursor != null && !cursor.isBlank()) {
            try {
                afterSeq = Long.parseLong(cursor.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("after (or Last-Event-ID) must be an event id");
            }
        }
        boolean replay = from != null || afterSeq >= 0;
        long replayAfter = Math.max(0, afterSeq);
        return new EventStreamPublisher(bus,
                e -> (wanted == null || e.type() == wanted)
                        && (ep == null || e.endpoint() != null && ep.equals(e.endpoint().key())),
                () -> replay ? log.newest(wanted, ep, from, replayAfter, MAX_REPLAY,
                        settings.integer(Settings.API_PAGE_MAX_BYTES)).items() : List.<Map<String, Object>>of());
    }
}
