package io.lwm2mbridge.engine.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lwm2mbridge.engine.events.json.EventJson;
import io.lwm2mbridge.engine.events.json.EventParser;
import io.lwm2mbridge.engine.store.EmbeddedStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The event log stores events as the JSON they always were and reads them back, after a restart, into
 * their payload records; an entry in a shape this version does not write still loads, whole.
 */
class EventLogReloadTest {

    private static final Instant T = Instant.parse("2025-01-02T03:04:05Z");

    @Test
    void events_are_stored_as_before_and_reload_into_their_records() throws Exception {
        Path dir = Files.createTempDirectory("event-log-test-");
        List<String> stored = new ArrayList<>();
        try (EmbeddedStore store = new EmbeddedStore(dir, new ObjectMapper())) {
            EventLog log = new EventLog(store.log("events"), () -> 1000);
            try (EventBus bus = new EventBus(log, EventJson::write, Clock.fixed(T, ZoneOffset.UTC), new PipelineStats(Clock.systemUTC()),
                    () -> 100)) {
                bus.publish(EventType.LWM2M_MISSING, EndpointRef.of("dev-1"), new MissingData(T.minusSeconds(60)));
                bus.publish(EventType.LWM2M_DEREGISTER, EndpointRef.of("dev-1"), new DeregistrationData(false, "r1"));
                bus.publish(EventType.MQTT_RESULT, null, new MqttResultData("a/b", null, Map.of("n", 1)));
                assertThat(bus.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
            }
            store.log("events").scanJson(0, true, (seq, json) -> stored.add(json));
        }
        assertThat(stored).containsExactly(
                "{\"id\":\"1\",\"ts\":\"2025-01-02T03:04:05Z\",\"type\":\"lwm2m-missing\",\"endpoint\":{\"key\":\"dev-1\","
                        + "\"name\":\"dev-1\",\"tags\":{},\"statusDetails\":{}},\"data\":{\"lastSeen\":\"2025-01-02T03:03:05Z\"}}",
                "{\"id\":\"2\",\"ts\":\"2025-01-02T03:04:05Z\",\"type\":\"lwm2m-deregister\",\"endpoint\":{\"key\":\"dev-1\","
                        + "\"name\":\"dev-1\",\"tags\":{},\"statusDetails\":{}},\"data\":{\"reason\":\"deregistered\","
                        + "\"session\":\"r1\"}}",
                "{\"id\":\"3\",\"ts\":\"2025-01-02T03:04:05Z\",\"type\":\"mqtt-result\",\"endpoint\":null,"
                        + "\"data\":{\"topic\":\"a/b\",\"success\":true,\"error\":null,\"context\":{\"n\":1}}}");

        try (EmbeddedStore store = new EmbeddedStore(dir, new ObjectMapper())) {
            EventLog log = new EventLog(store.log("events"), () -> 1000);
            assertThat(event(log, 1).orElseThrow().payload()).isEqualTo(new MissingData(T.minusSeconds(60)));
            assertThat(event(log, 2).orElseThrow().payload()).isEqualTo(new DeregistrationData(false, "r1"));
            Event result = event(log, 3).orElseThrow();
            assertThat(result.payload()).isInstanceOf(MqttResultData.class);
            assertThat(EventJson.text(result)).isEqualTo(stored.get(2));
            assertThat(event(log, 4)).isEmpty();
        }
    }

    @Test
    void an_entry_in_a_foreign_shape_loads_whole_and_an_unknown_type_is_refused_in_words() throws Exception {
        Path dir = Files.createTempDirectory("event-log-test-");
        String foreign = "{\"id\":\"1\",\"ts\":\"2020-01-01T00:00:00Z\",\"type\":\"lwm2m-register\",\"endpoint\":"
                + "{\"key\":\"old\",\"name\":\"old\",\"tags\":{},\"statusDetails\":{}},\"data\":{\"binding\":\"U\","
                + "\"lifetime\":\"forever\",\"legacy\":[1,2]}}";
        String unknownType = "{\"id\":\"2\",\"ts\":\"2020-01-01T00:00:00Z\",\"type\":\"lwm2m-teleport\","
                + "\"endpoint\":null,\"data\":{}}";
        try (EmbeddedStore store = new EmbeddedStore(dir, new ObjectMapper())) {
            store.log("events").putJson(1, foreign);
            store.log("events").putJson(2, unknownType);
            EventLog log = new EventLog(store.log("events"), () -> 1000);
            Event old = event(log, 1).orElseThrow();
            assertThat(old.payload()).isInstanceOf(RawData.class);
            assertThat(EventJson.text(old)).isEqualTo(foreign);
            assertThat(log.query(null, null, null, 0, 10)).hasSize(2);
            assertThatThrownBy(() -> event(log, 2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown event type 'lwm2m-teleport'");
        }
    }

    /** The stored event read back, as {@code POST /triggers/{name}/try} reads it. */
    private static Optional<Event> event(EventLog log, long sequence) {
        return log.stored(sequence).map(view -> EventParser.parse(view, null, Instant.EPOCH));
    }
}
