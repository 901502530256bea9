package io.lwm2mbridge.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.Mosquitto;
import io.lwm2mbridge.engine.testing.MqttTestClient;
import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every shipped example trigger, installed as its header says and run against a real server and device. */
class ExampleTriggersTest {

    private TestServer server;
    private Api api;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = server.api();
        // the webhooks listen on 127.0.0.1, which scripts reach only when http_allowed_hosts names it
        assertThat(api.put("/api/v1/settings", Map.of("http_allowed_hosts", "*, 127.0.0.1")).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        server.close();
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        closeables.add(c);
        return c;
    }

    private TestDevice device(String name) {
        return closeLater(TestDevice.named(name).manufacturer("Acme Meters").start(server.coapUri())).awaitRegistered();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void device_info_on_register_tags_the_endpoint_and_observes_the_battery() {
        ExampleTrigger.load("device-info-on-register.js").install(server);
        BatteryDevice battery = new BatteryDevice("Acme Meters", "M-100", "SN-7", 87);
        closeLater(TestDevice.named("info-1").deviceInstance(battery).start(server.coapUri())).awaitRegistered();

        await().atMost(Duration.ofSeconds(20)).until(() -> map(api.get("/api/v1/endpoints/info-1").map().get("tags"))
                .containsKey("manufacturer"));
        assertThat(map(api.get("/api/v1/endpoints/info-1").map().get("tags"))).containsEntry("manufacturer", "Acme Meters")
                .containsEntry("model", "M-100").containsEntry("serial", "SN-7").containsKey("firmware");
        assertThat(api.get("/api/v1/endpoints?q=tags.manufacturer:Acme*").items()).extracting(e -> e.get("key"))
                .containsExactly("info-1");

        await().atMost(Duration.ofSeconds(20)).until(() -> batteryNotifications("info-1").contains(87L));
        battery.setBattery(42);
        await().atMost(Duration.ofSeconds(20)).until(() -> batteryNotifications("info-1").contains(42L));
    }

    /** Battery levels of the notify events of an endpoint, in order. */
    private List<Long> batteryNotifications(String ep) {
        List<Long> out = new ArrayList<>();
        for (Map<String, Object> e : server.events("lwm2m-data", ep)) {
            Map<String, Object> data = map(e.get("data"));
            if ("notify".equals(data.get("source")) && Map.of("watch", "battery").equals(data.get("context"))) {
                Object level = map(map(map(data.get("data")).get("device_3")).get("0")).get("battery_level_9");
                out.add(((Number) level).longValue());
            }
        }
        return out;
    }

    @Test
    void connectivity_report_keeps_one_merged_row_per_device() {
        ExampleTrigger example = ExampleTrigger.load("connectivity-report.js");
        assertThat(example.install(server)).hasSize(3);
        TestDevice d = device("conn-1");

        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/reports/connectivity").status() == 200
                && !((List<?>) api.get("/api/v1/reports/connectivity").map().get("rows")).isEmpty());
        Map<String, Object> row = map(((List<?>) api.get("/api/v1/reports/connectivity").map().get("rows")).get(0));
        assertThat(row.get("key")).isEqualTo("conn-1");
        assertThat(map(row.get("values"))).containsEntry("status", "connected").containsEntry("binding", "U")
                .containsKeys("lastRegistered", "remoteAddr", "lwm2mVersion");
        Object registered = map(row.get("values")).get("lastRegistered");

        d.deregister();
        await().atMost(Duration.ofSeconds(20)).until(() -> "disconnected".equals(map(map(((List<?>) api
                .get("/api/v1/reports/connectivity").map().get("rows")).get(0)).get("values")).get("status")));
        Map<String, Object> after = map(map(((List<?>) api.get("/api/v1/reports/connectivity").map().get("rows")).get(0))
                .get("values"));
        assertThat(after).containsEntry("reason", "deregistered").containsEntry("lastRegistered", registered)
                .containsKey("lastDeregistered");
        assertThat(api.get("/api/v1/reports/connectivity?format=csv").body()).startsWith("key,name,ts,").contains("conn-1");
    }

