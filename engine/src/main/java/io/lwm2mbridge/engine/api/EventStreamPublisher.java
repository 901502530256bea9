package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.events.Event;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.events.json.EventJson;
import io.lwm2mbridge.scripting.JsonBridge;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The events of {@code GET /events/stream} as a reactive-streams publisher of server-sent events:
 * first the stored events the request asked to replay, then live ones from the bus, in order and
 * each once, at the pace the client reads. A client that falls {@value #MAX_QUEUED} events behind is
 * ended (it reconnects with {@code Last-Event-ID} and misses nothing still in the log). Events are
 * queued on the bus thread and written on whichever thread asks for more or queues one.
 */
final class EventStreamPublisher implements Publisher<io.micronaut.http.sse.Event<String>> {

    static final int MAX_QUEUED = 10_000;

    /** Where live events come from: the bus's subscribe and unsubscribe (a test may hand events in itself). */
    private final Consumer<Consumer<Event>> subscribe;
    private final Consumer<Consumer<Event>> unsubscribe;
    private final Predicate<Event> filter;
    private final Supplier<List<Map<String, Object>>> backlog;

    /**
     * @param filter which live events the client wants
     * @param backlog stored events to send first (already filtered), oldest first; read after the
     *     live subscription starts, so nothing falls between the two
     */
    EventStreamPublisher(EventBus bus, Predicate<Event> filter, Supplier<List<Map<String, Object>>> backlog) {
        this(bus::subscribe, bus::unsubscribe, filter, backlog);
    }

    EventStreamPublisher(Consumer<Consumer<Event>> subscribe, Consumer<Consumer<Event>> unsubscribe,
            Predicate<Event> filter, Supplier<List<Map<String, Object>>> backlog) {
        this.subscribe = subscribe;
        this.unsubscribe = unsubscribe;
        this.filter = filter;
        this.backlog = backlog;
    }

    /** One event as it is sent: its id and its JSON text (a live event's text is the one the bus made). */
    private record Written(String id, String json) {}

    @Override
    public void subscribe(Subscriber<? super io.micronaut.http.sse.Event<String>> subscriber) {
        Stream stream = new Stream(subscriber);
        subscriber.onSubscribe(stream);
        stream.start();
    }

    private final class Stream implements Subscription, Consumer<Event> {
        private final Subscriber<? super io.micronaut.http.sse.Event<String>> subscriber;
        private final Deque<Written> queue = new ArrayDeque<>();
        private final List<Event> early = new ArrayList<>();
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private final AtomicBoolean done = new AtomicBoolean();
        private boolean replayed;
        /** The newest stored event replayed: live events up to it were sent in the replay already. */
        private long replayedUpTo = -1;
        private boolean overflow;
        private boolean greeted;

        Stream(Subscriber<? super io.micronaut.http.sse.Event<String>> subscriber) {
            this.subscriber = subscriber;
        }

        void start() {
            subscribe.accept(this);
            List<Map<String, Object>> stored = backlog.get();
            synchronized (this) {
                for (Map<String, Object> e : stored) {
                    String id = String.valueOf(e.get("id"));
                    offer(new Written(id, JsonBridge.toJson(e)));
                    replayedUpTo = Math.max(replayedUpTo, Long.parseLong(id));
                }
                for (Event e : early) {
                    offerLive(e);
                }
                early.clear();
                replayed = true;
            }
            drain();
        }

        /** Called on the bus thread for every event. */
        @Override
        public void accept(Event event) {
            if (done.get() || !filter.test(event)) {
                return;
            }
            synchronized (this) {
                if (!replayed) {
                    early.add(event);
                    return;
                }
                offerLive(event);
            }
            drain();
        }

        /**
         * A live event, unless the replay sent it already. Live events are not compared with each other:
         * the bus delivers its two lanes (device data, the rest) on their own threads, so a later event of
         * one lane may come before an earlier one of the other, and both must be sent.
         */
        private void offerLive(Event event) {
            if (event.sequence() <= replayedUpTo) {
                return;
            }
            offer(new Written(event.id(), EventJson.text(event)));
        }

        private void offer(Written event) {
            if (queue.size() >= MAX_QUEUED) {
                overflow = true;
                return;
            }
            queue.add(event);
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
                subscriber.onError(new IllegalArgumentException("request must be positive (rule 3.9)"));
                return;
            }
            requested.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            drain();
        }

        @Override
        public void cancel() {
            if (done.compareAndSet(false, true)) {
                unsubscribe.accept(this);
            }
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            do {
                if (!greeted && !done.get() && requested.get() > 0) {
                    // a comment first, so the answer's headers leave at once: a client knows the stream
                    // is open before the first event, which may be minutes away
                    greeted = true;
                    requested.decrementAndGet();
                    subscriber.onNext(io.micronaut.http.sse.Event.of("").comment("stream open"));
                }
                while (!done.get() && requested.get() > 0) {
                    Written next;
                    boolean ended;
                    synchronized (this) {
                        next = queue.poll();
                        ended = next == null && overflow;
                    }
                    if (ended) {
                        cancel();
                        subscriber.onComplete();
                        return;
                    }
                    if (next == null) {
                        break;
                    }
                    requested.decrementAndGet();
                    subscriber.onNext(io.micronaut.http.sse.Event.of(next.json()).id(next.id()));
                }
            } while (wip.decrementAndGet() != 0);
        }
    }
}
