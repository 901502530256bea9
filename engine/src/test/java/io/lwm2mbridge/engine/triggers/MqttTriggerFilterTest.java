package io.lwm2mbridge.engine.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.triggers.json.TriggerJson;
import io.lwm2mbridge.engine.events.Event;
import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.events.RawData;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which {@code mqtt-message} and {@code mqtt-result} triggers an MQTT event runs ({@link TriggerFilter}). */
class MqttTriggerFilterTest {

    private static Trigger trigger(String type, String service, String topic, Map<String, Object> custom) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", "t1");
        f.put("name", "t1");
        f.put("filterType", type);
        if (service != null) {
            f.put("filterServiceId", service);
        }
        if (topic != null) {
            f.put("filterTopic", topic);
        }
        if (custom != null) {
            f.put("filterCustom", custom);
        }
        return TriggerJson.parse(f);
    }

    private static Event event(EventType type, String service, String topic, Map<String, Object> data) {
        return new Event(1, Instant.EPOCH, type, null, new RawData(data), Event.Routing.mqtt(service, topic));
    }

    private static Event message(String service, String topic) {
        return event(EventType.MQTT_MESSAGE, service, topic, Map.of("topic", topic, "payload", Map.of("t", 21)));
    }

    @Test
    void a_message_trigger_runs_on_its_service_and_matching_topics_only() {
        Trigger t = trigger("mqtt-message", "broker", "sensors/+/temp", null);
        assertThat(TriggerFilter.matches(t, message("broker", "sensors/a1/temp"))).isTrue();
        assertThat(TriggerFilter.matches(t, message("broker", "sensors/a1/humidity"))).isFalse();
        assertThat(TriggerFilter.matches(t, message("other", "sensors/a1/temp"))).isFalse();
        assertThat(TriggerFilter.matches(t, message(null, "sensors/a1/temp"))).isFalse();
    }

    @Test
    void a_message_trigger_without_its_fields_runs_on_nothing() {
        assertThat(TriggerFilter.matches(trigger("mqtt-message", null, "#", null), message("broker", "a"))).isFalse();
        assertThat(TriggerFilter.matches(trigger("mqtt-message", "broker", null, null), message("broker", "a"))).isFalse();
    }

    @Test
    void filter_custom_still_applies_inside_the_data() {
        Trigger warm = trigger("mqtt-message", "broker", "sensors/#", Map.of("payload.t", Map.of("comp", "eq", "value", "21")));
        Trigger cold = trigger("mqtt-message", "broker", "sensors/#", Map.of("payload.t", Map.of("comp", "eq", "value", "5")));
        assertThat(TriggerFilter.matches(warm, message("broker", "sensors/x"))).isTrue();
        assertThat(TriggerFilter.matches(cold, message("broker", "sensors/x"))).isFalse();
    }

    @Test
    void the_topic_is_matched_from_the_routing_so_a_shortened_data_topic_does_not_matter() {
        Trigger t = trigger("mqtt-message", "broker", "sensors/+/temp", null);
        Event shortened = event(EventType.MQTT_MESSAGE, "broker", "sensors/a1/temp", Map.of("truncated", "..."));
        assertThat(TriggerFilter.matches(t, shortened)).isTrue();
    }

    @Test
    void a_result_trigger_runs_on_every_result_unless_it_narrows_by_service_or_topic() {
        Event result = event(EventType.MQTT_RESULT, "broker", "out/1", Map.of("topic", "out/1", "success", true));
        assertThat(TriggerFilter.matches(trigger("mqtt-result", null, null, null), result)).isTrue();
        assertThat(TriggerFilter.matches(trigger("mqtt-result", "broker", null, null), result)).isTrue();
        assertThat(TriggerFilter.matches(trigger("mqtt-result", "other", null, null), result)).isFalse();
        assertThat(TriggerFilter.matches(trigger("mqtt-result", null, "out/#", null), result)).isTrue();
        assertThat(TriggerFilter.matches(trigger("mqtt-result", null, "in/#", null), result)).isFalse();
        assertThat(TriggerFilter.matches(trigger("mqtt-message", "broker", "#", null), result)).isFalse();
    }
}
