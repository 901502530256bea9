package io.lwm2mbridge.engine.events.json;

import io.lwm2mbridge.engine.events.EndpointRef;
import io.lwm2mbridge.engine.events.Event;
import io.lwm2mbridge.engine.events.EventType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event back from its view ({@link EventJson#view}, as {@code GET /events} shows it and the event log
 * stores it): for trying a trigger on a recorded event or on one an API caller wrote. The data is read
 * into its record by {@link EventDataReader}, so the event runs exactly as it was published.
 */
public final class EventParser {

    private EventParser() {}

    /**
     * What the view leaves out is filled in: the type from {@code fallbackType}, the time from {@code now},
     * the id as 0, the data as {@code {}}.
     *
     * @throws IllegalArgumentException when a field has the wrong shape or the type is unknown
     */
    public static Event parse(Map<String, Object> view, EventType fallbackType, Instant now) {
        EventType type = type(view.get("type"), fallbackType);
        Object data = view.get("data");
        if (data != null && !(data instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("event.data must be an object");
        }
        Map<String, Object> fields = data == null ? new LinkedHashMap<>() : JsonFields.object((Map<?, ?>) data);
        return new Event(sequence(view.get("id")), ts(view.get("ts"), now), type, endpoint(view.get("endpoint")),
                EventDataReader.read(type, fields), Event.Routing.ALL);
    }

    private static long sequence(Object id) {
        if (id == null) {
            return 0;
        }
        try {
            return Long.parseLong(String.valueOf(id).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("event.id must be an event id (a number), not '" + id + "'");
        }
    }

    private static EventType type(Object type, EventType fallbackType) {
        EventType t = type == null ? fallbackType : EventType.parse(String.valueOf(type))
                .orElseThrow(() -> new IllegalArgumentException("unknown event type '" + type + "'"));
        if (t == null) {
            throw new IllegalArgumentException("give the event's type");
        }
        return t;
    }

    private static Instant ts(Object ts, Instant now) {
        if (ts == null) {
            return now;
        }
        try {
            return Instant.parse(String.valueOf(ts));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("event.ts must be an ISO-8601 time, not '" + ts + "'");
        }
    }

    private static EndpointRef endpoint(Object ep) {
        if (ep == null) {
            return null;
        }
        if (ep instanceof String key) {
            return EndpointRef.of(key);
        }
        if (!(ep instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("event.endpoint must be {key, name, tags} or the endpoint key");
        }
        if (!(m.get("key") instanceof String key) || key.isBlank()) {
            throw new IllegalArgumentException("event.endpoint.key must be the endpoint key");
        }
        return new EndpointRef(key, m.get("name") instanceof String n ? n : key,
                m.get("tags") instanceof Map<?, ?> tags ? JsonFields.object(tags) : null,
                m.get("statusDetails") instanceof Map<?, ?> details ? JsonFields.object(details) : null);
    }
}
