package io.lwm2mbridge.engine.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The event pipeline at one moment, as {@code GET /api/v1/stats} shows it ({@link PipelineStats#snapshot()});
 * the API writes it as JSON.
 *
 * @param ts when it was taken
 * @param uptimeSeconds whole seconds since the stats began
 * @param events published and shed per event type, in the order of {@link EventType}
 * @param triggers the counters of every trigger that ran or had a run shed, by name
 * @param queues the depth and bound of each named queue, by name
 * @param sections the parts other components count (registrations, the MQTT bridge, ...), by name
 * @param heap the JVM heap
 */
public record PipelineSnapshot(Instant ts, long uptimeSeconds, Map<EventType, EventCounts> events,
        SortedMap<String, TriggerStats> triggers, List<Part> queues, List<Part> sections, Heap heap) {

    /** Events of one type published to the bus, and shed from a full lane before anyone saw them. */
    public record EventCounts(long published, long shed) {}

    /**
     * A part another component reports about itself: a queue's depth and bound, or a section's counters.
     *
     * @param view the JSON object the component made of its own counters
     */
    public record Part(String name, Object view) {}

    /** Bytes of heap in use, and the most the JVM may take. */
    public record Heap(long used, long max) {}
}
