package io.lwm2mbridge.engine.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestObject;
import io.lwm2mbridge.engine.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** exec, execWithArgs, create, delete, discover and writeAttrs against a real Leshan client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceExecCreateDiscoverTest {

    private TestServer server;
    private TestDevice device;
    private final TestObject.Instance instance = new TestObject.Instance(0);

    @BeforeAll
    void start() {
        server = TestServer.start();
        TestObject.define(server.server());
        device = TestDevice.named("actor").withModels(List.of(TestObject.MODEL))
                .withInstances(TestObject.ID, instance).start(server.coapUri()).awaitRegistered();
    }

    @AfterAll
    void stop() {
        device.close();
        server.close();
    }

    @Test
    void exec_sends_arguments_in_all_three_spellings() {
        Map<String, Object> out = Scripts.map(server, "actor", """
                var ep = event.endpoint.key, out = {};
                out.plain = lwm2m.exec(ep, '33000/0/8', {async: false});
                out.argsPlain = lwm2m.read(ep, '33000/0/9', {async: false, return: 'value'}).value;
                lwm2m.execWithArgs(ep, '33000/0/8', {'0': 'abc', '1': 5, '2': null}, {async: false});
                out.argsObject = lwm2m.read(ep, '33000/0/9', {async: false, return: 'value'}).value;
                lwm2m.exec(ep, '33000/0/8', "0='x'", {async: false});
                out.argsText = lwm2m.read(ep, '33000/0/9', {async: false, return: 'value'}).value;
                trigger.reply(out);
                """);
        assertThat(out.get("plain")).isEqualTo(Map.of("source", "exec", "path", "33000/0/8", "success", true));
        assertThat(out.get("argsPlain")).isEqualTo("");
        assertThat(out.get("argsObject")).isEqualTo("0='abc',1='5',2");
        assertThat(out.get("argsText")).isEqualTo("0='x'");
        assertThat(instance.executions()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void exec_on_a_non_executable_resource_is_method_not_allowed_and_bad_arguments_are_refused() {
        int before = instance.executions();
        Map<String, Object> out = Scripts.map(server, "actor", """
                var ep = event.endpoint.key, out = {};
                try { lwm2m.exec(ep, '3/0/0', {async: false}); } catch (e) { out.notExec = e.message; }
                try { lwm2m.execWithArgs(ep, '33000/0/8', {'x': 'abc'}); } catch (e) { out.badName = e.name + ': ' + e.message; }
                try { lwm2m.exec(ep, '33000/0/8', "0=abc", {async: false}); } catch (e) { out.badText = e.name; }
                lwm2m.exec(ep, '3/0/0', {context: 'exec-ctx'});
                trigger.reply(out);
                """);
        assertThat(out.get("notExec")).isEqualTo("coap: method not allowed");
        assertThat((String) out.get("badName")).startsWith("TypeError: lwm2m.execWithArgs: execute argument names");
        assertThat(out.get("badText")).isEqualTo("TypeError");
        assertThat(instance.executions()).isEqualTo(before);
        await().atMost(Duration.ofSeconds(10)).until(() -> result("exec-ctx") != null);
        assertThat(result("exec-ctx")).isEqualTo(Map.of("source", "exec", "path", "3/0/0", "success", false,
                "error", "coap: method not allowed", "context", "exec-ctx"));
    }

    @Test
    void create_and_delete_instances() {
        Map<String, Object> out = Scripts.map(server, "actor", """
                var ep = event.endpoint.key, out = {};
                out.created = lwm2m.create(ep, '33000/5', {'0': 'new one', '1': 7}, {async: false});
                out.text = lwm2m.read(ep, '33000/5/0', {async: false, return: 'value'}).value;
                out.chosen = lwm2m.create(ep, '33000', {'0': 'client picks'}, {async: false});
                out.deleted = lwm2m.delete(ep, '33000/5', {async: false});
                try { lwm2m.read(ep, '33000/5', {async: false}); } catch (e) { out.afterDelete = e.message; }
                try { lwm2m.create(ep, '33000/0', {'0': 'again'}, {async: false}); } catch (e) { out.duplicate = e.message; }
                try { lwm2m.create(ep, '33000/6', {'1': 'not a number'}, {async: false}); } catch (e) { out.badValue = e.message; }
                try { lwm2m.create(ep, '33000/6/1', {}); } catch (e) { out.badPath = e.name; }
                lwm2m.create(ep, '33000/8', {'0': 'async'}, {context: 'create-ctx'});
                trigger.reply(out);
                """);
        assertThat(out.get("created")).isEqualTo(Map.of("source", "create", "path", "33000/5", "success", true,
                "instanceId", 5, "location", "33000/5"));
        assertThat(out.get("text")).isEqualTo("new one");
        @SuppressWarnings("unchecked")
        Map<String, Object> chosen = (Map<String, Object>) out.get("chosen");
        assertThat(chosen).containsEntry("success", true).containsKey("instanceId");
        assertThat((String) chosen.get("location")).startsWith("33000/");
        assertThat(out.get("deleted")).isEqualTo(Map.of("source", "delete", "path", "33000/5", "success", true));
        assertThat(out.get("afterDelete")).isEqualTo("coap: not found");
        assertThat((String) out.get("duplicate")).startsWith("coap: ");
        assertThat(out.get("badValue")).isEqualTo("value for 33000/6/1 must be an Integer, not \"not a number\"");
        assertThat(out.get("badPath")).isEqualTo("TypeError");
        await().atMost(Duration.ofSeconds(10)).until(() -> result("create-ctx") != null);
        assertThat(result("create-ctx")).containsEntry("success", true).containsEntry("instanceId", 8)
                .containsEntry("location", "33000/8");
    }

    @Test
    @SuppressWarnings("unchecked")
    void discover_returns_the_parsed_links() {
        Map<String, Object> out = Scripts.map(server, "actor", """
                var ep = event.endpoint.key;
                trigger.reply({object: lwm2m.discover(ep, '33000', {async: false}),
                    instance: lwm2m.discover(ep, '/3/0', {async: false})});
                """);
        List<Map<String, Object>> object = (List<Map<String, Object>>) out.get("object");
        assertThat(object).extracting(l -> l.get("path")).contains("33000", "33000/0");
        List<Map<String, Object>> inst = (List<Map<String, Object>>) out.get("instance");
        assertThat(inst).extracting(l -> l.get("path")).contains("3/0", "3/0/0", "3/0/15");
        assertThat(inst).allSatisfy(l -> assertThat(l).containsKey("attributes"));
        // a multiple resource announces its dimension
        Map<String, Object> levels = Scripts.map(server, "actor", """
                var links = lwm2m.discover(event.endpoint.key, '33000/0', {async: false});
                trigger.reply(links.filter(function (l) { return l.path === '33000/0/10'; })[0]);
                """);
        assertThat((Map<String, Object>) levels.get("attributes")).containsEntry("dim", 1);
    }

    @Test
    void write_attributes_set_notification_periods_the_device_follows() {
        Map<String, Object> out = Scripts.map(server, "actor", """
                var ep = event.endpoint.key, out = {};
                // the device applies attributes to observations made after they are written
                out.attrs = lwm2m.writeAttrs(ep, '33000/0/11', {pmin: 0, pmax: 1}, {async: false});
                out.obs = lwm2m.observe(ep, '33000/0/11', {async: false, context: 'periodic'});
                try { lwm2m.writeAttrs(ep, '33000/0/11', {often: 1}); } catch (e) { out.unknown = e.name + ': ' + e.message; }
                try { lwm2m.writeAttrs(ep, '33000/0/11', {pmax: 'soon'}); } catch (e) { out.badValue = e.message; }
                try { lwm2m.writeAttrs(ep, '33000/0', {gt: 5}, {async: false}); } catch (e) { out.gtOnInstance = e.message; }
                trigger.reply(out);
                """);
        assertThat(out.get("attrs")).isEqualTo(Map.of("source", "writeAttrs", "path", "33000/0/11", "success", true));
        assertThat((String) out.get("unknown")).startsWith("TypeError: lwm2m.writeAttrs: unknown attribute 'often'");
        assertThat((String) out.get("badValue")).contains("pmax must be a whole number of seconds");
        assertThat((String) out.get("gtOnInstance")).isNotBlank();
        // with pmax 1 the device notifies every second although the counter does not change
        await().atMost(Duration.ofSeconds(15)).until(() -> notifications("periodic") >= 3);
    }

    @SuppressWarnings("unchecked")
    private long notifications(String context) {
        return server.events("lwm2m-data", "actor").stream().map(e -> (Map<String, Object>) e.get("data"))
                .filter(d -> "notify".equals(d.get("source")) && context.equals(d.get("context"))).count();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> result(String context) {
        return server.events("lwm2m-result", null).stream().map(e -> (Map<String, Object>) e.get("data"))
                .filter(d -> context.equals(d.get("context"))).findFirst().orElse(null);
    }
}
