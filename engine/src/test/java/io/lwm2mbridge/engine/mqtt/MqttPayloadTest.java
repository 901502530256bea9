package io.lwm2mbridge.engine.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How an MQTT payload reaches scripts ({@link MqttEvents#payloadValue}): parsed JSON, else text, else bytes. */
class MqttPayloadTest {

    private static Object value(String text) {
        return MqttEvents.payloadValue(text.getBytes(StandardCharsets.UTF_8), 65_536);
    }

    @Test
    void json_is_parsed_whatever_its_top_level_value() {
        assertThat(value("{\"temp\": 21.5, \"ids\": [1, 2]}")).isEqualTo(Map.of("temp", 21.5, "ids", List.of(1, 2)));
        assertThat(value(" [true, null] ")).isEqualTo(java.util.Arrays.asList(true, null));
        assertThat(value("42")).isEqualTo(42);
        assertThat(value("\"quoted\"")).isEqualTo("quoted");
        assertThat(value("false")).isEqualTo(false);
    }

    @Test
    void text_that_is_not_json_stays_text_even_when_it_starts_like_json() {
        assertThat(value("on")).isEqualTo("on");
        assertThat(value("12 apples")).isEqualTo("12 apples");
        assertThat(value("{not json")).isEqualTo("{not json");
        assertThat(value("grüße")).isEqualTo("grüße");
        assertThat(value("")).isEqualTo("");
    }

    @Test
    void bytes_that_are_not_utf8_stay_bytes() {
        byte[] raw = {(byte) 0xff, 0x00, (byte) 0xc3, 0x28};
        assertThat(MqttEvents.payloadValue(raw, 65_536)).isInstanceOf(byte[].class).isEqualTo(raw);
    }

    @Test
    void a_payload_over_the_event_bound_is_not_parsed() {
        String json = "{\"a\": \"" + "x".repeat(100) + "\"}";
        assertThat(MqttEvents.payloadValue(json.getBytes(StandardCharsets.UTF_8), 50)).isEqualTo(json);
    }
}
