package io.lwm2mbridge.engine.events;

import java.time.Instant;
import java.util.Map;

/**
 * One event, exactly as scripts and the API see it: {@code id}, {@code ts}, {@code type},
 * {@code endpoint} and {@code data}. The data is held typed ({@link EventData}); its JSON forms are made by
 * the event codec ({@code events.json.EventJson}), once on the bus thread ({@link #written()}), and shared
 * by every subscriber that hands the event on as JSON.
 */
public final class Event {

    private final long sequence;
    private final Instant ts;
    private final EventType type;
    private final EndpointRef endpoint;
    private final EventData payload;
    private final Routing routing;
    private final Written written;

    public Event(long sequence, Instant ts, EventType type, EndpointRef endpoint, EventData payload, Routing routing) {
        this(sequence, ts, type, endpoint, payload, routing, null);
    }

    private Event(long sequence, Instant ts, EventType type, EndpointRef endpoint, EventData payload, Routing routing,
            Written written) {
        this.sequence = sequence;
        this.ts = ts;
        this.type = type;
        this.endpoint = endpoint;
        this.payload = payload == null ? EmptyData.INSTANCE : payload;
        this.routing = routing == null ? Routing.ALL : routing;
        this.written = written;
    }

    /** An event for every trigger whose filter matches. */
    public Event(long sequence, Instant ts, EventType type, EndpointRef endpoint, EventData payload) {
        this(sequence, ts, type, endpoint, payload, Routing.ALL);
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

    /** Which triggers the event is for, beyond their filters; not part of what scripts see. */
    public Routing routing() {
        return routing;
    }

    /** The event's JSON forms, once the bus has written it ({@link EventWriter}); else null. */
    public Written written() {
        return written;
    }

    /** This event with its JSON forms; the bus writes each event once, before any subscriber sees it. */
    public Event written(Written forms) {
        return new Event(sequence, ts, type, endpoint, payload, routing, forms);
    }

    @Override
    public String toString() {
        return "Event[" + sequence + " " + type.wireName() + (endpoint == null ? "" : " " + endpoint.key()) + "]";
    }

    public String id() {
        return Long.toString(sequence);
    }

    /**
     * The event as JSON, made once for every subscriber: the {@code data} object as scripts see
     * {@code event.data} (for trigger filters and size checks; not to be changed) and the whole event as text.
     */
    public record Written(Map<String, Object> data, String json) {}

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
