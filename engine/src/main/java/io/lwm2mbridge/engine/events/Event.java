package io.lwm2mbridge.engine.events;

import io.lwm2mbridge.scripting.JsonBridge;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event, exactly as scripts and the API see it: {@code id}, {@code ts}, {@code type},
 * {@code endpoint} and {@code data}.
 */
public final class Event {

    private final long sequence;
    private final Instant ts;
    private final EventType type;
    private final EndpointRef endpoint;
    private final Map<String, Object> data;
    private final Routing routing;
    /** The event as JSON text, made once however many triggers run on it. */
    private volatile String json;

    public Event(long sequence, Instant ts, EventType type, EndpointRef endpoint, Map<String, Object> data,
            Routing routing) {
        this.sequence = sequence;
        this.ts = ts;
        this.type = type;
        this.endpoint = endpoint;
        this.data = data;
        this.routing = routing == null ? Routing.ALL : routing;
    }

    /** An event for every trigger whose filter matches. */
    public Event(long sequence, Instant ts, EventType type, EndpointRef endpoint, Map<String, Object> data) {
        this(sequence, ts, type, endpoint, data, Routing.ALL);
    }

    /** Position in the event log; the {@code id} is its decimal text. */
    public long sequence() {
        return sequence;
    }

    public Instant ts() {
        return ts;
    }

    public EventType type() {
        return type;
    }

    /** Null for events about no endpoint (generic, cron). */
    public EndpointRef endpoint() {
        return endpoint;
    }

    public Map<String, Object> data() {
        return data;
    }

    /** Which triggers the event is for, beyond their filters; not part of what scripts see. */
    public Routing routing() {
        return routing;
    }

    /**
     * {@link #toMap()} as JSON text, worked out on first use and then shared by every trigger run on
     * this event. The data must not change once the event is published.
     */
    public String json() {
        String j = json;
        if (j == null) {
            j = JsonBridge.toJson(toMap());
            json = j;
        }
        return j;
    }

    @Override
    public String toString() {
        return "Event[" + sequence + " " + type.wireName() + (endpoint == null ? "" : " " + endpoint.key()) + "]";
    }

    public String id() {
        return Long.toString(sequence);
    }

    /**
     * An event back from its view ({@link #toMap()}, as {@code GET /events} and scripts see it), for
     * trying a trigger on it; what the view leaves out is filled in: the type from {@code fallbackType},
     * the time from {@code now}, the id as 0, the data as {@code {}}.
     *
     * @throws IllegalArgumentException when a field has the wrong shape or the type is unknown
     */
    @SuppressWarnings("unchecked")
    public static Event fromView(Map<String, Object> view, EventType fallbackType, Instant now) {
        long sequence = 0;
        Object id = view.get("id");
        if (id != null) {
            try {
                sequence = Long.parseLong(String.valueOf(id).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("event.id must be an event id (a number), not '" + id + "'");
            }
        }
        Object type = view.get("type");
        EventType t = type == null ? fallbackType : EventType.parse(String.valueOf(type))
                .orElseThrow(() -> new IllegalArgumentException("unknown event type '" + type + "'"));
        if (t == null) {
            throw new IllegalArgumentException("give the event's type");
        }
        Instant ts = now;
        if (view.get("ts") != null) {
            try {
                ts = Instant.parse(String.valueOf(view.get("ts")));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("event.ts must be an ISO-8601 time, not '" + view.get("ts") + "'");
            }
        }
        EndpointRef endpoint = null;
        Object ep = view.get("endpoint");
        if (ep instanceof String key) {
            endpoint = EndpointRef.of(key);
        } else if (ep instanceof Map<?, ?> m) {
            Object key = m.get("key");
            if (!(key instanceof String k) || k.isBlank()) {
                throw new IllegalArgumentException("event.endpoint.key must be the endpoint key");
            }
            Object name = m.get("name");
            endpoint = new EndpointRef(k, name instanceof String n ? n : k,
                    m.get("tags") instanceof Map<?, ?> tags ? (Map<String, Object>) tags : null,
                    m.get("statusDetails") instanceof Map<?, ?> details ? (Map<String, Object>) details : null);
        } else if (ep != null) {
            throw new IllegalArgumentException("event.endpoint must be {key, name, tags} or the endpoint key");
        }
        Object data = view.get("data");
        if (data != null && !(data instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("event.data must be an object");
        }
        return new Event(sequence, ts, t, endpoint,
                data == null ? new LinkedHashMap<>() : (Map<String, Object>) data);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id());
        m.put("ts", ts.toString());
        m.put("type", type.wireName());
        m.put("endpoint", endpoint == null ? null : endpoint.toMap());
        m.put("data", data);
        return m;
    }

    /**
     * What, beside the filters, decides which triggers run on an event. Kept out of {@code data} so a
     * generic call's payload reaches the script exactly as the caller gave it.
     *
     * @param genericName for {@code generic} events, the name they are called by ({@code filterGeneric})
     * @param triggerId when set, the event is for that one trigger (its cron schedule fired, it was started)
     * @param runByCaller the publisher runs the matching triggers itself and waits for their replies
     *     ({@code exec.sync}, {@code POST /generic/{name}}), so the runner's bus subscription skips it
     * @param serviceKey for {@code mqtt-message} and {@code mqtt-result} events, the MQTT service the message
     *     came through or was published to ({@code filterServiceId})
     * @param topic for the same events, the topic ({@code filterTopic}); kept here too because the bus may
     *     shorten {@code data}, and the filter must see the topic whole
     */
    public record Routing(String genericName, String triggerId, boolean runByCaller, String serviceKey,
            String topic) {

        public static final Routing ALL = new Routing(null, null, false);

        public Routing(String genericName, String triggerId, boolean runByCaller) {
            this(genericName, triggerId, runByCaller, null, null);
        }

        /** A generic call by name that the runner dispatches from the bus ({@code exec.now}). */
        public static Routing generic(String name) {
            return new Routing(name, null, false);
        }

        /** A generic call whose caller runs the triggers and collects their replies. */
        public static Routing genericForCaller(String name) {
            return new Routing(name, null, true);
        }

        /** An event for one trigger only. */
        public static Routing trigger(String triggerId) {
            return new Routing(null, triggerId, false);
        }

        /** A message from, or a publish result of, MQTT service {@code serviceKey} on {@code topic}. */
        public static Routing mqtt(String serviceKey, String topic) {
            return new Routing(null, null, false, serviceKey, topic);
        }
    }
}
