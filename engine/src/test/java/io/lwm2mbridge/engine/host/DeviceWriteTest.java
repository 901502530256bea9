package io.lwm2mbridge.engine.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestObject;
import io.lwm2mbridge.engine.testing.TestServer;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.node.ObjectLink;
import org.eclipse.leshan.core.util.datatype.ULong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** lwm2m.write and lwm2m.writeMulti against a real Leshan client: modes, value types, errors and events. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceWriteTest {

    private TestServer server;
    private TestDevice device;
    private final TestObject.Instance first = new TestObject.Instance(0);
    private final TestObject.Instance second = new TestObject.Instance(1);

    @BeforeAll
    void start() {
        server = TestServer.start();
        TestObject.define(server.server());
        device = TestDevice.named("writer").withModels(List.of(TestObject.MODEL))
                .withInstances(TestObject.ID, first, second).start(server.coapUri()).awaitRegistered();
    }

    @AfterAll
    void stop() {
        device.close();
        server.close();
    }

    @Test
    void instance_write_is_a_partial_update_unless_replace_is_asked() {
        Map<String, Object> out = Scripts.map(server, "writer", """
                var ep = event.endpoint.key;
                var r1 = lwm2m.write(ep, '3/0/15', 'Europe/Paris', {async: false, encoding: 'text', notAnOption: 1});
                lwm2m.write(ep, '3/0', {14: '+02:00'}, {async: false});
                var kept = lwm2m.read(ep, '3/0/15', {async: false, return: 'value'}).value;
                lwm2m.write(ep, '/3/0', {'14': '+03:00'}, {async: false, replace: true});
                var afterReplace = lwm2m.read(ep, '3/0', {async: false, translateIds: 'numbers'})['3']['0'];
                trigger.reply({r1: r1, kept: kept, offset: afterReplace['14'], zone: afterReplace['15']});
                """);
        assertThat(out.get("r1")).isEqualTo(Map.of("source", "write", "path", "3/0/15", "success", true));
        assertThat(out.get("kept")).isEqualTo("Europe/Paris");
        assertThat(out.get("offset")).isEqualTo("+03:00");
        // a replace resets what it does not name: the client's default zone, not the one written before
        assertThat(out.get("zone")).isNotEqualTo("Europe/Paris");
    }

    @Test
    void written_values_follow_the_resource_types_of_the_registry() {
        Object reply = Scripts.run(server, "writer", """
                var ep = event.endpoint.key;
                lwm2m.write(ep, '33000/0', {0: 42, 1: '17', 2: 4000000000, 3: 2, 4: 'true', 5: '2024-05-01T10:00:00Z',
                    6: convert.hexToBin('0102ff'), 7: '3:0', 10: {0: 5, 3: 7}}, {async: false});
                lwm2m.write(ep, '33000/1/5', 1714557600, {async: false});
                lwm2m.write(ep, '33000/1/6', new Uint8Array([9, 8]), {async: false, encoding: 'opaque'});
                lwm2m.write(ep, '33000/1/0', 'CAFE', {async: false, encoding: 'senml_json'});
                lwm2m.write(ep, '33000/1/7', '33000:1', {async: false, encoding: 'senml_cbor'});
                lwm2m.write(ep, '33000/1/3', 2.5, {async: false});
                lwm2m.write(ep, '33000/1', {text: 'by name'}, {async: false});
                trigger.reply(lwm2m.read(ep, ['33000/0', '33000/1'], {async: false, translateIds: 'numbers'}));
                """);
        // what the device itself received, in Java types
        assertThat(first.value(TestObject.TEXT)).isEqualTo("42");
        assertThat(first.value(TestObject.COUNT)).isEqualTo(17L);
        assertThat(first.value(TestObject.SIZE)).isEqualTo(ULong.valueOf(4_000_000_000L));
        assertThat(first.value(TestObject.RATIO)).isEqualTo(2.0);
        assertThat(first.value(TestObject.ENABLED)).isEqualTo(true);
        assertThat(first.value(TestObject.STAMP)).isEqualTo(Date.from(java.time.Instant.parse("2024-05-01T10:00:00Z")));
        assertThat((byte[]) first.value(TestObject.BLOB)).containsExactly(1, 2, 255);
        assertThat(first.value(TestObject.TARGET)).isEqualTo(new ObjectLink(3, 0));
        assertThat(first.levels()).isEqualTo(Map.of(0, 5L, 3, 7L));
        assertThat(second.value(TestObject.STAMP)).isEqualTo(Date.from(java.time.Instant.parse("2024-05-01T10:00:00Z")));
        assertThat((byte[]) second.value(TestObject.BLOB)).containsExactly(9, 8);
        assertThat(second.value(TestObject.TARGET)).isEqualTo(new ObjectLink(33000, 1));
        assertThat(second.value(TestObject.RATIO)).isEqualTo(2.5);
        assertThat(second.value(TestObject.TEXT)).isEqualTo("by name");
        // and read back as scripts see them
        @SuppressWarnings("unchecked")
        Map<String, Object> inst0 = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) reply).get("33000")).get("0");
        assertThat(inst0).containsEntry("0", "42").containsEntry("1", 17).containsEntry("2", 4000000000L)
                .containsEntry("4", true).containsEntry("5", "2024-05-01T10:00:00Z").containsEntry("6", "0102ff")
                .containsEntry("7", "3:0").containsEntry("10", Map.of("0", 5, "3", 7));
    }

    @Test
    void write_of_wrong_type_names_path_and_type_and_sends_nothing() {
        int writesBefore = first.writes();
        Map<String, Object> out = Scripts.map(server, "writer", """
                var ep = event.endpoint.key, out = {};
                function attempt(name, path, value) {
                  try { lwm2m.write(ep, path, value, {async: false}); out[name] = 'no error'; }
                  catch (e) { out[name] = e.name + ': ' + e.message; }
                }
                attempt('integer', '33000/0/1', 'abc');
                attempt('fraction', '33000/0/1', 1.5);
                attempt('unsigned', '33000/0/2', -1);
                attempt('bool', '33000/0/4', 'maybe');
                attempt('time', '33000/0/5', 'yesterday');
                attempt('opaque', '33000/0/6', 'xyz');
                attempt('objlnk', '33000/0/7', 'three');
                attempt('multiple', '33000/0/10', 5);
                attempt('inInstance', '33000/0', {1: 2, 4: 'nope'});
                attempt('unknownResource', '3/0/100', 'x');
                attempt('executable', '33000/0/8', 'x');
                attempt('noValue', '33000/0/0');
                lwm2m.write(ep, '33000/0/1', 'abc', {context: 'bad-write'});
                trigger.reply(out);
                """);
        assertThat(out.get("integer")).isEqualTo("TypeError: value for 33000/0/1 must be an Integer, not \"abc\"");
        assertThat(out.get("fraction")).isEqualTo("TypeError: value for 33000/0/1 must be an Integer, not 1.5");
        assertThat((String) out.get("unsigned")).contains("33000/0/2").contains("Unsigned Integer");
        assertThat((String) out.get("bool")).contains("33000/0/4").contains("Boolean");
        assertThat((String) out.get("time")).contains("33000/0/5").contains("Time");
        assertThat((String) out.get("opaque")).contains("33000/0/6").contains("Opaque");
        assertThat((String) out.get("objlnk")).contains("33000/0/7").contains("Objlnk");
        assertThat((String) out.get("multiple")).contains("33000/0/10").contains("multiple resource");
        assertThat((String) out.get("inInstance")).contains("33000/0/4").contains("Boolean");
        assertThat(out.get("unknownResource")).isEqualTo("TypeError: tlv: resource definition not found: 3/0/100");
        assertThat((String) out.get("executable")).contains("33000/0/8").contains("executable");
        assertThat((String) out.get("noValue")).startsWith("TypeError: lwm2m.write: give the value");
        // nothing reached the device, not even the good half of the instance write
        assertThat(first.writes()).isEqualTo(writesBefore);
        // asynchronously, the same error arrives as lwm2m-error and lwm2m-result
        await().atMost(Duration.ofSeconds(10)).until(() -> result("bad-write") != null);
        assertThat(result("bad-write")).containsEntry("source", "write").containsEntry("path", "33000/0/1")
                .containsEntry("success", false)
                .containsEntry("error", "value for 33000/0/1 must be an Integer, not \"abc\"");
        assertThat(server.events("lwm2m-error", "writer")).anySatisfy(e -> assertThat(e.get("data"))
                .isEqualTo(Map.of("source", "write", "path", "33000/0/1", "context", "bad-write",
                        "error", "value for 33000/0/1 must be an Integer, not \"abc\"")));
    }

    @Test
    void write_errors_of_the_device_and_of_unknown_endpoints_are_reported() {
        Map<String, Object> out = Scripts.map(server, "writer", """
                var out = {};
                try { lwm2m.write('nobody', '3/0/15', 'UTC', {async: false}); } catch (e) { out.unknown = e.message; }
                try { lwm2m.write(event.endpoint.key, '33000/9/0', 'x', {async: false}); } catch (e) { out.missing = e.message; }
                try { lwm2m.write(event.endpoint.key, '3/0/0', 'Other', {async: false}); } catch (e) { out.readOnly = e.message; }
                try { lwm2m.write(event.endpoint.key, '3', {}, {async: false}); } catch (e) { out.object = e.name + ': ' + e.message; }
                lwm2m.write('nobody', '3/0/15', 'UTC', {context: 'to-nobody'});
                trigger.reply(out);
                """);
        assertThat(out.get("unknown")).isEqualTo("endpoint 'nobody' is not registered");
        assertThat(out.get("missing")).isEqualTo("coap: not found");
        assertThat(out.get("readOnly")).isEqualTo("coap: method not allowed");
        assertThat((String) out.get("object")).startsWith("TypeError: ").contains("resource or an instance path");
        await().atMost(Duration.ofSeconds(10)).until(() -> result("to-nobody") != null);
        assertThat(result("to-nobody")).containsEntry("success", false)
                .containsEntry("error", "endpoint 'nobody' is not registered");
    }

    @Test
    void write_multi_sends_one_write_per_instance_and_ends_in_exactly_one_result() {
        Scripts.run(server, "writer", """
                lwm2m.writeMulti(event.endpoint.key, {'3': {'0': {'15': 'Asia/Tokyo'}},
                    'bridge_test': {'0': {'0': 'multi-0', '1': 10}, '1': {'count': 11}}}, {context: 'wm-1'});
                """);
        await().atMost(Duration.ofSeconds(10)).until(() -> result("wm-1") != null);
        assertThat(result("wm-1")).isEqualTo(Map.of("source", "writeMulti", "path", "3/0,33000/0,33000/1",
                "success", true, "context", "wm-1"));
        assertThat(first.value(TestObject.TEXT)).isEqualTo("multi-0");
        assertThat(first.value(TestObject.COUNT)).isEqualTo(10L);
        assertThat(second.value(TestObject.COUNT)).isEqualTo(11L);

        // one instance missing on the device: one result, partial success
        Scripts.run(server, "writer", """
                lwm2m.writeMulti(event.endpoint.key, {'33000': {'0': {'1': 20}, '7': {'1': 21}}}, {context: 'wm-2'});
                """);
        await().atMost(Duration.ofSeconds(10)).until(() -> result("wm-2") != null);
        assertThat(result("wm-2")).containsEntry("success", false).containsEntry("error", "partial success")
                .containsEntry("partialErrors", Map.of("33000/7", "coap: not found"));
        assertThat(first.value(TestObject.COUNT)).isEqualTo(20L);

        // a marker call after both: had either ended in two results, the second would be in by now
        Scripts.run(server, "writer", "lwm2m.write(event.endpoint.key, '33000/0/1', 1, {context: 'marker'});");
        await().atMost(Duration.ofSeconds(10)).until(() -> result("marker") != null);
        assertThat(results("wm-1")).hasSize(1);
        assertThat(results("wm-2")).hasSize(1);
    }

    @Test
    void write_multi_with_composite_uses_one_write_composite_on_a_1_1_client() {
        Map<String, Object> out = Scripts.map(server, "writer", """
                var ep = event.endpoint.key;
                var r = lwm2m.writeMulti(ep, {'33000': {'0': {'0': 'composite-0', '10': {'0': 9}}, '1': {'0': 'composite-1'}}},
                    {composite: true, async: false});
                lwm2m.writeMulti(ep, {'33000': {'0': {'1': 31}, '1': {'1': 32}}}, {composite: true, context: 'wm-c'});
                trigger.reply({r: r});
                """);
        assertThat(out.get("r")).isEqualTo(Map.of("source", "writeMulti", "path", "33000/0,33000/1", "success", true));
        assertThat(first.value(TestObject.TEXT)).isEqualTo("composite-0");
        assertThat(second.value(TestObject.TEXT)).isEqualTo("composite-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> result("wm-c") != null);
        assertThat(result("wm-c")).containsEntry("success", true);
        assertThat(first.value(TestObject.COUNT)).isEqualTo(31L);
        assertThat(second.value(TestObject.COUNT)).isEqualTo(32L);
        assertThat(first.levels()).containsEntry(0, 9L);
    }

    @Test
    void write_multi_rejects_a_malformed_tree_at_once() {
        Map<String, Object> out = Scripts.map(server, "writer", """
                var out = {};
                try { lwm2m.writeMulti(event.endpoint.key, {'nothing': {'0': {'0': 1}}}); } catch (e) { out.object = e.message; }
                try { lwm2m.writeMulti(event.endpoint.key, {'3': {'x': {'0': 1}}}); } catch (e) { out.instance = e.message; }
                try { lwm2m.writeMulti(event.endpoint.key, {'3': {'0': 5}}); } catch (e) { out.resources = e.message; }
                out.empty = JSON.stringify(lwm2m.writeMulti(event.endpoint.key, {}, {async: false}));
                trigger.reply(out);
                """);
        assertThat(out.get("object")).isEqualTo("lwm2m.writeMulti: unknown object 'nothing'");
        assertThat((String) out.get("instance")).contains("instance ids must be numbers");
        assertThat((String) out.get("resources")).contains("must hold {resourceId: value}");
        assertThat(out.get("empty")).isEqualTo("{}");
    }

    private Map<String, Object> result(String context) {
        List<Map<String, Object>> r = results(context);
        return r.isEmpty() ? null : r.get(0);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> results(String context) {
        return server.events("lwm2m-result", null).stream()
                .map(e -> (Map<String, Object>) e.get("data"))
                .filter(d -> context.equals(d.get("context")))
                .toList();
    }
}
