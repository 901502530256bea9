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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ready MQTT bridge against a real mosquitto and real Leshan clients: device events arrive on
 * {@code lwm2m/<endpoint>/up/<event>}, requests on {@code lwm2m/<endpoint>/dn/<op>} are answered on
 * {@code lwm2m/<endpoint>/up/resp} as the REST API answers them, sleeping queue-mode devices are treated as REST
 * treats them, and the settings switch the bridge off or move it to another prefix while the server runs.
 */
class MqttBridgeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Mosquitto broker;
    private TestServer server;
    private Api api;
    private MqttTestClient peer;
    private final List<MqttTestClient.Received> seen = new ArrayList<>();
    private final List<TestDevice> devices = new ArrayList<>();
    private final TestObject.Instance instance = new TestObject.Instance(0);

    @BeforeEach
    void start() {
        broker = Mosquitto.anonymous();
        server = TestServer.start();
        TestObject.define(server.server());
        api = server.api();
        peer = MqttTestClient.connect(broker).subscribe("lwm2m/#").subscribe("acme/#");
        Api.Response created = api.post("/api/v1/services",
                Map.of("key", "broker", "type", "mqtt", "uri", broker.uri(), "clientId", "bridge-1"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(api.put("/api/v1/settings", Map.of("mqtt_bridge_service", "broker")).status()).isEqualTo(200);
        awaitSubscribed("lwm2m/+/dn/+");
    }

    @AfterEach
    void stop() {
        devices.forEach(TestDevice::close);
        if (peer != null) {
            peer.close();
        }
        if (server != null) {
            server.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private TestDevice device(String name) {
        return device(TestDevice.named(name));
    }

    private TestDevice device(TestDevice.Builder builder) {
        TestDevice d = builder.withModels(List.of(TestObject.MODEL)).withInstances(TestObject.ID, instance)
                .start(server.coapUri());
        devices.add(d);
        return d.awaitRegistered();
    }

    @SuppressWarnings("unchecked")
    private void awaitSubscribed(String filter) {
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> status = (Map<String, Object>) api.get("/api/v1/services/broker").map().get("status");
            assertThat(status).containsEntry("state", "connected");
            assertThat((List<Object>) status.get("subscriptions")).contains(filter);
        });
    }

    @SuppressWarnings("unchecked")
    private void awaitUnsubscribed(String filter) {
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> status = (Map<String, Object>) api.get("/api/v1/services/broker").map().get("status");
            assertThat((List<Object>) status.get("subscriptions")).doesNotContain(filter);
        });
    }

    /** Everything the peer received so far, oldest first; nothing is taken away. */
    private List<MqttTestClient.Received> received() {
        synchronized (seen) {
            peer.received().drainTo(seen);
            return new ArrayList<>(seen);
        }
    }

    /** The first message on {@code topic} whose JSON payload passes {@code test}, waiting for it. */
    private Map<String, Object> awaitMessage(String topic, Predicate<Map<String, Object>> test) {
        Map<String, Object>[] found = new Map[1];
        await().atMost(WAIT).until(() -> {
            for (MqttTestClient.Received r : received()) {
                if (r.topic().equals(topic) && test.test(json(r.payload()))) {
                    found[0] = json(r.payload());
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private Map<String, Object> awaitAnswer(String endpointLevel, Object reqId) {
        return awaitAnswer("lwm2m", endpointLevel, reqId);
    }

    private Map<String, Object> awaitAnswer(String prefix, String endpointLevel, Object reqId) {
        return awaitMessage(prefix + "/" + endpointLevel + "/up/resp", m -> reqId.equals(m.get("reqId")));
    }

    private List<String> topics() {
        return received().stream().map(MqttTestClient.Received::topic).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String payload) {
        return (Map<String, Object>) JsonBridge.fromJson(payload);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }

    private void request(String topic, String payload) {
        peer.publish(topic, payload, 1);
    }

    // --- events ------------------------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void register_update_and_deregister_arrive_on_up_topics_as_the_events_scripts_see() {
        TestDevice d = device("ev-dev");
        Map<String, Object> register = awaitMessage("lwm2m/ev-dev/up/register", m -> true);
        assertThat(register).containsKeys("id", "ts").containsEntry("type", "lwm2m-register");
        assertThat((Map<String, Object>) register.get("endpoint")).containsEntry("key", "ev-dev");
        assertThat(data(register)).containsEntry("binding", "U").containsEntry("queueMode", false).containsKey("discovery");
        // the very event the server stored (GET /events), id included
        Map<String, Object> stored = server.events("lwm2m-register", "ev-dev").get(0);
        assertThat(register).isEqualTo(json(JsonBridge.toJson(stored)));

        d.client().triggerRegistrationUpdate();
        assertThat(awaitMessage("lwm2m/ev-dev/up/update", m -> true)).containsEntry("type", "lwm2m-update");

        d.deregister();
        Map<String, Object> gone = awaitMessage("lwm2m/ev-dev/up/deregister", m -> true);
        assertThat(gone).containsEntry("type", "lwm2m-deregister");
        assertThat(data(gone)).containsEntry("reason", "deregistered");
        assertThat(received()).filteredOn(r -> r.topic().startsWith("lwm2m/ev-dev/up/"))
                .allSatisfy(r -> assertThat(r.retained()).isFalse());
    }

    // --- requests ----------------------------------------------------------------------------------------------

    @Test
    void a_read_requested_on_dn_read_is_answered_on_up_resp_with_its_req_id_and_the_device_value() throws Exception {
        device(TestDevice.named("read-dev").manufacturer("Acme Meters"));
        String body = "{\"reqId\": \"r1\", \"paths\": \"3/0/0\"}";
        // as another system would send it: mosquitto_pub, when the machine has it
        if (!mosquittoPub("lwm2m/read-dev/dn/read", body)) {
            request("lwm2m/read-dev/dn/read", body);
        }
        Map<String, Object> answer = awaitAnswer("read-dev", "r1");
        assertThat(answer).containsEntry("op", "read").containsEntry("status", 200)
                .containsEntry("result", Map.of("device_3", Map.of("0", Map.of("manufacturer_0", "Acme Meters"))));
        // the same result the REST API gives for the same body
        Api.Response rest = api.post("/api/v1/endpoints/read-dev/read", Map.of("paths", "3/0/0"));
        assertThat(rest.status()).isEqualTo(200);
        assertThat(answer.get("result")).isEqualTo(rest.map());

        // numbers as reqId, and the request's own options (translateIds) apply
        request("lwm2m/read-dev/dn/read", "{\"reqId\": 17, \"paths\": [\"3/0/0\"], \"options\": {\"translateIds\": \"numbers\"}}");
        assertThat(awaitAnswer("read-dev", 17)).containsEntry("status", 200)
                .containsEntry("result", Map.of("3", Map.of("0", Map.of("0", "Acme Meters"))));
    }

    /** Publishes with the mosquitto_pub binary; false when it is not installed. */
    private boolean mosquittoPub(String topic, String payload) throws IOException, InterruptedException {
        Path binary = Path.of("/usr/bin/mosquitto_pub");
        if (!Files.isExecutable(binary)) {
            return false;
        }
        Process p = new ProcessBuilder(binary.toString(), "-h", "127.0.0.1", "-p", String.valueOf(broker.port()),
                "-q", "1", "-t", topic, "-m", payload).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        return true;
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_observe_requested_on_dn_observe_sends_notifications_to_up_data_in_the_translate_ids_format() {
        device("obs-dev");
        request("lwm2m/obs-dev/dn/observe",
                "{\"reqId\": \"o1\", \"paths\": [\"33000/0/11\"], \"options\": {\"context\": \"mqtt-obs\"}}");
        Map<String, Object> answer = awaitAnswer("obs-dev", "o1");
        assertThat(answer).containsEntry("op", "observe").containsEntry("status", 200);
        String token = (String) ((Map<String, Object>) ((Map<String, Object>) answer.get("result")).get("tokens"))
                .get("33000/0/11");
        assertThat(token).isNotBlank();

        instance.setCounter(21);
        Map<String, Object> notification = awaitMessage("lwm2m/obs-dev/up/data",
                m -> "notify".equals(data(m).get("source")) && Map.of("bridge_test_33000", Map.of("0",
                        Map.of("counter_11", 21))).equals(data(m).get("data")));
        assertThat(notification).containsEntry("type", "lwm2m-data");
        assertThat(data(notification)).containsEntry("context", "mqtt-obs").containsEntry("translateIds", "combined")
                .containsEntry("path", "33000/0/11");

        request("lwm2m/obs-dev/dn/observe-cancel", "{\"reqId\": \"o2\", \"token\": \"" + token + "\"}");
        assertThat(awaitAnswer("obs-dev", "o2")).containsEntry("op", "observe-cancel").containsEntry("status", 200);
        request("lwm2m/obs-dev/dn/observe-cancel", "{\"reqId\": \"o3\", \"token\": \"" + token + "\"}");
        assertThat(awaitAnswer("obs-dev", "o3")).containsEntry("status", 404);
    }

    @Test
    void write_execute_create_delete_discover_and_write_attributes_run_as_over_rest() {
        device("ops-dev");
        request("lwm2m/ops-dev/dn/write", "{\"reqId\": \"w\", \"path\": \"33000/0/0\", \"value\": \"via mqtt\"}");
        assertThat(awaitAnswer("ops-dev", "w")).containsEntry("status", 200)
                .containsEntry("result", Map.of("source", "write", "path", "33000/0/0", "success", true));
        assertThat(instance.value(TestObject.TEXT)).isEqualTo("via mqtt");

        request("lwm2m/ops-dev/dn/execute", "{\"reqId\": \"x\", \"path\": \"33000/0/8\", \"arguments\": {\"0\": \"go\"}}");
        assertThat(awaitAnswer("ops-dev", "x")).containsEntry("status", 200);
        assertThat(instance.value(TestObject.LAST_ARGS)).isEqualTo("0='go'");

        request("lwm2m/ops-dev/dn/create", "{\"reqId\": \"c\", \"path\": \"33000/4\", \"value\": {\"1\": 4}}");
        assertThat(awaitAnswer("ops-dev", "c")).containsEntry("status", 200);
        request("lwm2m/ops-dev/dn/delete", "{\"reqId\": \"d\", \"path\": \"33000/4\"}");
        assertThat(awaitAnswer("ops-dev", "d")).containsEntry("result",
                Map.of("source", "delete", "path", "33000/4", "success", true));

        request("lwm2m/ops-dev/dn/discover", "{\"reqId\": \"l\", \"path\": \"3/0\"}");
        Map<String, Object> links = awaitAnswer("ops-dev", "l");
        assertThat(links).containsEntry("status", 200);
        assertThat(links.get("result")).isEqualTo(api.post("/api/v1/endpoints/ops-dev/discover", Map.of("path", "3/0")).map());

        request("lwm2m/ops-dev/dn/write-attributes",
                "{\"reqId\": \"a\", \"path\": \"33000/0/11\", \"attributes\": {\"pmin\": 1, \"pmax\": 60}}");
        assertThat(awaitAnswer("ops-dev", "a")).containsEntry("status", 200);
    }

    @Test
    void errors_are_answered_with_the_rest_status_and_words() {
        device("err-dev");
        request("lwm2m/nobody/dn/read", "{\"reqId\": \"e1\", \"paths\": \"3/0/0\"}");
        assertThat(awaitAnswer("nobody", "e1")).containsEntry("op", "read").containsEntry("status", 404)
                .containsEntry("error", "endpoint 'nobody' is not registered").doesNotContainKey("result");

        request("lwm2m/err-dev/dn/read", "{not json");
        Map<String, Object> badJson = awaitMessage("lwm2m/err-dev/up/resp",
                m -> m.get("reqId") == null && String.valueOf(m.get("error")).startsWith("the body is not valid JSON"));
        assertThat(badJson).containsEntry("status", 400).containsEntry("op", "read");

        request("lwm2m/err-dev/dn/reboot", "{\"reqId\": \"e2\"}");
        Map<String, Object> unknownOp = awaitAnswer("err-dev", "e2");
        assertThat(unknownOp).containsEntry("op", "reboot").containsEntry("status", 400);
        assertThat((String) unknownOp.get("error")).startsWith("unknown operation 'reboot'").contains("read", "observe-cancel");

        request("lwm2m/err-dev/dn/read", "{\"paths\": \"3/0/0\"}");
        assertThat(awaitMessage("lwm2m/err-dev/up/resp",
                m -> m.get("reqId") == null && String.valueOf(m.get("error")).contains("'reqId'")))
                .containsEntry("status", 400);

        request("lwm2m/err-dev/dn/write", "{\"reqId\": \"e3\", \"path\": \"33000/0/1\", \"value\": \"abc\"}");
        Map<String, Object> badValue = awaitAnswer("err-dev", "e3");
        Api.Response rest = api.post("/api/v1/endpoints/err-dev/write", Map.of("path", "33000/0/1", "value", "abc"));
        assertThat(badValue).containsEntry("status", 400).containsEntry("status", rest.status())
                .containsEntry("error", "value for 33000/0/1 must be an Integer, not \"abc\"")
                .containsEntry("error", rest.map().get("error"));

        request("lwm2m/err-dev/dn/read", "{\"reqId\": \"e4\", \"paths\": [\"3/0/0\", \"3/0/100\"]}");
        Map<String, Object> partial = awaitAnswer("err-dev", "e4");
        assertThat(partial).containsEntry("status", 502).containsEntry("error", "coap: not found")
                .containsEntry("details", Map.of("partialErrors", Map.of("3/0/100", "coap: not found")));

        request("lwm2m/err-dev/dn/write", "{\"reqId\": \"e5\", \"value\": 1}");
        assertThat(awaitAnswer("err-dev", "e5")).containsEntry("status", 400)
                .containsEntry("error", "the body needs 'path', a path like \"3/0/15\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_async_request_is_accepted_at_once_and_its_results_arrive_as_events() {
        device("async-dev");
        request("lwm2m/async-dev/dn/read", "{\"reqId\": \"a1\", \"paths\": \"33000/0/0\","
                + " \"options\": {\"async\": true, \"context\": {\"reqId\": \"a1\"}}}");
        assertThat(awaitAnswer("async-dev", "a1")).containsEntry("status", 202)
                .containsEntry("result", Map.of("accepted", true));
        Map<String, Object> read = awaitMessage("lwm2m/async-dev/up/data",
                m -> Map.of("reqId", "a1").equals(data(m).get("context")));
        assertThat(data(read)).containsEntry("source", "read");
        Map<String, Object> result = awaitMessage("lwm2m/async-dev/up/result",
                m -> Map.of("reqId", "a1").equals(data(m).get("context")));
        assertThat(data(result)).containsEntry("success", true).containsEntry("source", "read");

        request("lwm2m/async-dev/dn/read", "{\"reqId\": \"a2\", \"paths\": \"33000/0/100\","
                + " \"options\": {\"async\": true, \"context\": \"a2\"}}");
        assertThat(awaitAnswer("async-dev", "a2")).containsEntry("status", 202);
        assertThat(data(awaitMessage("lwm2m/async-dev/up/error", m -> "a2".equals(data(m).get("context")))))
                .containsEntry("error", "coap: not found");
    }

    @Test
    void a_sleeping_queue_mode_device_is_treated_as_the_rest_api_treats_it() {
        // Leshan asks for the awake time each time it hears from a device: a short one makes devices sleep soon
        api.put("/api/v1/settings", Map.of("queue_awake_time_s", 1));
        TestDevice d = device(TestDevice.named("sleepy-mq").queueMode());
        await().atMost(WAIT).until(() -> server.server().queueMode().asleep("sleepy-mq"));

        // a synchronous call is refused at once, in the REST API's words
        request("lwm2m/sleepy-mq/dn/read", "{\"reqId\": \"s1\", \"paths\": \"33000/0/0\"}");
        Map<String, Object> refused = awaitAnswer("sleepy-mq", "s1");
        Api.Response rest = api.post("/api/v1/endpoints/sleepy-mq/read", Map.of("paths", "33000/0/0"));
        assertThat(refused).containsEntry("status", rest.status()).containsEntry("error", rest.map().get("error"))
                .containsEntry("error", "device is sleeping (queue mode); use an asynchronous call");
        assertThat(rest.status()).isEqualTo(502);

        // an asynchronous one is held: accepted now, an intermediate result now, sent when the device wakes
        request("lwm2m/sleepy-mq/dn/write", "{\"reqId\": \"s2\", \"path\": \"33000/0/0\", \"value\": \"held\","
                + " \"options\": {\"async\": true, \"context\": \"s2\"}}");
        request("lwm2m/sleepy-mq/dn/read", "{\"reqId\": \"s3\", \"paths\": \"33000/0/0\","
                + " \"options\": {\"async\": true, \"context\": \"s3\"}}");
        assertThat(awaitAnswer("sleepy-mq", "s2")).containsEntry("status", 202)
                .containsEntry("result", Map.of("accepted", true));
        assertThat(awaitAnswer("sleepy-mq", "s3")).containsEntry("status", 202);
        assertThat(data(awaitMessage("lwm2m/sleepy-mq/up/result", m -> "s2".equals(data(m).get("context")))))
                .containsEntry("intermediate", true).containsEntry("success", true);
        assertThat(instance.writes()).isZero();

        d.client().triggerRegistrationUpdate();
        Map<String, Object> done = awaitMessage("lwm2m/sleepy-mq/up/result",
                m -> "s2".equals(data(m).get("context")) && !Boolean.TRUE.equals(data(m).get("intermediate")));
        assertThat(data(done)).containsEntry("success", true).containsEntry("source", "write");
        assertThat(instance.value(TestObject.TEXT)).isEqualTo("held");
        Map<String, Object> read = awaitMessage("lwm2m/sleepy-mq/up/data", m -> "s3".equals(data(m).get("context")));
        assertThat(data(read).get("data")).isEqualTo(Map.of("bridge_test_33000", Map.of("0", Map.of("text_0", "held"))));
    }

    @Test
    void an_endpoint_name_with_a_plus_is_percent_encoded_in_its_topics_both_ways() {
        device("meter+7");
        assertThat(awaitMessage("lwm2m/meter%2B7/up/register", m -> true)).containsEntry("type", "lwm2m-register");
        request("lwm2m/meter%2B7/dn/read", "{\"reqId\": \"p1\", \"paths\": \"3/0/0\"}");
        assertThat(awaitAnswer("meter%2B7", "p1")).containsEntry("status", 200);
        // a level that is not validly encoded cannot name an endpoint: logged and counted, not answered
        request("lwm2m/meter%2/dn/read", "{\"reqId\": \"p2\", \"paths\": \"3/0/0\"}");
        await().atMost(WAIT).until(() -> ((Number) bridgeStats().get("ignored")).longValue() == 1);
        assertThat(topics()).noneMatch(t -> t.startsWith("lwm2m/meter%2/up/"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> bridgeStats() {
        return (Map<String, Object>) api.get("/api/v1/stats").map().get("mqttBridge");
    }

    // --- settings ----------------------------------------------------------------------------------------------

    @Test
    void with_the_bridge_off_nothing_is_published_and_requests_go_unanswered() {
        assertThat(api.put("/api/v1/settings", Map.of("mqtt_bridge_service", "")).status()).isEqualTo(200);
        awaitUnsubscribed("lwm2m/+/dn/+");
        device("quiet-dev");
        request("lwm2m/nobody/dn/read", "{\"reqId\": \"while-off\", \"paths\": \"3/0/0\"}");
        assertThat(bridgeStats()).containsEntry("on", false);

        // switched on again: what happens next arrives, and what happened while off never does (it would have
        // been published before, on the same connection)
        assertThat(api.put("/api/v1/settings", Map.of("mqtt_bridge_service", "broker")).status()).isEqualTo(200);
        awaitSubscribed("lwm2m/+/dn/+");
        device("loud-dev");
        awaitMessage("lwm2m/loud-dev/up/register", m -> true);
        request("lwm2m/nobody/dn/read", "{\"reqId\": \"while-on\", \"paths\": \"3/0/0\"}");
        awaitAnswer("nobody", "while-on");
        assertThat(topics()).noneMatch(t -> t.startsWith("lwm2m/quiet-dev/"));
        assertThat(received()).noneMatch(r -> r.topic().endsWith("/up/resp") && r.payload().contains("while-off"));
    }

    @Test
    void a_new_prefix_moves_events_and_requests_to_its_topics() {
        assertThat(api.put("/api/v1/settings", Map.of("mqtt_bridge_prefix", "acme/+")).status()).isEqualTo(400);
        assertThat(api.put("/api/v1/settings", Map.of("mqtt_bridge_prefix", "acme/site-2")).status()).isEqualTo(200);
        awaitSubscribed("acme/site-2/+/dn/+");
        awaitUnsubscribed("lwm2m/+/dn/+");
        device("moved-dev");
        assertThat(awaitMessage("acme/site-2/moved-dev/up/register", m -> true)).containsEntry("type", "lwm2m-register");
        request("acme/site-2/moved-dev/dn/read", "{\"reqId\": \"m1\", \"paths\": \"3/0/0\"}");
        assertThat(awaitAnswer("acme/site-2", "moved-dev", "m1")).containsEntry("status", 200);
        request("lwm2m/moved-dev/dn/read", "{\"reqId\": \"m2\", \"paths\": \"3/0/0\"}");
        request("acme/site-2/moved-dev/dn/read", "{\"reqId\": \"m3\", \"paths\": \"3/0/0\"}");
        awaitAnswer("acme/site-2", "moved-dev", "m3");
        assertThat(topics()).noneMatch(t -> t.startsWith("lwm2m/moved-dev/up/"));
    }
}
