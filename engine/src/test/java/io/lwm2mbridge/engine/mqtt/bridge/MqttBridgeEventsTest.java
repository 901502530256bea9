package io.lwm2mbridge.engine.mqtt.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.events.EndpointRef;
import io.lwm2mbridge.engine.events.Event;
import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.events.RawData;
import io.lwm2mbridge.engine.events.json.EventJson;
import io.lwm2mbridge.engine.mqtt.InboundMessage;
import io.lwm2mbridge.engine.mqtt.MqttException;
import io.lwm2mbridge.engine.mqtt.MqttPublisher;
import io.lwm2mbridge.engine.mqtt.OutboundMessage;
import io.lwm2mbridge.engine.store.MemoryKeyValueStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge without a broker: which events it publishes where, what its settings accept, when it tells the
 * connections its topics changed, and that a failing publish is counted rather than thrown on the bus thread.
 */
class MqttBridgeEventsTest {

    private record Sent(String service, OutboundMessage message) {
        String payload() {
            return new String(message.payload(), StandardCharsets.UTF_8);
        }
    }

    private final Settings settings = new Settings(new MemoryKeyValueStore());
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger interestChanges = new AtomicInteger();
    private MqttPublisher publisher = (service, message) -> {
        sent.add(new Sent(service, message));
        return CompletableFuture.completedFuture(null);
    };
    private MqttBridge bridge;

    private MqttBridge bridge() {
        bridge = new MqttBridge(settings, (s, m) -> publisher.publish(s, m), null, interestChanges::incrementAndGet);
        settings.addListener(s -> bridge.settingsChanged());
        return bridge;
    }

    @AfterEach
    void close() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private static Event event(EventType type, String endpoint) {
        return new Event(42, Instant.parse("2025-01-02T03:04:05Z"), type, endpoint == null ? null : EndpointRef.of(endpoint),
                new RawData(Map.of("source", "notify", "data", Map.of("device_3", Map.of("0", Map.of("manufacturer_0", "Acme"))))));
    }

    @Test
    void the_bridge_is_off_by_default_and_publishes_nothing() {
        assertThat(settings.string(Settings.MQTT_BRIDGE_SERVICE)).isEmpty();
        assertThat(settings.string(Settings.MQTT_BRIDGE_PREFIX)).isEqualTo("lwm2m");
        MqttBridge b = bridge();
        b.onEvent(event(EventType.LWM2M_REGISTER, "dev1"));
        assertThat(sent).isEmpty();
        assertThat(b.topicFilters("broker")).isEmpty();
        assertThat(b.snapshot()).containsEntry("on", false);
    }

    @Test
    void device_events_go_to_prefix_endpoint_up_type_as_the_event_json_at_qos_1_not_retained() {
        settings.update(Map.of(Settings.MQTT_BRIDGE_SERVICE, "broker"));
        MqttBridge b = bridge();
        Event data = event(EventType.LWM2M_DATA, "dev1");
        b.onEvent(data);
        b.onEvent(event(EventType.LWM2M_REGISTER, "dev1"));
        b.onEvent(event(EventType.LWM2M_FIRMWARE_UPDATE_COMPLETE, "dev1"));
        assertThat(sent).extracting(Sent::service).containsOnly("broker");
        assertThat(sent).extracting(s -> s.message().topic())
                .containsExactly("lwm2m/dev1/up/data", "lwm2m/dev1/up/register", "lwm2m/dev1/up/firmware-update-complete");
        assertThat(sent.get(0).payload()).isEqualTo(EventJson.text(data));
        assertThat(sent).allSatisfy(s -> {
            assertThat(s.message().qos()).isEqualTo(1);
            assertThat(s.message().retain()).isFalse();
        });
        assertThat(b.snapshot()).containsEntry("on", true).containsEntry("published", 3L);
    }

    @Test
    void every_device_event_type_is_published_and_the_others_are_not() {
        settings.update(Map.of(Settings.MQTT_BRIDGE_SERVICE, "broker"));
        MqttBridge b = bridge();
        for (EventType type : EventType.values()) {
            b.onEvent(event(type, "dev1"));
        }
        b.onEvent(event(EventType.LWM2M_REGISTER, null));
        assertThat(sent).extracting(s -> s.message().topic()).containsExactly("lwm2m/dev1/up/register",
                "lwm2m/dev1/up/update", "lwm2m/dev1/up/deregister", "lwm2m/dev1/up/missing", "lwm2m/dev1/up/data",
                "lwm2m/dev1/up/result", "lwm2m/dev1/up/error", "lwm2m/dev1/up/firmware-update-status",
                "lwm2m/dev1/up/firmware-update-complete");
    }

