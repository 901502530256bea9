package io.lwm2mbridge.engine.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestBed;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.response.SendResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LwM2M 1.1 Send, and lwm2m.lastKnown fed by reads, notifications and Sends, kept across a restart. */
class LastKnownAndSendTest {

    @RegisterExtension
    final TestBed bed = new TestBed();
    private TestDevice device;
    private final TestObject.Instance instance = new TestObject.Instance(0);

    @BeforeEach
    void start() {
        TestObject.define(bed.server().server());
        device = bed.start(TestDevice.named("reporter").withModels(List.of(TestObject.MODEL))
                .withInstances(TestObject.ID, instance)).awaitRegistered();
    }

    @Test
    @SuppressWarnings("unchecked")
    void send_arrives_as_lwm2m_data_with_source_send() throws InterruptedException {
        bed.server().createTrigger("on-send", "lwm2m-data", """
                if (event.data.source === 'send') {
                  log.info('sent', {counter: event.data.data.bridge_test_33000['0'].counter_11, path: event.data.path,
                      ids: event.data.translateIds, text: event.data.data.bridge_test_33000['0'].text_0});
                }
                """);
        instance.setCounter(12);
        SendResponse response = send(ContentFormat.SENML_CBOR, "/33000/0/11", "/33000/0/0");
        assertThat(response.isSuccess()).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> !bed.server().logs("sent").isEmpty());
        assertThat(bed.server().logs("sent").get(0).get("data")).isEqualTo(Map.of("counter", 12,
                "path", "33000/0/11,33000/0/0", "ids", "combined", "text", "hello"));
        await().atMost(Duration.ofSeconds(10)).until(() -> counterKnown() != null && counterKnown() == 12);
    }

    @Test
    @SuppressWarnings("unchecked")
    void last_known_keeps_every_read_notify_and_send_result_with_update_times() throws InterruptedException {
        Instant before = Instant.now().minusSeconds(1);
        Scripts.run(bed.server(), "reporter", """
                var ep = event.endpoint.key;
                lwm2m.read(ep, '3/0', {async: false});
                lwm2m.read(ep, '33000/0/10', {async: false});
                lwm2m.observe(ep, '33000/0/11', {async: false});
                """);
        instance.setCounter(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> counterKnown() != null && counterKnown() == 3);
        send(ContentFormat.SENML_JSON, "/33000/0/1");
        // the client has its answer once the server received the Send; recording it follows on another thread
        await().atMost(Duration.ofSeconds(10)).until(() -> knownResource("1") != null);

        Map<String, Object> out = Scripts.map(bed.server(), "reporter", """
                var ep = event.endpoint.key;
                trigger.reply({all: lwm2m.lastKnown(ep), plain: lwm2m.lastKnown(ep, {includeUpdateTimes: false}),
                    strings: lwm2m.lastKnown(ep, {translateIds: 'strings', includeUpdateTimes: false}),
                    nobody: lwm2m.lastKnown('nobody')});
                """);
        Map<String, Object> all = (Map<String, Object>) out.get("all");
        Map<String, Object> device0 = (Map<String, Object>) ((Map<String, Object>) all.get("3")).get("0");
        assertThat(device0).containsEntry("0", "Leshan").containsEntry("2", "SN-0001");
        Map<String, Object> times = (Map<String, Object>) ((Map<String, Object>) all.get("~3")).get("0");
        assertThat(Instant.parse((String) times.get("0"))).isAfter(before);
        Map<String, Object> test0 = (Map<String, Object>) ((Map<String, Object>) all.get("33000")).get("0");
        assertThat(test0).containsEntry("11", 3).containsEntry("1", 0).containsEntry("10", Map.of("0", 1));
        Map<String, Object> testTimes = (Map<String, Object>) ((Map<String, Object>) all.get("~33000")).get("0");
        assertThat(testTimes).containsKeys("1", "11", "10");
        assertThat((Map<String, Object>) testTimes.get("10")).containsKey("0");

        assertThat((Map<String, Object>) out.get("plain")).containsOnlyKeys("3", "33000");
        Map<String, Object> strings = (Map<String, Object>) out.get("strings");
        assertThat(((Map<String, Object>) ((Map<String, Object>) strings.get("device")).get("0")).get("manufacturer"))
                .isEqualTo("Leshan");
        assertThat(out.get("nobody")).isEqualTo(Map.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void last_known_values_survive_a_restart_and_are_served_over_the_api() {
        Scripts.run(bed.server(), "reporter", "lwm2m.read(event.endpoint.key, ['3/0/0', '33000/0/0'], {async: false});");
        device.close();
        bed.server().restart();

        Api.Response r = bed.server().api().get("/api/v1/endpoints/reporter/last-known");
        assertThat(r.status()).isEqualTo(200);
        assertThat((Map<String, Object>) r.map().get("3")).isEqualTo(Map.of("0", Map.of("0", "Leshan")));
        assertThat(r.map()).containsKeys("~3", "33000", "~33000");
        Api.Response combined = bed.server().api().get("/api/v1/endpoints/reporter/last-known?includeUpdateTimes=false"
                + "&translateIds=combined");
        assertThat(combined.map()).containsOnlyKeys("device_3", "33000");
        assertThat(bed.server().api().get("/api/v1/endpoints/nobody/last-known").status()).isEqualTo(404);
        assertThat(bed.server().api().get("/api/v1/endpoints/reporter/last-known?translateIds=klingon").status()).isEqualTo(400);
    }

    @SuppressWarnings("unchecked")
    private Object knownResource(String resourceId) {
        Map<String, Object> known = Scripts.map(bed.server(), "reporter",
                "trigger.reply(lwm2m.lastKnown(event.endpoint.key, {includeUpdateTimes: false}));");
        Object object = known.get("33000");
        if (!(object instanceof Map<?, ?> m) || !(m.get("0") instanceof Map<?, ?> inst)) {
            return null;
        }
        return ((Map<String, Object>) inst).get(resourceId);
    }

    private Long counterKnown() {
        return knownResource("11") instanceof Number n ? n.longValue() : null;
    }

    private SendResponse send(ContentFormat format, String... paths) throws InterruptedException {
        LwM2mServer registered = device.client().getRegisteredServers().values().iterator().next();
        return device.client().getSendService().sendData(registered, format, List.of(paths), 5000);
    }
}
