package io.lwm2mbridge.engine.events.json;

import io.lwm2mbridge.engine.events.EndpointRef;
import io.lwm2mbridge.engine.events.Event;
import io.lwm2mbridge.engine.events.EventData;
import io.lwm2mbridge.scripting.JsonBridge;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event as JSON: {@code {id, ts, type, endpoint, data}}, as scripts, {@code GET /events}, the event
 * stream, the MQTT bridge and the event log see it. The bus writes each event once ({@link #write}, its
 * {@link io.lwm2mbridge.engine.events.EventWriter}); the readers below take those forms when they are there
 * and make them otherwise (an event that never went through the bus: a trial run, a test).
 */
public final class EventJson {

    private EventJson() {}

    /** Both JSON forms of the event, for {@link Event#written(Event.Written)}. */
    public static Event.Written write(Event event) {
        Map<String, Object> data = Collections.unmodifiableMap(EventDataWriter.write(event.payload()));
        return new Event.Written(data, JsonBridge.toJson(view(event, data)));
    }

    /** The event as JSON text. */
    public static String text(Event event) {
        Event.Written w = event.written();
        return w != null ? w.json() : JsonBridge.toJson(view(event));
    }

    /** The event's {@code data} as scripts see {@code event.data}; not to be changed. */
    public static Map<String, Object> data(Event event) {
        Event.Written w = event.written();
        return w != null ? w.data() : data(event.payload());
    }

    /** Event data as its JSON object; a new map each call. */
    public static Map<String, Object> data(EventData data) {
        return EventDataWriter.write(data);
    }

    /** The whole event as a JSON object; a new map each call (its {@code data} may be shared). */
    public static Map<String, Object> view(Event event) {
        return view(event, data(event));
    }

    private static Map<String, Object> view(Event event, Map<String, Object> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", event.id());
        m.put("ts", event.ts().toString());
        m.put("type", event.type().wireName());
        m.put("endpoint", event.endpoint() == null ? null : endpoint(event.endpoint()));
        m.put("data", data);
        return m;
    }

    private static Map<String, Object> endpoint(EndpointRef ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", ref.key());
        m.put("name", ref.name());
        m.put("tags", new LinkedHashMap<>(ref.tags()));
        m.put("statusDetails", new LinkedHashMap<>(ref.statusDetails()));
        return m;
    }
}
