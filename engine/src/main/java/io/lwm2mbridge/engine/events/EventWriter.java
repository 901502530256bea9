package io.lwm2mbridge.engine.events;

/**
 * Writes an event as JSON ({@link Event.Written}): the event codec, {@code events.json.EventJson#write},
 * given to the {@link EventBus} so the bus, which shortens and stores events, needs no JSON field names.
 */
@FunctionalInterface
public interface EventWriter {

    Event.Written write(Event event);
}