    @Test
    void an_endpoint_name_with_topic_characters_is_percent_encoded_in_the_topic() {
        settings.update(Map.of(Settings.MQTT_BRIDGE_SERVICE, "broker"));
        bridge().onEvent(event(EventType.LWM2M_REGISTER, "meter+7"));
        assertThat(sent).extracting(s -> s.message().topic()).containsExactly("lwm2m/meter%2B7/up/register");
    }

    @Test
    void settings_changes_move_the_bridge_and_tell_the_connections_only_when_its_topics_change() {
        MqttBridge b = bridge();
        settings.update(Map.of(Settings.MQTT_BRIDGE_SERVICE, "broker"));
        assertThat(interestChanges).hasValue(1);
        assertThat(b.topicFilters("broker")).isEqualTo(Set.of("lwm2m/+/dn/+"));
        assertThat(b.topicFilters("other")).isEmpty();

        settings.update(Map.of(Settings.EVENTS_KEPT, 5000));
        assertThat(interestChanges).as("an unrelated setting").hasValue(1);

        settings.update(Map.of(Settings.MQTT_BRIDGE_PREFIX, "acme/site-2"));
        assertThat(interestChanges).hasValue(2);
        assertThat(b.topicFilters("broker")).isEqualTo(Set.of("acme/site-2/+/dn/+"));
        b.onEvent(event(EventType.LWM2M_UPDATE, "dev1"));
        assertThat(sent).extracting(s -> s.message().topic()).containsExactly("acme/site-2/dev1/up/update");

        settings.update(Map.of(Settings.MQTT_BRIDGE_SERVICE, "other"));
        assertThat(b.topicFilters("broker")).isEmpty();
        assertThat(b.topicFilters("other")).isEqualTo(Set.of("acme/site-2/+/dn/+"));

        settings.update(Map.of(Settings.MQTT_BRIDGE_SERVICE, ""));
        assertThat(interestChanges).hasValue(4);
        assertThat(b.topicFilters("other")).isEmpty();
        b.onEvent(event(EventType.LWM2M_UPDATE, "dev1"));
        assertThat(sent).hasSize(1);
    }

    @Test
    void the_prefix_must_be_a_topic_name_without_wildcards() {
        for (String bad : List.of("", "a/+", "#", "lwm2m/#", "$SYS/x", "lwm2m/", "a\0b")) {
            assertThatThrownBy(() -> settings.update(Map.of(Settings.MQTT_BRIDGE_PREFIX, bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("mqtt_bridge_prefix must ");
        }
        assertThatThrownBy(() -> settings.update(Map.of(Settings.MQTT_BRIDGE_PREFIX, "x".repeat(201))))
                .hasMessageContaining("at most 200");
        assertThat(settings.string(Settings.MQTT_BRIDGE_PREFIX)).isEqualTo("lwm2m");
        settings.update(Map.of(Settings.MQTT_BRIDGE_PREFIX, "acme/site 2/lwm2m"));
        assertThat(settings.string(Settings.MQTT_BRIDGE_PREFIX)).isEqualTo("acme/site 2/lwm2m");
    }

    @Test
    void a_failing_publish_is_counted_and_never_thrown_on_the_bus_thread() {
        settings.update(Map.of(Settings.MQTT_BRIDGE_SERVICE, "broker"));
        publisher = (service, message) -> CompletableFuture.failedFuture(
                new MqttException(MqttException.Reason.UNKNOWN_SERVICE, "no MQTT service 'broker'"));
        MqttBridge b = bridge();
        b.onEvent(event(EventType.LWM2M_REGISTER, "dev1"));
        publisher = (service, message) -> {
            throw new IllegalStateException("refused at once");
        };
        b.onEvent(event(EventType.LWM2M_REGISTER, "dev1"));
        assertThat(b.snapshot()).containsEntry("publishFailed", 2L).containsEntry("published", 0L);
    }

    @Test
    void requests_from_other_services_other_topics_or_retained_are_not_run() {
        settings.update(Map.of(Settings.MQTT_BRIDGE_SERVICE, "broker"));
        MqttBridge b = bridge();
        byte[] read = "{\"reqId\": 1, \"paths\": \"3/0/0\"}".getBytes(StandardCharsets.UTF_8);
        b.onMessage(new InboundMessage("other", "lwm2m/dev1/dn/read", read, 1, false, null));
        b.onMessage(new InboundMessage("broker", "lwm2m/dev1/up/resp", read, 1, false, null));
        b.onMessage(new InboundMessage("broker", "elsewhere/dev1/dn/read", read, 1, false, null));
        assertThat(b.snapshot()).containsEntry("requests", 0L);
        // a retained request would run again at every new subscription: it is counted and left alone
        b.onMessage(new InboundMessage("broker", "lwm2m/dev1/dn/read", read, 1, true, null));
        assertThat(b.snapshot()).containsEntry("requests", 1L).containsEntry("ignored", 1L).containsEntry("answered", 0L);
        assertThat(sent).isEmpty();
    }
}
