package io.lwm2mbridge.engine.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestBed;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code exec.now}, {@code exec.sync} and {@code POST /generic/{name}} on a real bed.server(). */
class ExecAndGenericTest {

    @RegisterExtension
    static final TestBed bed = new TestBed();
    private static Scripts scripts;
    private static Api api;

    @BeforeAll
    static void start() {
        scripts = new Scripts(bed.server());
        api = bed.server().api();
    }

    private static String generic(String name, String filterGeneric, String def) {
        return bed.server().createGeneric(name, filterGeneric, def);
    }

    @Test
    void exec_sync_returns_the_callees_reply_and_the_payload_is_event_data_data() {
        generic("adder", "add", "trigger.reply({sum: event.data.data.a + event.data.data.b,"
                + " keys: Object.keys(event.data.data), fields: Object.keys(event.data), source: event.data.source,"
                + " type: event.type, noEndpoint: event.endpoint === null});");
        assertThat(scripts.value("return exec.sync('add', {a: 2, b: 3}, 10);")).isEqualTo(Map.of("sum", 5,
                "keys", List.of("a", "b"), "fields", List.of("data", "source"), "source", "exec.sync",
                "type", "generic", "noEndpoint", true));
    }

    /**
     * A generic trigger written for the hosted bridge, unmodified: it reads {@code event.data.data.keys}
     * and {@code event.data.data.checkTlv}. It must answer the same through all three ways of calling.
     */
    @Test
    void a_published_generic_template_runs_unchanged_through_exec_now_exec_sync_and_http() {
        String id = generic("template-lookup", "lookup", """
                var keys = event.data.data.keys;
                var answer = {found: {}, tlv: event.data.data.checkTlv === true, via: event.data.source};
                for (var i = 0; i < keys.length; i++) {
                  answer.found[keys[i]] = cache.get('tpl.' + keys[i]);
                }
                log.info('template-lookup ran', answer);
                trigger.reply(answer);
                """);
        scripts.value("cache.set('tpl.a', 1); cache.set('tpl.b', 'two'); return null;");
        Map<String, Object> expected = Map.of("found", Map.of("a", 1, "b", "two"), "tlv", true, "via", "exec.sync");

        assertThat(scripts.value("return exec.sync('lookup', {keys: ['a', 'b'], checkTlv: true}, 10);"))
                .isEqualTo(expected);

        Api.Response http = api.post("/api/v1/generic/lookup", Map.of("keys", List.of("a", "b"), "checkTlv", true));
        assertThat(http.status()).as(http.toString()).isEqualTo(200);
        assertThat(http.json()).isEqualTo(Map.of("found", Map.of("a", 1, "b", "two"), "tlv", true, "via", "http"));

        scripts.value("exec.now('lookup', {keys: ['b'], checkTlv: false}); return null;");
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.server().logs("template-lookup ran").stream()
                .anyMatch(l -> "exec.now".equals(((Map<?, ?>) l.get("data")).get("via"))));
        assertThat(bed.server().logs("template-lookup ran").stream().map(l -> l.get("data"))
                .filter(d -> "exec.now".equals(((Map<?, ?>) d).get("via"))).toList())
                .containsExactly(Map.of("found", Map.of("b", "two"), "tlv", false, "via", "exec.now"));
        assertThat(api.get("/api/v1/triggers/" + id + "/errors").items()).isEmpty();
    }

    @Test
    void the_payload_may_be_any_json_value_and_defaults_to_an_empty_object() {
        generic("shape", "shape", "trigger.reply({t: Array.isArray(event.data.data) ? 'array' : typeof event.data.data,"
                + " v: event.data.data});");
        assertThat(scripts.value("return [exec.sync('shape', [1, 2]), exec.sync('shape', 'text'), exec.sync('shape', 7),"
                + " exec.sync('shape')];")).isEqualTo(List.of(Map.of("t", "array", "v", List.of(1, 2)),
                Map.of("t", "string", "v", "text"), Map.of("t", "number", "v", 7), Map.of("t", "object", "v", Map.of())));
        Api.Response array = api.post("/api/v1/generic/shape", "[1, 2]");
        assertThat(array.status()).isEqualTo(200);
        assertThat(array.json()).isEqualTo(Map.of("t", "array", "v", List.of(1, 2)));
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
        generic("noted", "note", "log.info('noted', event.data.data);");
        assertThat(scripts.value("exec.now('note', {n: 7}); exec.now('nobody-here', {}); return 'done';"))
                .isEqualTo("done");
        await().atMost(Duration.ofSeconds(10)).until(() -> !bed.server().logs("noted").isEmpty());
        assertThat(bed.server().logs("noted").get(0).get("data")).isEqualTo(Map.of("n", 7));
        // the call is a generic event in the log, the payload at data.data
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.server().events("generic", null).stream()
                .anyMatch(ev -> Map.of("data", Map.of("n", 7), "source", "exec.now").equals(ev.get("data"))));
    }

    @Test
    void each_trigger_of_the_name_runs_and_filter_custom_applies_inside_event_data() {
        generic("two-a", "pair", "log.info('pair ran', {who: 'a'});");
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", "two-b");
        t.put("filterType", "generic");
        t.put("filterGeneric", "pair");
        t.put("filterCustom", Map.of("data.kind", Map.of("comp", "eq", "value", "b")));
        t.put("def", "log.info('pair ran', {who: 'b'});");
        assertThat(api.post("/api/v1/triggers", t).status()).isEqualTo(201);
        scripts.value("exec.now('pair', {kind: 'x'}); exec.now('pair', {kind: 'b'}); return null;");
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.server().logs("pair ran").size() == 3);
        assertThat(bed.server().logs("pair ran").stream().map(e -> (Object) ((Map<?, ?>) e.get("data")).get("who")).toList())
                .containsExactlyInAnyOrder("a", "a", "b");
    }

    @Test
    void wrong_argument_types_are_type_errors_with_clear_messages() {
        assertThat(scripts.error("exec.now(42, {});")).isEqualTo(Map.of("name", "TypeError",
                "message", "exec.now: the generic name must be a non-empty string, not 42"));
        assertThat(scripts.error("exec.sync('x', {}, 'soon');")).isEqualTo(Map.of("name", "TypeError",
                "message", "exec.sync: timeoutSeconds must be a number, not 'soon'"));
        assertThat(scripts.error("exec.sync('x', {}, -1);")).isEqualTo(Map.of("name", "RangeError",
                "message", "exec.sync: timeoutSeconds must be more than 0 and at most 3600, not -1"));
    }

    @Test
    void post_generic_returns_the_reply_or_204_and_refuses_a_body_that_is_not_json() {
        generic("echo", "echo", "trigger.reply({got: event.data.data, method: event.data.method});");
        Api.Response r = api.post("/api/v1/generic/echo", Map.of("x", 1));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(Map.of("got", Map.of("x", 1), "method", "POST"));

        assertThat(api.post("/api/v1/generic/no-such-generic", Map.of()).status()).isEqualTo(204);
        Api.Response empty = api.send(api.request("/api/v1/generic/echo").POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json()).isEqualTo(Map.of("got", Map.of(), "method", "POST"));

        Api.Response bad = api.post("/api/v1/generic/echo", "{\"x\": ");
        assertThat(bad.status()).isEqualTo(400);
        assertThat((String) bad.map().get("error")).startsWith("the body is not valid JSON");
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
