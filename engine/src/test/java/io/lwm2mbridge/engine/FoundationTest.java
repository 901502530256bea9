package io.lwm2mbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestBed;
import io.lwm2mbridge.engine.testing.TestDevice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The first slice end to end: a real server, real Leshan clients over UDP, triggers uploaded over the API. */
class FoundationTest {

    @RegisterExtension
    final TestBed bed = new TestBed();

    private TestDevice device(String name) {
        return bed.start(TestDevice.named(name).manufacturer("Acme Meters"));
    }

    @Test
    void register_trigger_reads_manufacturer_synchronously_in_all_three_key_formats() {
        bed.server().createTrigger("read-on-register", "lwm2m-register", """
                var ep = event.endpoint.key;
                var n = lwm2m.read(ep, ['3/0'], {async: false, translateIds: 'numbers'});
                var s = lwm2m.read(ep, '3/0', {async: false, translateIds: 'strings'});
                var c = lwm2m.read(ep, ['/3/0'], {async: false});
                var v = lwm2m.read(ep, '3/0/0', {async: false, return: 'value'});
                log.info('device info', {numbers: n['3']['0']['0'], strings: s.device['0'].manufacturer,
                    combined: c.device_3['0'].manufacturer_0, value: v.value});
                """);
        device("meter-1").awaitRegistered();

        await().atMost(Duration.ofSeconds(20)).until(() -> !bed.server().logs("device info").isEmpty());
        Map<String, Object> entry = bed.server().logs("device info").get(0);
        assertThat(entry.get("endpoint")).isEqualTo("meter-1");
        assertThat(entry.get("data")).isEqualTo(Map.of(
                "numbers", "Acme Meters", "strings", "Acme Meters", "combined", "Acme Meters", "value", "Acme Meters"));
        // and the register event, with the data shape of the contract, is visible over the API
        Api.Response events = bed.server().api().get("/api/v1/events?type=lwm2m-register&endpoint=meter-1");
        assertThat(events.status()).isEqualTo(200);
        Map<String, Object> register = events.items().get(0);
        assertThat(register).containsKeys("id", "ts", "type", "endpoint", "data");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) register.get("data");
        assertThat(data).containsEntry("binding", "U").containsEntry("credentials", "none")
                .containsEntry("lifetime", 300).containsEntry("queueMode", false)
                .containsKeys("remoteAddr", "version", "session", "discovery");
        assertThat((String) data.get("remoteAddr")).startsWith("127.0.0.1:");
        @SuppressWarnings("unchecked")
        Map<String, Object> objects = (Map<String, Object>) ((Map<String, Object>) data.get("discovery")).get("children");
        assertThat(objects.get("1")).isEqualTo(Map.of("children", Map.of("0", Map.of())));
        assertThat(objects.get("3")).isEqualTo(Map.of("attributes", Map.of("ver", "1.2"), "children", Map.of("0", Map.of())));
    }

    @Test
    void async_read_with_context_reaches_a_data_trigger_with_that_context() {
        bed.server().createTrigger("ask", "lwm2m.register", """
                lwm2m.read(event.endpoint.key, ['3/0/0', '3/0/2'], {context: {requestId: 'r-42'}, translateIds: 'strings'});
                """);
        bed.server().createTrigger("receive", "lwm2m-data", """
                log.info('got data', {source: event.data.source, context: event.data.context,
                    manufacturer: event.data.data.device['0'].manufacturer, serial: event.data.data.device['0'].serial_number,
                    path: event.data.path, ids: event.data.translateIds});
                """);
        device("meter-2").awaitRegistered();

        await().atMost(Duration.ofSeconds(20)).until(() -> !bed.server().logs("got data").isEmpty());
        assertThat(bed.server().logs("got data").get(0).get("data")).isEqualTo(Map.of(
                "source", "read", "context", Map.of("requestId", "r-42"), "manufacturer", "Acme Meters",
                "serial", "SN-0001", "path", "3/0/0,3/0/2", "ids", "strings"));
        // a context also yields the lwm2m-result of the call
        await().atMost(Duration.ofSeconds(10)).until(() -> !bed.server().events("lwm2m-result", "meter-2").isEmpty());
        assertThat(bed.server().events("lwm2m-result", "meter-2").get(0).get("data"))
                .isEqualTo(Map.of("source", "read", "path", "3/0/0,3/0/2", "success", true,
                        "context", Map.of("requestId", "r-42")));
    }

    @Test
    void read_of_missing_resource_throws_sync_and_emits_lwm2m_error_async() {
        bed.server().createTrigger("missing", "lwm2m-register", """
                try {
                  lwm2m.read(event.endpoint.key, '3/0/100', {async: false});
                  log.info('no error');
                } catch (e) {
                  log.info('sync error', {isError: e instanceof Error, message: e.message});
                }
                lwm2m.read(event.endpoint.key, ['3/0/100'], {context: 'c1'});
                """);
        device("meter-3").awaitRegistered();

        await().atMost(Duration.ofSeconds(20)).until(() -> !bed.server().logs("sync error").isEmpty());
        assertThat(bed.server().logs("sync error").get(0).get("data"))
                .isEqualTo(Map.of("isError", true, "message", "coap: not found"));
        assertThat(bed.server().logs("no error")).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> !bed.server().events("lwm2m-error", "meter-3").isEmpty());
        assertThat(bed.server().events("lwm2m-error", "meter-3").get(0).get("data"))
                .isEqualTo(Map.of("source", "read", "path", "3/0/100", "error", "coap: not found", "context", "c1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !bed.server().events("lwm2m-result", "meter-3").isEmpty());
        assertThat(bed.server().events("lwm2m-result", "meter-3").get(0).get("data")).isEqualTo(Map.of(
                "source", "read", "path", "3/0/100", "success", false, "error", "coap: not found", "context", "c1"));
    }

    @Test
    void read_of_unknown_endpoint_and_bad_path_fail_with_clear_errors() {
        bed.server().createTrigger("bad-calls", "lwm2m-register", """
                var out = {};
                try { lwm2m.read('nobody', '3/0', {async: false}); } catch (e) { out.unknown = e.message; }
                try { lwm2m.read(event.endpoint.key, '3/x/0', {async: false}); } catch (e) { out.path = e.message; out.type = e.name; }
                try { lwm2m.read(event.endpoint.key, '3/0', {async: false, encoding: 'yaml'}); } catch (e) { out.encoding = e.message; }
                out.empty = JSON.stringify(lwm2m.read(event.endpoint.key, [], {async: false}));
                log.info('bad calls', out);
                """);
        device("meter-4").awaitRegistered();

        await().atMost(Duration.ofSeconds(20)).until(() -> !bed.server().logs("bad calls").isEmpty());
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) bed.server().logs("bad calls").get(0).get("data");
        assertThat(out.get("unknown")).isEqualTo("endpoint 'nobody' is not registered");
        assertThat((String) out.get("path")).contains("invalid path '3/x/0'");
        assertThat(out.get("type")).isEqualTo("TypeError");
        assertThat((String) out.get("encoding")).contains("unknown encoding 'yaml'");
        assertThat(out.get("empty")).isEqualTo("{}");
    }

    @Test
    void throwing_and_endless_scripts_are_recorded_and_stopped_while_50_devices_register_and_are_read() {
        bed.server().api().put("/api/v1/settings", Map.of("script_cpu_budget_ms", 300));
        String thrower = bed.server().createTrigger("thrower", "lwm2m-register", """
                var a = 1;
                throw new Error('boom for ' + event.endpoint.key);
                """);
        String looper = bed.server().createTrigger("looper", "lwm2m-register", """
                var i = 0;
                while (true) { i++; }
                """);
        bed.server().createTrigger("reader", "lwm2m-register", """
                var d = lwm2m.read(event.endpoint.key, '3/0/0', {async: false, translateIds: 'numbers'});
                log.info('read ok', {m: d['3']['0']['0']});
                """);
        List<TestDevice> fleet = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fleet.add(device("fleet-" + i));
        }
        fleet.forEach(TestDevice::awaitRegistered);

        await().atMost(Duration.ofSeconds(90)).until(() -> bed.server().logs("read ok").size() == 50);
        assertThat(bed.server().logs("read ok")).allSatisfy(e -> assertThat(e.get("data")).isEqualTo(Map.of("m", "Acme Meters")));
        await().atMost(Duration.ofSeconds(60)).until(() -> errors(looper).size() == 50 && errors(thrower).size() == 50);

        Map<String, Object> thrown = errors(thrower).get(0);
        assertThat(thrown).containsEntry("trigger", "thrower").containsEntry("version", 1).containsEntry("line", 2);
        assertThat((String) thrown.get("message")).startsWith("Error: boom for fleet-");
        Map<String, Object> stopped = errors(looper).get(0);
        assertThat((String) stopped.get("message")).contains("CPU budget of 300 ms");
        assertThat(stopped.get("line")).isEqualTo(2);
        // the server still answers
        assertThat(bed.server().api().get("/api/v1/health").status()).isEqualTo(200);
    }

    private List<Map<String, Object>> errors(String triggerId) {
        Api.Response r = bed.server().api().get("/api/v1/triggers/" + triggerId + "/errors?limit=1000");
        assertThat(r.status()).isEqualTo(200);
        return r.items();
    }

    @Test
    void deregistration_and_expiry_fire_deregister_events_with_their_reason() {
        bed.server().createTrigger("bye", "lwm2m-deregister", "log.info('bye', {reason: event.data.reason, ep: event.endpoint.key});");
        TestDevice leaving = device("leaving");
        TestDevice vanishing = bed.start(TestDevice.named("vanishing").lifetime(1));
        leaving.awaitRegistered();
        vanishing.awaitRegistered();

        leaving.deregister();
        vanishing.vanish();

        await().atMost(Duration.ofSeconds(30)).until(() -> bed.server().logs("bye").size() == 2);
        assertThat(bed.server().logs("bye")).extracting(e -> e.get("data")).containsExactlyInAnyOrder(
                Map.of("reason", "deregistered", "ep", "leaving"), Map.of("reason", "expired", "ep", "vanishing"));
    }

    @Test
    void update_fires_update_event_with_register_shape() {
        bed.server().createTrigger("upd", "lwm2m-update", "log.info('updated', {binding: event.data.binding, has: !!event.data.discovery});");
        TestDevice d = device("updater").awaitRegistered();
        d.client().triggerRegistrationUpdate();
        await().atMost(Duration.ofSeconds(20)).until(() -> !bed.server().logs("updated").isEmpty());
        assertThat(bed.server().logs("updated").get(0).get("data")).isEqualTo(Map.of("binding", "U", "has", true));
    }
}
