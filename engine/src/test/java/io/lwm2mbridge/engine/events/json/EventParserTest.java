package io.lwm2mbridge.engine.events.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lwm2mbridge.engine.events.BootstrapData;
import io.lwm2mbridge.engine.events.EmptyData;
import io.lwm2mbridge.engine.events.EndpointRef;
import io.lwm2mbridge.engine.events.Event;
import io.lwm2mbridge.engine.events.EventType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An event back from the view {@code GET /events} shows, or one an API caller wrote for a trial. */
class EventParserTest {

    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

    @Test
    void a_whole_view_comes_back_as_the_event_it_shows() {
        Event published = new Event(7, NOW, EventType.LWM2M_BOOTSTRAP,
                new EndpointRef("dev-1", "Device 1", Map.of("site", "a"), Map.of()),
                new BootstrapData("1.1", "10.0.0.1:5684"));
        Event back = EventParser.parse(EventJson.view(published), null, Instant.EPOCH);
        assertThat(back.payload()).isEqualTo(published.payload());
        assertThat(EventJson.text(back)).isEqualTo(EventJson.text(published));
    }

    @Test
    void what_the_view_leaves_out_is_filled_in() {
        Event e = EventParser.parse(Map.of("endpoint", "dev-1"), EventType.CRON_EVENT, NOW);
        assertThat(e.sequence()).isZero();
        assertThat(e.ts()).isEqualTo(NOW);
        assertThat(e.type()).isEqualTo(EventType.CRON_EVENT);
        assertThat(e.endpoint()).isEqualTo(EndpointRef.of("dev-1"));
        assertThat(e.payload()).isEqualTo(EmptyData.INSTANCE);
        assertThat(EventJson.data(EventParser.parse(Map.of("type", "generic", "data", Map.of("x", 1)), null, NOW)))
                .isEqualTo(Map.of("x", 1));
    }

    @Test
    void a_field_of_the_wrong_shape_is_refused_in_words() {
        assertThatThrownBy(() -> EventParser.parse(Map.of(), null, NOW)).hasMessage("give the event's type");
        assertThatThrownBy(() -> EventParser.parse(Map.of("type", "nope"), null, NOW))
                .hasMessage("unknown event type 'nope'");
        assertThatThrownBy(() -> EventParser.parse(Map.of("id", "x"), EventType.GENERIC, NOW))
                .hasMessage("event.id must be an event id (a number), not 'x'");
        assertThatThrownBy(() -> EventParser.parse(Map.of("ts", "yesterday"), EventType.GENERIC, NOW))
                .hasMessage("event.ts must be an ISO-8601 time, not 'yesterday'");
        assertThatThrownBy(() -> EventParser.parse(Map.of("endpoint", 3), EventType.GENERIC, NOW))
                .hasMessage("event.endpoint must be {key, name, tags} or the endpoint key");
        assertThatThrownBy(() -> EventParser.parse(Map.of("endpoint", Map.of("name", "n")), EventType.GENERIC, NOW))
                .hasMessage("event.endpoint.key must be the endpoint key");
        assertThatThrownBy(() -> EventParser.parse(Map.of("data", "x"), EventType.GENERIC, NOW))
                .hasMessage("event.data must be an object");
    }
}
