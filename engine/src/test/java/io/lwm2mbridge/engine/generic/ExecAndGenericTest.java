package io.lwm2mbridge.engine.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code exec.now}, {@code exec.sync} and {@code POST /generic/{name}} on a real server. */
class ExecAndGenericTest {

    private static TestServer server;
    private static Scripts scripts;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        scripts = new Scripts(server);
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String generic(String name, String filterGeneric, String def) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", name);
        t.put("filterType", "generic");
        t.put("filterGeneric", filterGeneric);
        t.put("def", def);
        Api.Response r = api.post("/api/v1/triggers", t);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return (String) r.map().get("id");
    }

    @Test
    void exec_sync_returns_the_callees_reply_and_event_data_is_the_payload_itself() {
        generic("adder", "add", "trigger.reply({sum: event.data.a + event.data.b, keys: Object.keys(event.data),"
                + " type: event.type, noEndpoint: event.endpoint === null});");
        assertThat(scripts.value("return exec.sync('add', {a: 2, b: 3}, 10);"))
                .isEqualTo(Map.of("sum", 5, "keys", List.of("a", "b"), "type", "generic", "noEndpoint", true));
    }

    @Test
    void exec_sync_is_null_when_no_trigger_has_that_name_and_when_the_callee_does_not_reply() {
        generic("silent", "silent", "log.info('silent ran');");
        assertThat(scripts.value("return {none: exec.sync('nobody-is-called-this', {}), quiet: exec.sync('silent', {})};"))
                .isEqualTo(expectedNulls());
    }

    private static Map<String, Object> expectedNulls() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("none", null);
        m.put("quiet", null);
        return m;
    }

    @Test
    void exec_sync_throws_on_timeout_and_the_callee_runs_on_another_worker() {
        generic("slow", "slow", "trigger.sleep(3000); trigger.reply('late');");
        Map<String, Object> e = scripts.error("exec.sync('slow', {}, 0.5);");
        assertThat(e).isEqualTo(Map.of("name", "Error", "message", "exec.sync: 'slow' did not reply within 0.5 s"));
    }

    @Test
    void exec_sync_wait_does_not_count_against_the_callers_cpu_budget() {
        api.put("/api/v1/settings", Map.of("script_cpu_budget_ms", 200));
        try {
            generic("sleeper", "sleeper", "trigger.sleep(1500); trigger.reply('rested');");
            assertThat(scripts.value("return exec.sync('sleeper', {}, 10);")).isEqualTo("rested");
        } finally {
            api.put("/api/v1/settings", Map.of("script_cpu_budget_ms", 5000));
        }
    }

    @Test
    void exec_sync_of_a_failing_callee_throws_naming_the_trigger_and_line() {
        generic("broken", "broken", "var x = 1;\nnoSuchFunction();");
        Map<String, Object> e = scripts.error("exec.sync('broken', {});");
        assertThat(e.get("name")).isEqualTo("Error");
        assertThat((String) e.get("message")).startsWith("exec.sync: 'broken' failed in trigger 'broken' at line 2: ")
                .contains("noSuchFunction");
    }

    @Test
    void exec_now_starts_the_callee_and_returns_at_once_and_no_match_is_silent() {
        generic("noted", "note", "log.info('noted', event.data);");
        assertThat(scripts.value("exec.now('note', {n: 7}); exec.now('nobody-here', {}); return 'done';"))
                .isEqualTo("done");
        await().atMost(Duration.ofSeconds(10)).until(() -> !server.logs("noted").isEmpty());
        assertThat(server.logs("noted").get(0).get("data")).isEqualTo(Map.of("n", 7));
        // the call is a generic event in the log, its data the payload
        await().atMost(Duration.ofSeconds(5)).until(() -> server.events("generic", null).stream()
                .anyMatch(ev -> Map.of("n", 7).equals(ev.get("data"))));
    }

    @Test
    void each_trigger_of_the_name_runs_and_filter_custom_applies_to_the_payload() {
        generic("two-a", "pair", "log.info('pair ran', {who: 'a'});");
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", "two-b");
        t.put("filterType", "generic");
        t.put("filterGeneric", "pair");
        t.put("filterCustom", Map.of("kind", Map.of("comp", "eq", "value", "b")));
        t.put("def", "log.info('pair ran', {who: 'b'});");
        assertThat(api.post("/api/v1/triggers", t).status()).isEqualTo(201);
        scripts.value("exec.now('pair', {kind: 'x'}); exec.now('pair', {kind: 'b'}); return null;");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.logs("pair ran").size() == 3);
        assertThat(server.logs("pair ran").stream().map(e -> (Object) ((Map<?, ?>) e.get("data")).get("who")).toList())
                .containsExactlyInAnyOrder("a", "a", "b");
    }

    @Test
    void wrong_argument_types_are_type_errors_with_clear_messages() {
        assertThat(scripts.error("exec.now(42, {});")).isEqualTo(Map.of("name", "TypeError",
                "message", "exec.now: the generic name must be a non-empty string, not 42"));
        assertThat(scripts.error("exec.sync('x', 'text');")).isEqualTo(Map.of("name", "TypeError",
                "message", "exec.sync: data must be an object (it becomes event.data), not 'text'"));
        assertThat(scripts.error("exec.sync('x', {}, 'soon');")).isEqualTo(Map.of("name", "TypeError",
                "message", "exec.sync: timeoutSeconds must be a number, not 'soon'"));
        assertThat(scripts.error("exec.sync('x', {}, -1);")).isEqualTo(Map.of("name", "RangeError",
                "message", "exec.sync: timeoutSeconds must be more than 0 and at most 3600, not -1"));
    }

    @Test
    void post_generic_returns_the_reply_or_204_and_refuses_a_body_that_is_not_an_object() {
        generic("echo", "echo", "trigger.reply({got: event.data});");
        Api.Response r = api.post("/api/v1/generic/echo", Map.of("x", 1));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(Map.of("got", Map.of("x", 1)));

        assertThat(api.post("/api/v1/generic/no-such-generic", Map.of()).status()).isEqualTo(204);
        Api.Response empty = api.send(api.request("/api/v1/generic/echo").POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json()).isEqualTo(Map.of("got", Map.of()));

        Api.Response bad = api.post("/api/v1/generic/echo", "[1, 2]");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.map().get("error")).isEqualTo("the body must be a JSON object: it becomes event.data");
    }

    @Test
    void post_generic_of_a_failing_trigger_is_500_with_the_trigger_and_line() {
        generic("fails-over-http", "fails-over-http", "\nthrow new Error('boom');");
        Api.Response r = api.post("/api/v1/generic/fails-over-http", Map.of());
        assertThat(r.status()).isEqualTo(500);
        assertThat((String) r.map().get("error")).startsWith("trigger 'fails-over-http' failed at line 2: ").contains("boom");
        assertThat(r.map().get("details")).isEqualTo(Map.of("trigger", "fails-over-http", "line", 2));
    }
}
