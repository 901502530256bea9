package io.lwm2mbridge.engine.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lwm2mbridge.engine.events.json.EventJson;
import io.lwm2mbridge.engine.limits.JsonSize;
import io.lwm2mbridge.engine.store.EmbeddedStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Event data that arrives larger than {@code event_data_max_bytes} (a device's, which nothing can refuse)
 * is shortened on the bus before any subscriber sees it or it is stored; events stored larger before are
 * shortened when read, in pages bounded by bytes.
 */
class EventDataBoundTest {

    private static final long MAX = 65_536;

    private EmbeddedStore store;
    private EventLog log;
    private EventBus bus;
    private final List<Event> delivered = Collections.synchronizedList(new ArrayList<>());
    private long dataMax = MAX;

    @BeforeEach
    void start() throws Exception {
        Path dir = Files.createTempDirectory("bound-test-");
        store = new EmbeddedStore(dir, new ObjectMapper());
        log = new EventLog(store.log("events"), () -> 100_000, () -> dataMax);
        bus = new EventBus(log, EventJson::write, Clock.systemUTC(), new PipelineStats(Clock.systemUTC()), () -> 1000, () -> dataMax);
        bus.subscribe(delivered::add);
    }

    @AfterEach
    void stop() {
        bus.close();
        store.close();
    }

    @Test
    void device_data_over_the_bound_is_shortened_before_triggers_see_it_or_it_is_stored() throws Exception {
        String opaque = "ab".repeat(500_000);
        bus.publish(EventType.LWM2M_DATA, EndpointRef.of("dev-1"), new DeviceData("notify", "/3/0/100",
                Map.of("3", Map.of("0", Map.of("100", opaque))), "name", Map.of("job", 7), null));
        bus.publish(EventType.LWM2M_DATA, EndpointRef.of("dev-1"), new RawData(Map.of("source", "notify", "small", true)));
        assertThat(bus.awaitIdle(10, TimeUnit.SECONDS)).isTrue();

        Event shortened = delivered.get(0);
        assertThat(JsonSize.of(EventJson.data(shortened))).isLessThanOrEqualTo(MAX);
        assertThat(EventJson.data(shortened)).containsEntry("source", "notify").containsEntry("context", Map.of("job", 7));
        assertThat(String.valueOf(EventJson.data(shortened).get("data"))).contains("...[truncated: 1000000 characters]");
        assertThat(EventJson.data(delivered.get(1))).isEqualTo(Map.of("source", "notify", "small", true));

        List<Map<String, Object>> stored = log.query(EventType.LWM2M_DATA, "dev-1", null, 0, 10);
        assertThat(stored).hasSize(2);
        assertThat(JsonSize.of(stored.get(0))).isLessThan(MAX + 1024);
        assertThat(stored.get(0).get("id")).isEqualTo(shortened.id());
    }

    @Test
    void events_stored_larger_are_shortened_when_read_and_pages_stay_within_their_bytes() throws Exception {
        dataMax = 16L * 1024 * 1024; // as an older version stored them: whole
        for (int i = 0; i < 6; i++) {
            bus.publish(EventType.GENERIC, null,
                    new GenericData(Map.of("n", i, "blob", "z".repeat(3_000_000)), "exec.now", null));
        }
        assertThat(bus.awaitIdle(30, TimeUnit.SECONDS)).isTrue();
        dataMax = MAX;

        var newest = log.newest(EventType.GENERIC, null, null, 0, 100, 4L * 1024 * 1024);
        assertThat(newest.items()).hasSize(6);
        assertThat(JsonSize.of(newest.items())).isLessThanOrEqualTo(4L * 1024 * 1024);
        assertThat(newest.items()).allSatisfy(e -> assertThat(JsonSize.of(e.get("data"))).isLessThanOrEqualTo(MAX));

        // pages of at most 100 000 bytes hold one shortened event each; walking the cursor reads all six in order
        List<Object> seen = new ArrayList<>();
        long cursor = 0;
        int pages = 0;
        while (true) {
            var page = log.after(EventType.GENERIC, null, null, cursor, 100, 100_000);
            if (page.items().isEmpty()) {
                break;
            }
            pages++;
            assertThat(JsonSize.of(page.items())).isLessThanOrEqualTo(100_000);
            page.items().forEach(e -> seen.add(((Map<?, ?>) ((Map<?, ?>) e.get("data")).get("data")).get("n")));
            cursor = page.last();
        }
        assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(pages).isEqualTo(6);
    }
}