    @Test
    void missing_device_alert_posts_to_the_alerts_service_and_marks_the_endpoint() {
        Webhook hook = closeLater(new Webhook());
        assertThat(api.post("/api/v1/services", Map.of("key", "alerts", "baseUrl", hook.url("/hooks"),
                "headers", Map.of("Authorization", "Bearer alert-token"))).status()).isEqualTo(201);
        ExampleTrigger.load("missing-device-alert.js").install(server);
        device("quiet-1");
        api.put("/api/v1/settings", Map.of("time_before_missing_s", 1));

        await().atMost(Duration.ofSeconds(20)).until(() -> !hook.calls.isEmpty());
        Webhook.Call call = hook.calls.get(0);
        assertThat(call.path()).isEqualTo("/hooks/missing");
        assertThat(call.authorization()).isEqualTo("Bearer alert-token");
        assertThat(call.body()).containsEntry("alert", "device missing").containsEntry("endpoint", "quiet-1")
                .containsKeys("lastSeen", "detectedAt");
        assertThat(map(api.get("/api/v1/endpoints/quiet-1").map().get("statusDetails"))).containsEntry("missing", true);
        assertThat(api.get("/api/v1/endpoints?q=statusDetails.missing:true").items()).extracting(e -> e.get("key"))
                .containsExactly("quiet-1");
    }

    @Test
    void forward_data_webhook_posts_each_data_event_with_the_secret_token() {
        Webhook hook = closeLater(new Webhook());
        Map<String, Object> globals = new LinkedHashMap<>();
        globals.put("webhookUrl", Map.of("value", hook.url("/ingest")));
        globals.put("webhookToken", Map.of("value", "ingest-secret", "secret", true));
        assertThat(api.put("/api/v1/globals", globals).status()).isEqualTo(200);
        ExampleTrigger.load("forward-data-webhook.js").install(server);
        // glue for the test: something that makes data arrive
        server.createTrigger("ask-for-data", "lwm2m-register",
                "lwm2m.read(event.endpoint.key, '3/0', {context: {why: 'test'}});");
        device("fwd-1");

        await().atMost(Duration.ofSeconds(20)).until(() -> !hook.calls.isEmpty());
        Webhook.Call call = hook.calls.get(0);
        assertThat(call.path()).isEqualTo("/ingest");
        assertThat(call.authorization()).isEqualTo("Bearer ingest-secret");
        assertThat(call.body()).containsEntry("endpoint", "fwd-1").containsEntry("source", "read").containsKeys("ts", "data");
        assertThat(map(map(map(call.body().get("data")).get("device_3")).get("0"))).containsEntry("manufacturer_0", "Acme Meters");
    }

    @Test
    void tag_config_push_writes_each_config_tag_once() {
        ExampleTrigger.load("tag-config-push.js").install(server);
        assertThat(api.post("/api/v1/endpoints", Map.of("endpoint", "cfg-1",
                "tags", Map.of("config:3/0/15", "Europe/Paris", "site", "north"))).status()).isEqualTo(201);
        TestDevice d = device("cfg-1");

        await().atMost(Duration.ofSeconds(20)).until(() -> !server.logs("configuration pushed").isEmpty());
        Scripts scripts = new Scripts(server);
        assertThat(scripts.value("return lwm2m.read('cfg-1', '3/0/15', {async: false, return: 'value'}).value;"))
                .isEqualTo("Europe/Paris");
        assertThat(scripts.value("return endpoint.storageGet('cfg-1', 'pushedConfig');"))
                .isEqualTo(Map.of("3/0/15", "Europe/Paris"));

        d.deregister();
        closeLater(TestDevice.named("cfg-1").manufacturer("Acme Meters").start(server.coapUri())).awaitRegistered();
        await().atMost(Duration.ofSeconds(20)).until(() -> server.logs("configuration unchanged").size() == 1);
        assertThat(server.logs("configuration pushed")).as("the unchanged value is not written again").hasSize(1);
    }

