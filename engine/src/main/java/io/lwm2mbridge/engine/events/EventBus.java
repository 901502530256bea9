package io.lwm2mbridge.engine.events;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where events are published. {@link #publish} only assigns the id and time and queues the event, so
 * it is safe on protocol threads; one bus thread then stores each event and hands it, in publishing
 * order, to every subscriber.
 */
public final class EventBus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final EventLog log;
    private final Clock clock;
    private final AtomicLong sequence;
    private final List<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "event-bus");
        t.setDaemon(true);
        return t;
    });

    public EventBus(EventLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
        this.sequence = new AtomicLong(log.lastSequence());
    }

    /** Publishes an event; returns it at once, before it is stored or delivered. */
    public Event publish(EventType type, EndpointRef endpoint, Map<String, Object> data) {
        return publish(type, endpoint, data, Event.Routing.ALL);
    }

    /** Publishes an event meant for some triggers only (a generic call by name, one trigger's schedule). */
    public Event publish(EventType type, EndpointRef endpoint, Map<String, Object> data, Event.Routing routing) {
        Event event = new Event(sequence.incrementAndGet(), clock.instant(), type, endpoint,
                data == null ? Map.of() : data, routing);
        thread.execute(() -> deliver(event));
        return event;
    }

    /** Subscribers are called on the bus thread, one event at a time, and must return quickly. */
    public void subscribe(Consumer<Event> subscriber) {
        subscribers.add(subscriber);
    }

    public void unsubscribe(Consumer<Event> subscriber) {
        subscribers.remove(subscriber);
    }

    private void deliver(Event event) {
        try {
            log.append(event);
        } catch (RuntimeException e) {
            LOG.warn("event {} could not be stored", event.id(), e);
        }
        for (Consumer<Event> s : subscribers) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("event subscriber failed on {}", event.type(), e);
            }
        }
    }

    /** Delivers what is queued, then stops. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
