package io.lwm2mbridge.engine.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.Mosquitto;
import io.lwm2mbridge.engine.testing.MqttTestClient;
import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestObject;
import io.lwm2mbridge.engine.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * MQTT from scripts against a real mosquitto broker and a real server: {@code mqtt.publish} (synchronous,
 * asynchronous with its {@code mqtt-result}, argument checks, failures), and {@code mqtt-message} triggers
 * (service and topic filter, payload as JSON, text or bytes, subscriptions following the triggers), one of
 * which writes what a message says to a real Leshan device.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MqttScriptTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Mosquitto broker;
    private TestServer server;
    private Scripts scripts;
    private Api api;
    private TestDevice device;
    private final TestObject.Instance instance = new TestObject.Instance(0);

    @BeforeAll
    void start() {
        broker = Mosquitto.anonymous();
        server = TestServer.start();
        scripts = new Scripts(server);
        api = server.api();
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("key", "broker");
        service.put("type", "mqtt");
        service.put("uri", broker.uri());
        service.put("clientId", "bridge-scripts");
        Api.Response created = api.post("/api/v1/services", service);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        await().atMost(WAIT).until(() -> "connected".equals(status().get("state")));
        TestObject.define(server.server());
        device = TestDevice.named("mq-dev").withModels(List.of(TestObject.MODEL))
                .withInstances(TestObject.ID, instance).start(server.coapUri()).awaitRegistered();
    }

    @AfterAll
    void stop() {
        if (device != null) {
            device.close();
        }
        if (server != null) {
            server.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> status() {
        Object s = api.get("/api/v1/services/broker").map().get("status");
        return s instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Whether the service's connection is subscribed to {@code filter}, as its status says. */
    private boolean subscribed(String filter) {
        Object subscriptions = status().get("subscriptions");
        return subscriptions instanceof java.util.Collection<?> c ? c.contains(filter)
                : subscriptions instanceof Map<?, ?> m && m.containsKey(filter);
    }

    private String createMessageTrigger(String name, String topic, String script) {
        return createMessageTrigger(name, topic, script, topic);
    }

    /** Creates an mqtt-message trigger and waits until the service is subscribed to {@code subscription}. */
    private String createMessageTrigger(String name, String topic, String script, String subscription) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", name);
        t.put("filterType", "mqtt-message");
        t.put("filterServiceId", "broker");
        t.put("filterTopic", topic);
        t.put("def", script);
        Api.Response r = api.post("/api/v1/triggers", t);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        await().atMost(WAIT).until(() -> subscribed(subscription));
        return (String) r.map().get("id");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> logEntry) {
        return (Map<String, Object>) logEntry.get("data");
    }

    // ---- mqtt.publish

    @Test
    void a_synchronous_publish_sends_objects_as_json_and_strings_as_utf8() {
        try (MqttTestClient subscriber = MqttTestClient.connect(broker).subscribe("out/sync/#", 2)) {
            Object returned = scripts.value("""
                    var r = mqtt.publish('broker', 'out/sync/object', {temp: 21.5, ok: true});
                    mqtt.publish('broker', 'out/sync/text', 'grüße, not JSON');
                    mqtt.publish('broker', 'out/sync/number', 42);
                    return r === undefined || r === null;
                    """);
            assertThat(returned).isEqualTo(true);
            // returned only once the broker acknowledged: the messages are there to be received
            assertThat(subscriber.next(WAIT).payload()).isEqualTo("{\"temp\":21.5,\"ok\":true}");
            MqttTestClient.Received text = subscriber.next(WAIT);
            assertThat(text.topic()).isEqualTo("out/sync/text");
            assertThat(text.bytes()).isEqualTo("grüße, not JSON".getBytes(StandardCharsets.UTF_8));
            assertThat(subscriber.next(WAIT).payload()).isEqualTo("42");
        }
    }

    @Test
    void bytes_are_sent_as_they_are() {
        try (MqttTestClient subscriber = MqttTestClient.connect(broker).subscribe("out/bytes", 1)) {
            scripts.value("mqtt.publish('broker', 'out/bytes', convert.hexToBin('ff00c328')); return null;");
            assertThat(subscriber.next(WAIT).bytes()).containsExactly(0xff, 0x00, 0xc3, 0x28);
        }
    }

    @Test
    void qos_0_1_and_2_are_each_delivered_at_the_qos_asked_for() {
        try (MqttTestClient subscriber = MqttTestClient.connect(broker).subscribe("out/qos/#", 2)) {
            scripts.value("""
                    mqtt.publish('broker', 'out/qos/0', 'a', {qos: 0});
                    mqtt.publish('broker', 'out/qos/1', 'b');
                    mqtt.publish('broker', 'out/qos/2', 'c', {qos: 2});
                    return null;
                    """);
            Map<String, Integer> qos = new LinkedHashMap<>();
            for (int i = 0; i < 3; i++) {
                MqttTestClient.Received m = subscriber.next(WAIT);
                qos.put(m.topic(), m.qos());
            }
            assertThat(qos).isEqualTo(Map.of("out/qos/0", 0, "out/qos/1", 1, "out/qos/2", 2));
        }
    }

    @Test
    void retain_keeps_the_message_for_later_subscribers_and_an_empty_payload_clears_it() {
        scripts.value("""
                mqtt.publish('broker', 'out/plain', 'not kept');
                mqtt.publish('broker', 'out/kept', {v: 1}, {retain: true});
                return null;
                """);
        try (MqttTestClient later = MqttTestClient.connect(broker).subscribe("out/plain", 1).subscribe("out/kept", 1)) {
            // a retained out/plain would come first: the broker sends it on the first subscription
            MqttTestClient.Received kept = later.next(WAIT);
            assertThat(kept.topic()).isEqualTo("out/kept");
            assertThat(kept.retained()).isTrue();
            assertThat(kept.payload()).isEqualTo("{\"v\":1}");
        }
        scripts.value("mqtt.publish('broker', 'out/kept', null, {retain: true}); return null;");
        try (MqttTestClient after = MqttTestClient.connect(broker).subscribe("out/kept", 1)) {
            scripts.value("mqtt.publish('broker', 'out/kept', 'live'); return null;");
            MqttTestClient.Received first = after.next(WAIT);
            assertThat(first.payload()).as("the retained message was cleared").isEqualTo("live");
            assertThat(first.retained()).isFalse();
        }
    }

    @Test
    void bad_arguments_throw_type_and_range_errors_and_send_nothing() {
        assertThat(scripts.error("mqtt.publish('broker', 'out/+/x', 'p');"))
                .containsEntry("name", "TypeError").extractingByKey("message").asString()
                .startsWith("mqtt.publish: ").contains("wildcard");
        assertThat(scripts.error("mqtt.publish('broker', 'out/x', 'p', {qos: 3});"))
                .containsEntry("name", "RangeError").extractingByKey("message").asString().contains("qos must be 0, 1 or 2");
        assertThat(scripts.error("mqtt.publish('broker', 'out/x', 'p', {qos: 'high'});"))
                .containsEntry("name", "TypeError");
        assertThat(scripts.error("mqtt.publish('broker', 'out/x', function () {});"))
                .containsEntry("name", "TypeError").extractingByKey("message").asString().contains("payload");
        assertThat(scripts.error("mqtt.publish('broker', 42, 'p');")).containsEntry("name", "TypeError");
        assertThat(scripts.error("mqtt.publish('', 'out/x', 'p');")).containsEntry("name", "TypeError");
        assertThat(scripts.error("mqtt.publish('broker', 'out/x', 'p', 'fast');")).containsEntry("name", "TypeError");
        assertThat(scripts.error("mqtt.publish('broker', 'out/x', 'p', {retain: 'yes'});")).containsEntry("name", "TypeError");
        assertThat(scripts.error("mqtt.publish('broker', 'out/x', 'p', {async: true, context: 'x'.repeat(70000)});"))
                .containsEntry("name", "RangeError").extractingByKey("message").asString().contains("event_data_max_bytes");
    }

    @Test
    void publishing_to_an_unknown_service_fails_the_run_with_the_line_of_the_call() {
        String id = server.createGeneric("publish-unknown", "publish-unknown", "var x = 1;\nmqtt.publish('nope', 'a/b', 'p');");
        api.post("/api/v1/generic/publish-unknown", Map.of());
        await().atMost(WAIT).until(() -> !api.get("/api/v1/triggers/" + id + "/errors").items().isEmpty());
        Map<String, Object> error = api.get("/api/v1/triggers/" + id + "/errors").items().get(0);
        assertThat((String) error.get("message"))
                .contains("mqtt.publish: no MQTT service 'nope' (define it under /api/v1/services)");
        assertThat(error.get("line")).isEqualTo(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_async_publish_with_a_context_ends_in_an_mqtt_result_with_that_context() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", "on-mqtt-result");
        t.put("filterType", "mqtt-result");
        t.put("def", "log.info('mqtt-result', event.data);");
        assertThat(api.post("/api/v1/triggers", t).status()).isEqualTo(201);
        try (MqttTestClient subscriber = MqttTestClient.connect(broker).subscribe("out/async", 1)) {
            Object returned = scripts.value("""
                    return mqtt.publish('broker', 'out/async', {n: 1}, {async: true, context: {job: 7}});
                    """);
            assertThat(returned).isNull();
            assertThat(subscriber.next(WAIT).payload()).isEqualTo("{\"n\":1}");
        }
        scripts.value("mqtt.publish('nope', 'out/async', 'x', {async: true, context: 'failed-one'}); return null;");

        await().atMost(WAIT).until(() -> server.logs("mqtt-result").size() >= 2);
        List<Map<String, Object>> results = server.logs("mqtt-result").stream().map(MqttScriptTest::data).toList();
        Map<String, Object> ok = results.stream().filter(d -> Map.of("job", 7).equals(d.get("context"))).findFirst()
                .orElseThrow();
        assertThat(ok).containsEntry("topic", "out/async").containsEntry("success", true).containsEntry("error", null);
        Map<String, Object> failed = results.stream().filter(d -> "failed-one".equals(d.get("context"))).findFirst()
                .orElseThrow();
        assertThat(failed).containsEntry("success", false);
        assertThat((String) failed.get("error")).contains("no MQTT service 'nope'");
        // as the event log keeps them, with no endpoint
        assertThat(server.events("mqtt-result", null)).extracting(e -> ((Map<String, Object>) e.get("data")).get("context"))
                .contains(Map.of("job", 7), "failed-one");
    }

    @Test
    void an_async_publish_without_a_context_that_fails_is_written_to_the_run_log() {
        String id = server.createGeneric("fire-and-forget", "fire-and-forget",
                "mqtt.publish('nope', 'a/b', 'p', {async: true}); log.info('returned at once');");
        api.post("/api/v1/generic/fire-and-forget", Map.of());
        await().atMost(WAIT).until(() -> !server.logs(e -> "error".equals(e.get("level"))
                && String.valueOf(e.get("message")).contains("mqtt.publish (async) failed")).isEmpty());
        Map<String, Object> line = server.logs(e -> String.valueOf(e.get("message")).contains("(async) failed")).get(0);
        assertThat((String) line.get("message")).contains("no MQTT service 'nope'");
        assertThat(server.logs("returned at once")).hasSize(1);
        assertThat(api.get("/api/v1/triggers/" + id + "/errors").items()).as("the run itself did not fail").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_dry_run_records_the_publish_and_sends_nothing() {
        String id = server.createGeneric("try-publish", "try-publish",
                "mqtt.publish('broker', 'out/try', {from: 'try'});");
        try (MqttTestClient subscriber = MqttTestClient.connect(broker).subscribe("out/try", 1)) {
            Map<String, Object> event = Map.of("type", "generic", "data", Map.of());
            Map<String, Object> answer = api.post("/api/v1/triggers/" + id + "/try", Map.of("event", event)).map();
            assertThat(answer.get("error")).isNull();
            List<Map<String, Object>> calls = (List<Map<String, Object>>) answer.get("calls");
            assertThat(calls).singleElement().satisfies(c -> {
                assertThat(c.get("fn")).isEqualTo("mqtt.publish");
                assertThat(c.get("done")).isEqualTo(false);
            });
            Map<String, Object> badTry = api.post("/api/v1/triggers/" + id + "/try",
                    Map.of("event", event, "def", "mqtt.publish('broker', 'out/#', 'x');")).map();
            assertThat(String.valueOf(((Map<String, Object>) badTry.get("error")).get("message"))).contains("wildcard");
            // the first message the subscriber sees is a real one sent after the trials
            scripts.value("mqtt.publish('broker', 'out/try', 'real'); return null;");
            assertThat(subscriber.next(WAIT).payload()).isEqualTo("real");
        }
    }

    // ---- mqtt-message triggers

    @Test
    void a_message_trigger_runs_on_matching_topics_only_and_writes_what_it_says_to_a_device() {
        // a wider trigger on the same service: messages on other sensors/ topics do arrive, and must be filtered
        createMessageTrigger("every-sensor", "sensors/#", "log.info('sensor-in', {topic: event.data.topic});");
        createMessageTrigger("temp-to-device", "sensors/+/temp", """
                log.info('temp-in', {topic: event.data.topic, payload: event.data.payload, qos: event.data.qos,
                    retain: event.data.retain, endpoint: event.endpoint});
                lwm2m.write('mq-dev', '33000/0/0', 'temp ' + event.data.payload.temp, {async: false});
                """, "sensors/#");
        try (MqttTestClient other = MqttTestClient.connect(broker)) {
            other.publish("sensors/a1/humidity", "{\"temp\": 1}", 1);
            other.publish("sensors/a1/temp/extra", "{\"temp\": 2}", 1);
            other.publish("elsewhere/a1/temp", "{\"temp\": 3}", 1);
            other.publish("sensors/a1/temp", "{\"temp\": 21.5}", 1);
            await().atMost(WAIT).until(() -> server.logs("sensor-in").size() == 3 && server.logs("temp-in").stream()
                    .anyMatch(r -> "sensors/a1/temp".equals(data(r).get("topic"))));
        }
        assertThat(server.logs("sensor-in")).extracting(r -> data(r).get("topic"))
                .containsExactlyInAnyOrder("sensors/a1/humidity", "sensors/a1/temp/extra", "sensors/a1/temp");
        // one subscription covers both triggers: a second, overlapping one would bring every message twice
        assertThat(status().get("subscriptions")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .contains("sensors/#").doesNotContain("sensors/+/temp");
        List<Map<String, Object>> runs = server.logs("temp-in");
        assertThat(runs).extracting(r -> data(r).get("topic")).containsExactly("sensors/a1/temp");
        await().atMost(WAIT).until(() -> "temp 21.5".equals(instance.value(TestObject.TEXT)));
        Map<String, Object> seen = data(runs.get(0));
        assertThat(seen.get("payload")).isEqualTo(Map.of("temp", 21.5));
        assertThat(seen).containsEntry("qos", 1).containsEntry("retain", false).containsEntry("endpoint", null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void payloads_arrive_as_json_text_or_bytes() {
        createMessageTrigger("payload-kinds", "kinds/#", """
                var p = event.data.payload;
                log.info('kind', {topic: event.data.topic, bytes: p instanceof Uint8Array,
                    hex: p instanceof Uint8Array ? convert.binToHex(p) : null, type: typeof p, value: p});
                """);
        try (MqttTestClient publisher = MqttTestClient.connect(broker)) {
            publisher.publish("kinds/json", "[1, 2]".getBytes(StandardCharsets.UTF_8), 1);
            publisher.publish("kinds/text", "on".getBytes(StandardCharsets.UTF_8), 1);
            publisher.publish("kinds/bytes", new byte[] {(byte) 0xff, 0x00, (byte) 0xc3, 0x28}, 1);
        }
        await().atMost(WAIT).until(() -> server.logs("kind").size() >= 3);
        Map<Object, Map<String, Object>> byTopic = new LinkedHashMap<>();
        server.logs("kind").forEach(l -> byTopic.put(data(l).get("topic"), data(l)));
        assertThat(byTopic.get("kinds/json").get("value")).isEqualTo(List.of(1, 2));
        assertThat(byTopic.get("kinds/text")).containsEntry("type", "string").containsEntry("value", "on");
        assertThat(byTopic.get("kinds/bytes")).containsEntry("bytes", true).containsEntry("hex", "ff00c328");
        // the event log keeps bytes as every API answer does
        Map<String, Object> stored = server.events("mqtt-message", null).stream()
                .map(e -> (Map<String, Object>) e.get("data")).filter(d -> "kinds/bytes".equals(d.get("topic")))
                .findFirst().orElseThrow();
        assertThat(stored.get("payload")).isEqualTo(Map.of("__bytes__", "ff00c328"));
    }

    @Test
    void a_message_trigger_needs_its_service_and_a_valid_topic_filter() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", "incomplete");
        t.put("filterType", "mqtt-message");
        t.put("filterTopic", "a/#");
        t.put("def", "log.info('x');");
        Api.Response noService = api.post("/api/v1/triggers", t);
        assertThat(noService.status()).isEqualTo(400);
        assertThat(noService.body()).contains("filterServiceId");

        t.put("filterServiceId", "broker");
        t.put("filterTopic", "a/#/b");
        Api.Response badTopic = api.post("/api/v1/triggers", t);
        assertThat(badTopic.status()).isEqualTo(400);
        assertThat(badTopic.body()).contains("filterTopic").contains("'#'");

        t.remove("filterTopic");
        assertThat(api.post("/api/v1/triggers", t).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/triggers").items()).extracting(i -> i.get("name")).doesNotContain("incomplete");
    }

    @Test
    @SuppressWarnings("unchecked")
    void stopping_a_message_trigger_unsubscribes_its_topic() {
        String id = createMessageTrigger("stoppable", "stop/me", "log.info('stoppable ran');");
        createMessageTrigger("sentinel", "stop/sentinel", "log.info('sentinel ran');");
        try (MqttTestClient other = MqttTestClient.connect(broker)) {
            other.publish("stop/me", "1", 1);
            await().atMost(WAIT).until(() -> server.logs("stoppable ran").size() == 1);

            assertThat(api.post("/api/v1/triggers/" + id + "/stop", Map.of()).status()).isEqualTo(200);
            await().atMost(WAIT).until(() -> !subscribed("stop/me"));
            other.publish("stop/me", "2", 1);
            other.publish("stop/sentinel", "3", 1);
            await().atMost(WAIT).until(() -> server.logs("sentinel ran").size() == 1);
        }
        assertThat(server.logs("stoppable ran")).hasSize(1);
        // unsubscribed at the broker, not only filtered out: the second message never arrived at all
        assertThat(server.events("mqtt-message", null)).extracting(e -> ((Map<String, Object>) e.get("data")).get("payload"))
                .as("payloads of the mqtt-message events").doesNotContain(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_message_no_trigger_wants_becomes_no_event() {
        // the ready bridge on the same service: its requests arrive on the same connection
        assertThat(api.put("/api/v1/settings", Map.of("mqtt_bridge_service", "broker", "mqtt_bridge_prefix", "brt"))
                .status()).isEqualTo(200);
        try (MqttTestClient other = MqttTestClient.connect(broker).subscribe("brt/+/up/resp")) {
            await().atMost(WAIT).until(() -> String.valueOf(status().get("subscriptions")).contains("brt/"));
            createMessageTrigger("wanted-only", "wanted/topic", "log.info('wanted ran');");
            other.publish("brt/mq-dev/dn/read", "{\"reqId\": \"r1\", \"paths\": \"3/0/0\"}", 1);
            assertThat(other.next("brt/mq-dev/up/resp", WAIT).payload()).contains("\"reqId\":\"r1\"");
            other.publish("wanted/topic", "1", 1);
            await().atMost(WAIT).until(() -> server.logs("wanted ran").size() == 1);
        } finally {
            api.put("/api/v1/settings", Map.of("mqtt_bridge_service", ""));
        }
        assertThat(server.events("mqtt-message", null)).extracting(e -> ((Map<String, Object>) e.get("data")).get("topic"))
                .contains("wanted/topic").doesNotContain("brt/mq-dev/dn/read");
    }
}
