package io.lwm2mbridge.engine.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lwm2mbridge.engine.events.json.EventJson;
import io.lwm2mbridge.engine.store.EmbeddedStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bus under overload: bounded lanes, device data shed oldest first, everything else kept and first. */
class EventBusTest {

    private static final int BOUND = 10;

    private EmbeddedStore store;
    private EventLog log;
    private PipelineStats stats;
    private EventBus bus;
    private final List<Event> delivered = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch blocked = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        Path dir = Files.createTempDirectory("bus-test-");
        store = new EmbeddedStore(dir, new ObjectMapper());
        log = new EventLog(store.log("events"), () -> 100_000);
        stats = new PipelineStats(Clock.systemUTC());
        bus = new EventBus(log, EventJson::write, Clock.systemUTC(), stats, () -> BOUND);
        bus.subscribe(e -> {
            if (e.type() == EventType.GENERIC) {
                // holds the bus thread, as a slow store or a burst would
                blocked.countDown();
                await(release);
            } else {
                delivered.add(e);
            }
        });
    }

    @AfterEach
    void stop() {
        release.countDown();
        bus.close();
        store.close();
    }

    @Test
    void a_flood_of_device_data_sheds_its_own_oldest_events_and_never_a_registration() throws Exception {
        bus.publish(EventType.GENERIC, null, new GenericData(Map.of(), "exec.now", null));
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
        List<Long> data = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            data.add(bus.publish(EventType.LWM2M_DATA, EndpointRef.of("d"), new RawData(Map.of("i", i))).sequence());
            if (i % 10 == 0) {
                bus.publish(EventType.LWM2M_REGISTER, EndpointRef.of("r" + i), new RawData(Map.of()));
            }
        }
        release.countDown();
        assertThat(bus.awaitIdle(5, TimeUnit.SECONDS)).isTrue();

        List<Event> registers = delivered.stream().filter(e -> e.type() == EventType.LWM2M_REGISTER).toList();
        List<Long> dataDelivered = delivered.stream().filter(e -> e.type() == EventType.LWM2M_DATA)
                .map(Event::sequence).toList();
        assertThat(registers).hasSize(5);
        assertThat(dataDelivered).as("the newest data events are kept").isEqualTo(data.subList(40, 50));
        assertThat(stats.published(EventType.LWM2M_DATA, true)).isEqualTo(40);
        assertThat(stats.published(EventType.LWM2M_REGISTER, true)).isZero();
        assertThat(stats.published(EventType.LWM2M_DATA, false)).isEqualTo(50);
        // registrations waited in their own lane and went out before the data that waited beside them
        assertThat(delivered.subList(0, 5)).allMatch(e -> e.type() == EventType.LWM2M_REGISTER);
        // what was delivered is also in the event log, what was shed is not
        assertThat(log.query(EventType.LWM2M_DATA, null, null, 0, 1000)).hasSize(10);
        assertThat(stats.snapshot().events().get(EventType.LWM2M_DATA))
                .isEqualTo(new PipelineSnapshot.EventCounts(50, 40));
    }

    @Test
    void events_worked_out_on_the_bus_thread_keep_the_order_of_publishing() throws Exception {
        bus.publish(EventType.LWM2M_UPDATE, EndpointRef.of("a"), new RawData(Map.of("n", 1)));
        bus.publishLater(EventType.LWM2M_UPDATE, () -> new EventBus.Parts(EndpointRef.of("a"), new RawData(Map.of("n", 2))));
        bus.publishLater(EventType.LWM2M_UPDATE, () -> {
            throw new IllegalStateException("a broken recipe is logged and skipped");
        });
        bus.publish(EventType.LWM2M_UPDATE, EndpointRef.of("a"), new RawData(Map.of("n", 3)));
        assertThat(bus.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        assertThat(delivered).extracting(e -> EventJson.data(e).get("n")).containsExactly(1, 2, 3);
        assertThat(delivered).extracting(Event::sequence).isSorted();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
