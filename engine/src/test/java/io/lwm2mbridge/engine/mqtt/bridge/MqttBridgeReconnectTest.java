package io.lwm2mbridge.engine.mqtt.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.Mosquitto;
import io.lwm2mbridge.engine.testing.MqttTestClient;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestObject;
import io.lwm2mbridge.engine.testing.TestServer;
import io.lwm2mbridge.scripting.JsonBridge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The broker stopped and started again while a device keeps notifying: the bridge keeps what it could not send,
 * reconnects on its own and delivers it, in order, so a subscriber sees every notification once the broker is back.
 */
class MqttBridgeReconnectTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    @SuppressWarnings("unchecked")
    void notifications_made_while_the_broker_is_down_reach_it_when_it_is_back() throws Exception {
        TestObject.Instance instance = new TestObject.Instance(0);
        try (Mosquitto broker = Mosquitto.anonymous(); TestServer server = TestServer.start()) {
            TestObject.define(server.server());
            Api api = server.api();
            assertThat(api.post("/api/v1/services", Map.of("key", "broker", "type", "mqtt", "uri", broker.uri()))
                    .status()).isEqualTo(201);
            assertThat(api.put("/api/v1/settings", Map.of("mqtt_bridge_service", "broker")).status()).isEqualTo(200);
            await().atMost(WAIT).until(() -> server.server().mqtt().connected("broker"));
            // the subscriber's session outlives the broker's restart: nothing sent after this is missed
            MqttTestClient.resume(broker, "dashboard").subscribe("lwm2m/+/up/data").close();

            try (TestDevice device = TestDevice.named("meter-1").withModels(List.of(TestObject.MODEL))
                    .withInstances(TestObject.ID, instance).start(server.coapUri()).awaitRegistered()) {
                Api.Response observed = api.post("/api/v1/endpoints/meter-1/observe", Map.of("paths", "33000/0/11"));
                assertThat(observed.status()).as(observed.body()).isEqualTo(200);
                for (int v = 1; v <= 3; v++) {
                    notify(server, instance, v);
                }
                broker.stop();
                await().atMost(WAIT).until(() -> !server.server().mqtt().connected("broker"));
                for (int v = 4; v <= 13; v++) {
                    notify(server, instance, v);
                }
                assertThat(server.server().mqtt().status("broker").orElseThrow().get("queued")).isEqualTo(10);
                broker.start();
                await().atMost(WAIT).until(() -> server.server().mqtt().connected("broker"));

                try (MqttTestClient dashboard = MqttTestClient.resume(broker, "dashboard")) {
                    List<Integer> values = new ArrayList<>();
                    await().atMost(WAIT).until(() -> {
                        MqttTestClient.Received r;
                        while ((r = dashboard.received().poll()) != null) {
                            values.add(counter((Map<String, Object>) JsonBridge.fromJson(r.payload())));
                        }
                        return values.size() >= 14;
                    });
                    // 0 (the observe's first answer) and 1-3 while the dashboard was away before the restart, 4-13 kept
                    // by the bridge while the broker was down: all, once, in order
                    assertThat(values).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
                }
                Map<String, Object> status = server.server().mqtt().status("broker").orElseThrow();
                assertThat(status).containsEntry("queued", 0).containsEntry("shed", 0L);
                // the last try while the broker was down
                assertThat(String.valueOf(status.get("lastError"))).contains("Connection refused");
            }
        }
    }

    /** Changes the observed counter and waits until the server has its notification as an event. */
    private static void notify(TestServer server, TestObject.Instance instance, int value) {
        instance.setCounter(value);
        await().atMost(WAIT).until(() -> server.events("lwm2m-data", "meter-1").stream()
                .anyMatch(e -> counter(e) == value));
    }

    /** The counter a data event carries: {@code data.data.bridge_test_33000.0.counter_11}, or -1. */
    @SuppressWarnings("unchecked")
    private static int counter(Map<String, Object> event) {
        Object v = event.get("data");
        for (String step : List.of("data", "bridge_test_33000", "0", "counter_11")) {
            if (!(v instanceof Map<?, ?> m)) {
                return -1;
            }
            v = ((Map<String, Object>) m).get(step);
        }
        return v instanceof Number n ? n.intValue() : -1;
    }
}
