package io.lwm2mbridge.engine.events;

import io.lwm2mbridge.scripting.JsonBridge;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event, exactly as scripts and the API see it: {@code id}, {@code ts}, {@code type},
 * {@code endpoint} and {@code data}. The data is held typed ({@link EventData}); its map form, for the
 * edges that hand it on as JSON, is made once on first use.
 */
public final class Event {

    private final long sequence;
    private final Instant ts;
    private final EventType type;
    private final EndpointRef endpoint;
    private final EventData payload;
    private final Routing routing;
    /** {@link #payload} as a map, made once. */
    private volatile Map<String, Object> data;
    /** The event as JSON text, made once however many triggers run on it. */
    private volatile String json;

    public Event(long sequence, Instant ts, EventType type, EndpointRef endpoint, EventData payload, Routing routing) {
        this.sequence = sequence;
        this.ts = ts;
        this.type = type;
        this.endpoint = endpoint;
        this.payload = payload == null ? EmptyData.INSTANCE : payload;
        this.routing = routing == null ? Routing.ALL : routing;
    }

    /** An event for every trigger whose filter matches. */
    public Event(long sequence, Instant ts, EventType type, EndpointRef endpoint, EventData payload) {
        this(sequence, ts, type, endpoint, payload, Routing.ALL);
    }

    /**
     * Transitional: an event whose data is given as its map form, kept as {@link RawData}. For the
     * publishers and tests not yet switched to the {@link EventData} records; to be removed with them.
     */
    public Event(long sequence, Instant ts, EventType type, EndpointRef endpoint, Map<String, Object> data,
            Routing routing) {
        this(sequence, ts, type, endpoint, new RawData(data), routing);
    }

    /** Transitional, as {@link #Event(long, Instant, EventType, EndpointRef, Map, Routing)}. */
    public Event(long sequence, Instant ts, EventType type, EndpointRef endpoint, Map<String, Object> data) {
        this(sequence, ts, type, endpoint, new RawData(data), Routing.ALL);
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

    /** The typed data. */
    public EventData payload() {
        return payload;
    }

    /**
     * The data as scripts see {@code event.data}, for the edges that read it as JSON (trigger filters,
     * size checks); made on first use, then shared, and not to be changed.
     */
    public Map<String, Object> data() {
        Map<String, Object> d = data;
        if (d == null) {
            d = Collections.unmodifiableMap(payload.toMap());
            data = d;
        }
        return d;
    }

    /** Which triggers the event is for, beyond their filters; not part of what scripts see. */
    public Routing routing() {
        return routing;
    }

    /**
     * {@link #toMap()} as JSON text, worked out on first use and then shared by every trigger run on
     * this event.
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

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id());
        m.put("ts", ts.toString());
        m.put("type", type.wireName());
        m.put("endpoint", endpoint == null ? null : endpoint.toMap());
        m.put("data", data());
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
