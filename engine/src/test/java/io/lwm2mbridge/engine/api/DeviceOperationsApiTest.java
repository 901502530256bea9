package io.lwm2mbridge.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestObject;
import io.lwm2mbridge.engine.testing.TestServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** POST /api/v1/endpoints/{key}/{op}: every device operation over HTTP, its results and its error statuses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceOperationsApiTest {

    private TestServer server;
    private Api api;
    private TestDevice device;
    private final TestObject.Instance instance = new TestObject.Instance(0);

    @BeforeAll
    void start() {
        server = TestServer.start();
        TestObject.define(server.server());
        api = server.api();
        device = TestDevice.named("rest-dev").withModels(List.of(TestObject.MODEL))
                .withInstances(TestObject.ID, instance).start(server.coapUri()).awaitRegistered();
    }

    @AfterAll
    void stop() {
        device.close();
        server.close();
    }

    private Api.Response op(String endpoint, String op, Map<String, Object> body) {
        return api.post("/api/v1/endpoints/" + endpoint + "/" + op, body);
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void read_write_and_write_multi_are_synchronous_by_default() {
        Api.Response w = op("rest-dev", "write", body("path", "3/0/15", "value", "Europe/Oslo"));
        assertThat(w.status()).isEqualTo(200);
        assertThat(w.map()).isEqualTo(Map.of("source", "write", "path", "3/0/15", "success", true));
        Api.Response r = op("rest-dev", "read", body("paths", List.of("3/0/15"), "options", Map.of("translateIds", "numbers")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.map()).isEqualTo(Map.of("3", Map.of("0", Map.of("15", "Europe/Oslo"))));
        Api.Response v = op("rest-dev", "read", body("path", "3/0/15", "options", Map.of("return", "value")));
        assertThat(v.map()).isEqualTo(Map.of("value", "Europe/Oslo"));

        Api.Response wm = op("rest-dev", "write-multi", body("value", Map.of("33000", Map.of("0", Map.of("0", "rest", "6", "00ff")))));
        assertThat(wm.status()).isEqualTo(200);
        assertThat(instance.value(TestObject.TEXT)).isEqualTo("rest");
        assertThat((byte[]) instance.value(TestObject.BLOB)).containsExactly(0x00, 0xff);
    }

    @Test
    void execute_create_delete_discover_and_write_attributes() {
        Api.Response x = op("rest-dev", "execute", body("path", "33000/0/8", "value", Map.of("0", "rest")));
        assertThat(x.status()).isEqualTo(200);
        assertThat(instance.value(TestObject.LAST_ARGS)).isEqualTo("0='rest'");
        assertThat(op("rest-dev", "execute", body("path", "33000/0/8")).status()).isEqualTo(200);
        assertThat(instance.value(TestObject.LAST_ARGS)).isEqualTo("");

        Api.Response c = op("rest-dev", "create", body("path", "33000/3", "value", Map.of("1", 3)));
        assertThat(c.status()).isEqualTo(200);
        assertThat(c.map()).containsEntry("instanceId", 3).containsEntry("location", "33000/3");
        Api.Response d = op("rest-dev", "delete", body("path", "33000/3"));
        assertThat(d.map()).isEqualTo(Map.of("source", "delete", "path", "33000/3", "success", true));

        Api.Response links = op("rest-dev", "discover", body("path", "3/0"));
        assertThat(links.status()).isEqualTo(200);
        assertThat(links.items()).extracting(l -> l.get("path")).contains("3/0", "3/0/0");

        Api.Response a = op("rest-dev", "write-attributes", body("path", "33000/0/11", "value", Map.of("pmin", 1, "pmax", 60)));
        assertThat(a.status()).isEqualTo(200);
        assertThat(op("rest-dev", "write-attributes", body("path", "33000/0/11", "value", Map.of("foo", 1))).status())
                .isEqualTo(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void observe_and_observe_cancel_over_http() {
        Api.Response o = op("rest-dev", "observe", body("paths", List.of("33000/0/11"),
                "options", Map.of("context", "rest-obs")));
        assertThat(o.status()).isEqualTo(200);
        String token = (String) ((Map<String, Object>) o.map().get("tokens")).get("33000/0/11");
        instance.setCounter(21);
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications("rest-obs").size() >= 2);

        Api.Response c = op("rest-dev", "observe-cancel", body("token", token));
        assertThat(c.status()).isEqualTo(200);
        assertThat(c.map()).containsEntry("success", true);
        Api.Response again = op("rest-dev", "observe-cancel", body("token", token));
        assertThat(again.status()).isEqualTo(404);
        assertThat((String) again.map().get("error")).contains("no observation with token");
    }

    @Test
    @SuppressWarnings("unchecked")
    void observe_cancel_by_path_over_http_ends_every_observation_of_the_path() {
        List<String> tokens = new java.util.ArrayList<>();
        for (String context : List.of("by-path-1", "by-path-2")) {
            Api.Response o = op("rest-dev", "observe", body("path", "/3/0/0", "options", Map.of("context", context)));
            assertThat(o.status()).as(o.toString()).isEqualTo(200);
            tokens.add((String) ((Map<String, Object>) o.map().get("tokens")).get("3/0/0"));
        }
        // both are listed, with their contexts, before they end
        List<Map<String, Object>> held = server.api().get("/api/v1/endpoints/rest-dev/observations").items();
        assertThat(held).filteredOn(h -> h.get("paths").equals(List.of("3/0/0")))
                .extracting(h -> h.get("token"), h -> h.get("context"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(tokens.get(0), "by-path-1"),
                        org.assertj.core.groups.Tuple.tuple(tokens.get(1), "by-path-2"));
        assertThat(server.api().get("/api/v1/endpoints/no-such-device/observations").status()).isEqualTo(404);
        Api.Response c = op("rest-dev", "observe-cancel", body("path", "/3/0/0"));
        assertThat(c.status()).as(c.toString()).isEqualTo(200);
        assertThat(c.map()).containsEntry("success", true).containsEntry("path", "3/0/0");
        assertThat((List<Object>) c.map().get("cancelled")).containsExactlyInAnyOrderElementsOf(tokens);
        for (String token : tokens) {
            assertThat(op("rest-dev", "observe-cancel", body("token", token)).status()).isEqualTo(404);
        }
        assertThat(op("rest-dev", "observe-cancel", body("paths", List.of("3/0/0"))).map().get("cancelled"))
                .isEqualTo(List.of());
        assertThat(server.api().get("/api/v1/endpoints/rest-dev/observations").items())
                .noneMatch(h -> h.get("paths").equals(List.of("3/0/0")));
        Api.Response none = op("rest-dev", "observe-cancel", body("options", Map.of()));
        assertThat(none.status()).isEqualTo(400);
        assertThat((String) none.map().get("error")).contains("'token'").contains("'path'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void async_calls_answer_202_and_end_in_events() {
        Api.Response r = op("rest-dev", "read", body("paths", List.of("3/0/0", "3/0/100"),
                "options", Map.of("async", true, "context", Map.of("via", "rest"))));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.map()).isEqualTo(Map.of("accepted", true));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.events("lwm2m-result", "rest-dev").stream()
                .anyMatch(e -> Map.of("via", "rest").equals(((Map<String, Object>) e.get("data")).get("context"))));
        Map<String, Object> result = server.events("lwm2m-result", "rest-dev").stream()
                .map(e -> (Map<String, Object>) e.get("data"))
                .filter(d -> Map.of("via", "rest").equals(d.get("context"))).findFirst().orElseThrow();
        assertThat(result).containsEntry("success", false).containsEntry("error", "partial success")
                .containsEntry("partialErrors", Map.of("3/0/100", "coap: not found"));
    }

    @Test
    void errors_map_to_statuses_with_the_error_body() {
        Api.Response unknown = op("nobody", "read", body("paths", "3/0/0"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.map()).containsEntry("error", "endpoint 'nobody' is not registered");

        Api.Response badValue = op("rest-dev", "write", body("path", "33000/0/1", "value", "abc"));
        assertThat(badValue.status()).isEqualTo(400);
        assertThat(badValue.map()).containsEntry("error", "value for 33000/0/1 must be an Integer, not \"abc\"");

        Api.Response badPath = op("rest-dev", "read", body("paths", "3/zero"));
        assertThat(badPath.status()).isEqualTo(400);
        assertThat((String) badPath.map().get("error")).contains("invalid path '3/zero'");

        Api.Response noPath = op("rest-dev", "write", body("value", 1));
        assertThat(noPath.status()).isEqualTo(400);
        assertThat(api.post("/api/v1/endpoints/rest-dev/read", "not json").status()).isEqualTo(400);
        assertThat(op("rest-dev", "read", body("paths", "3/0/0", "options", "fast")).status()).isEqualTo(400);

        Api.Response notFound = op("rest-dev", "read", body("paths", "3/0/100"));
        assertThat(notFound.status()).isEqualTo(502);
        assertThat(notFound.map()).containsEntry("error", "coap: not found");

        Api.Response notExec = op("rest-dev", "execute", body("path", "3/0/0"));
        assertThat(notExec.status()).isEqualTo(502);
        assertThat(notExec.map()).containsEntry("error", "coap: method not allowed");

        Api.Response partial = op("rest-dev", "read", body("paths", List.of("3/0/0", "3/0/100")));
        assertThat(partial.status()).isEqualTo(502);
        assertThat(partial.map()).containsEntry("details", Map.of("partialErrors", Map.of("3/0/100", "coap: not found")));

        assertThat(api.withToken(null).post("/api/v1/endpoints/rest-dev/read", body("paths", "3/0/0")).status())
                .isEqualTo(401);
    }

    @Test
    void a_device_that_never_answers_gives_504_and_the_server_keeps_working() {
        TestDevice silent = TestDevice.named("silent").start(server.coapUri()).awaitRegistered();
        silent.vanish();
        long start = System.nanoTime();
        Api.Response r = op("silent", "write", body("path", "3/0/15", "value", "UTC", "options", Map.of("timeout", 1)));
        assertThat(r.status()).isEqualTo(504);
        assertThat(r.map()).containsEntry("error", "device did not respond to the request");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        // the other device still answers
        assertThat(op("rest-dev", "read", body("paths", "3/0/0")).status()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> notifications(Object context) {
        return server.events("lwm2m-data", "rest-dev").stream().map(e -> (Map<String, Object>) e.get("data"))
                .filter(d -> "notify".equals(d.get("source")) && context.equals(d.get("context"))).toList();
    }
}
