package io.lwm2mbridge.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.events.EndpointRef;
import io.lwm2mbridge.engine.events.Event;
import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.events.RawData;
import io.lwm2mbridge.engine.events.json.EventJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The event stream against the bus's real delivery order: its two lanes (device data, the rest) run on
 * their own threads, so an event may arrive after a later one. Each must still be sent, once.
 */
class EventStreamOrderTest {

    static Event event(long sequence, EventType type) {
        return new Event(sequence, Instant.now(), type, EndpointRef.of("dev-1"), new RawData(Map.of("n", sequence)));
    }

    /** The ids a subscriber was sent, after the stream was fed by {@code feed}. */
    static List<String> sent(List<Map<String, Object>> replay, Consumer<Consumer<Event>> feed) {
        AtomicReference<Consumer<Event>> live = new AtomicReference<>();
        EventStreamPublisher publisher = new EventStreamPublisher(live::set, c -> { }, e -> true, () -> replay);
        List<String> ids = new ArrayList<>();
        publisher.subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(io.micronaut.http.sse.Event<String> e) {
                if (e.getId() != null) {
                    ids.add(e.getId());
                }
            }

            @Override
            public void onError(Throwable t) {
                throw new AssertionError(t);
            }

            @Override
            public void onComplete() {
            }
        });
        feed.accept(live.get());
        return ids;
    }

    @Test
    void anEarlierDataEventThatArrivesAfterALaterResultIsStillSent() {
        // what a read held for a sleeping device produced: its data (data lane) and its result (the other)
        List<String> ids = sent(List.of(), live -> {
            live.accept(event(3, EventType.LWM2M_UPDATE));
            live.accept(event(5, EventType.LWM2M_RESULT));
            live.accept(event(4, EventType.LWM2M_DATA));
        });
        assertThat(ids).containsExactly("3", "5", "4");
    }

    @Test
    void eventsTheReplaySentAreNotSentAgainLive() {
        List<Map<String, Object>> replay = List.of(EventJson.view(event(1, EventType.LWM2M_REGISTER)),
                EventJson.view(event(2, EventType.LWM2M_DATA)));
        List<String> ids = sent(replay, live -> {
            live.accept(event(2, EventType.LWM2M_DATA));
            live.accept(event(4, EventType.LWM2M_RESULT));
            live.accept(event(3, EventType.LWM2M_DATA));
        });
        assertThat(ids).containsExactly("1", "2", "4", "3");
    }
}