    @Test
    void read_path_helper_replies_with_the_value_the_tree_or_the_error() {
        ExampleTrigger.load("read-path-helper.js").install(server);
        device("rp-1");

        Api.Response one = api.post("/api/v1/generic/read-path", Map.of("endpoint", "rp-1", "path", "3/0/0"));
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(one.json()).isEqualTo(Map.of("endpoint", "rp-1", "path", "3/0/0", "value", "Acme Meters"));

        Api.Response several = api.post("/api/v1/generic/read-path", Map.of("endpoint", "rp-1", "path", List.of("3/0/0", "3/0/2")));
        Map<String, Object> device = map(map(map(several.map().get("data")).get("device")).get("0"));
        assertThat(device).containsEntry("manufacturer", "Acme Meters").containsEntry("serial_number", "SN-0001");

        Api.Response unknown = api.post("/api/v1/generic/read-path", Map.of("endpoint", "nobody", "path", "3/0/0"));
        assertThat(unknown.map()).containsEntry("endpoint", "nobody").containsKey("error");
        assertThat(api.post("/api/v1/generic/read-path", Map.of("path", "3/0/0")).map().get("error")).asString()
                .startsWith("give {endpoint:");

        Scripts scripts = new Scripts(server);
        assertThat(scripts.value("return exec.sync('read-path', {endpoint: 'rp-1', path: '/3/0/2'}, 30).value;"))
                .isEqualTo("SN-0001");
    }

    @Test
    @SuppressWarnings("unchecked")
    void mqtt_device_commands_carries_out_commands_from_the_broker_and_publishes_the_answers() throws Exception {
        Mosquitto broker = closeLater(Mosquitto.anonymous());
        assertThat(api.post("/api/v1/services", Map.of("key", "broker", "type", "mqtt", "uri", broker.uri(),
                "clientId", "examples")).status()).isEqualTo(201);
        ExampleTrigger.load("mqtt-device-commands.js").install(server);
        device("cmd-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> String.valueOf(map(api.get("/api/v1/services/broker").map()
                .get("status")).get("subscriptions")).contains("devices/+/commands"));
        MqttTestClient other = closeLater(MqttTestClient.connect(broker).subscribe("devices/+/replies"));

        other.publish("devices/cmd-1/commands", "{\"id\": \"c1\", \"op\": \"write\", \"path\": \"3/0/15\","
                + " \"value\": \"Europe/Paris\"}", 1);
        Map<String, Object> written = reply(other);
        assertThat(written).containsEntry("id", "c1").containsEntry("ok", true);

        other.publish("devices/cmd-1/commands", "{\"id\": \"c2\", \"op\": \"read\", \"path\": \"3/0/15\"}", 1);
        assertThat(reply(other)).containsEntry("id", "c2").containsEntry("ok", true).containsEntry("result", "Europe/Paris");

        other.publish("devices/cmd-1/commands", "{\"id\": \"c3\", \"op\": \"format\", \"path\": \"3/0\"}", 1);
        Map<String, Object> refused = reply(other);
        assertThat(refused).containsEntry("id", "c3").containsEntry("ok", false);
        assertThat((String) refused.get("error")).contains("unknown op");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reply(MqttTestClient client) throws Exception {
        MqttTestClient.Received r = client.next("devices/cmd-1/replies", Duration.ofSeconds(30));
        return (Map<String, Object>) new com.fasterxml.jackson.databind.ObjectMapper().readValue(r.payload(), Map.class);
    }

    @Test
    void every_shipped_example_declares_its_filter_and_compiles() {
        for (String file : List.of("device-info-on-register.js", "connectivity-report.js", "missing-device-alert.js",
                "forward-data-webhook.js", "tag-config-push.js", "read-path-helper.js", "mqtt-device-commands.js")) {
            ExampleTrigger example = ExampleTrigger.load(file);
            assertThat(example.header).as(file).containsKey("filterType");
            assertThat(example.script).as(file + " explains its use in a header comment").startsWith("// ");
            example.install(server); // refused (400) if it did not compile
        }
    }
}
