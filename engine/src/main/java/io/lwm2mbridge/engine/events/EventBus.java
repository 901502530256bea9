package io.lwm2mbridge.engine.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where events are published. {@link #publish} only assigns the id and time and queues the event, so
 * it is safe on protocol threads; one bus thread then hands each event, in publishing order, to every
 * subscriber and stores it in the event log.
 *
 * <p>Overload policy: events wait in two bounded lanes. Device data ({@code lwm2m-data}: notifications,
 * read results, Sends) and broker messages ({@code mqtt-message}) are the lane that floods; everything else (registrations, updates, bootstrap,
 * firmware, errors, generic, cron) waits in the other lane and is always taken first. When a lane
 * holds {@code bound} events, publishing one more sheds that lane's oldest waiting event, counted per
 * event type in {@link PipelineStats} and logged. A publisher never blocks and memory stays bounded.
 *
 * <p>Size policy: an event's data holds at most {@code dataMax} bytes as JSON. Values scripts and API
 * callers give are refused before they are published (exec payloads, call contexts, {@code POST
 * /generic}); data that arrives larger anyway (from a device) is shortened on the bus thread before any
 * subscriber sees it or it is stored: its longest strings end in {@code ...[truncated: <n> characters]}
 * ({@link DataBound}). Counted nowhere but logged, at most once per 10 s.
 */
public final class EventBus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    /** Events taken off the lanes at once: delivered one by one, then stored together. */
    private static final int BATCH = 256;

    private final EventLog log;
    private final Clock clock;
    private final PipelineStats stats;
    private final LongSupplier bound;
    private final LongSupplier dataMax;
    private final AtomicLong sequence;
    private final DataBound dataBound;
    private final List<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition waiting = lock.newCondition();
    private final Condition drained = lock.newCondition();
    private final ArrayDeque<Queued> control = new ArrayDeque<>();
    private final ArrayDeque<Queued> data = new ArrayDeque<>();
    private final Thread thread;
    private boolean busy;
    private volatile boolean closing;

    /** A bus that keeps event data whole: for tests that do not look at sizes. */
    public EventBus(EventLog log, EventWriter writer, Clock clock, PipelineStats stats, LongSupplier bound) {
        this(log, writer, clock, stats, bound, () -> Long.MAX_VALUE / 4);
    }

    /**
     * @param writer writes each event as JSON once, before any subscriber sees it or it is stored
     *     ({@code EventJson::write})
     * @param bound how many events each lane holds before it sheds its oldest (read on every publish)
     * @param dataMax what one event's data may hold as JSON ({@code event_data_max_bytes}), read per event
     */
    public EventBus(EventLog log, EventWriter writer, Clock clock, PipelineStats stats, LongSupplier bound,
            LongSupplier dataMax) {
        this.log = log;
        this.dataBound = new DataBound(writer);
        this.clock = clock;
        this.stats = stats;
        this.bound = bound;
        this.dataMax = dataMax;
        this.sequence = new AtomicLong(log.lastSequence());
        this.thread = new Thread(this::loop, "event-bus");
        thread.setDaemon(true);
        thread.start();
        stats.gauge("events", this::depth);
    }

    /** Publishes an event; returns it at once, before it is stored or delivered. */
    public Event publish(EventType type, EndpointRef endpoint, EventData data) {
        return publish(type, endpoint, data, Event.Routing.ALL);
    }

    /** Publishes an event meant for some triggers only (a generic call by name, one trigger's schedule). */
    public Event publish(EventType type, EndpointRef endpoint, EventData data, Event.Routing routing) {
        Event event = new Event(sequence.incrementAndGet(), clock.instant(), type, endpoint, data, routing);
        enqueue(new Queued(type, event, event.sequence(), event.ts(), null));
        return event;
    }

    /**
     * Publishes an event whose endpoint and data are worked out on the bus thread, for publishers on
     * protocol threads whose event needs more than a glance (a registration updates the endpoint
     * record first). The id and time are taken now, so the order of events stays the order of calls.
     */
    public void publishLater(EventType type, Supplier<Parts> parts) {
        enqueue(new Queued(type, null, sequence.incrementAndGet(), clock.instant(), parts));
    }

    /** What {@link #publishLater} works out on the bus thread. */
    public record Parts(EndpointRef endpoint, EventData data) {}

    /** Subscribers are called on the bus thread, one event at a time, and must return quickly. */
    public void subscribe(Consumer<Event> subscriber) {
        subscribers.add(subscriber);
    }

    public void unsubscribe(Consumer<Event> subscriber) {
        subscribers.remove(subscriber);
    }

    /** Waits until every event published so far has been delivered and stored; for tests and shutdown. */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        lock.lock();
        try {
            while (busy || !control.isEmpty() || !data.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                drained.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void enqueue(Queued q) {
        stats.published(q.type);
        ArrayDeque<Queued> lane = q.type == EventType.LWM2M_DATA || q.type == EventType.MQTT_MESSAGE ? data : control;
        Queued shed = null;
        lock.lock();
        try {
            if (closing && !thread.isAlive()) {
                return;
            }
            if (lane.size() >= bound.getAsLong()) {
                shed = lane.pollFirst();
            }
            lane.addLast(q);
            waiting.signal();
        } finally {
            lock.unlock();
        }
        if (shed != null) {
            stats.eventShed(shed.type, lane == data ? "data" : "control");
        }
    }

    private void loop() {
        List<Queued> batch = new ArrayList<>(BATCH);
        List<Event> delivered = new ArrayList<>(BATCH);
        while (true) {
            lock.lock();
            try {
                busy = false;
                while (control.isEmpty() && data.isEmpty()) {
                    drained.signalAll();
                    if (closing) {
                        return;
                    }
                    waiting.awaitUninterruptibly();
                }
                busy = true;
                // everything but device data first: a flood of notifications never delays registrations
                while (batch.size() < BATCH && !control.isEmpty()) {
                    batch.add(control.pollFirst());
                }
                while (batch.size() < BATCH && !data.isEmpty()) {
                    batch.add(data.pollFirst());
                }
            } finally {
                lock.unlock();
            }
            for (Queued q : batch) {
                Event event = resolve(q);
                if (event != null) {
                    event = dataBound.apply(event, dataMax.getAsLong());
                }
                if (event != null) {
                    deliver(event);
                    delivered.add(event);
                }
            }
            // stored after delivery: the log write never holds up the triggers
            for (Event event : delivered) {
                try {
                    log.append(event);
                } catch (RuntimeException e) {
                    LOG.warn("event {} could not be stored", event.id(), e);
                }
            }
            batch.clear();
            delivered.clear();
        }
    }

    private Event resolve(Queued q) {
        if (q.ready != null) {
            return q.ready;
        }
        try {
            Parts parts = q.later.get();
            return new Event(q.sequence, q.ts, q.type, parts.endpoint(), parts.data(), Event.Routing.ALL);
        } catch (RuntimeException e) {
            LOG.warn("{} event could not be built", q.type, e);
            return null;
        }
    }

    private void deliver(Event event) {
        for (Consumer<Event> s : subscribers) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("event subscriber failed on {}", event.type(), e);
            }
        }
    }

    /** The lanes' depth and bound, for {@code queues.events} in the stats. */
    private Map<String, Long> depth() {
        Map<String, Long> m = new LinkedHashMap<>();
        lock.lock();
        try {
            m.put("control", (long) control.size());
            m.put("data", (long) data.size());
        } finally {
            lock.unlock();
        }
        m.put("boundPerLane", bound.getAsLong());
        return m;
    }

    /** Delivers what is queued (for up to five seconds), then stops. */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            waiting.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A published event, or the recipe of one ({@link #publishLater}). */
    private record Queued(EventType type, Event ready, long sequence, Instant ts, Supplier<Parts> later) {}
}
