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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Smaller promises of the lwm2m host object that triggers rely on. */
class DeviceCallContractTest {

    private TestServer server;
    private TestDevice device;

    @BeforeEach
    void start() {
        server = TestServer.start();
        TestObject.define(server.server());
    }

    @AfterEach
    void stop() {
        if (device != null) {
            device.close();
        }
        server.close();
    }

    @Test
    void a_register_trigger_making_a_hundred_synchronous_reads_fits_in_the_default_budgets() {
        String id = server.createTrigger("hundred-reads", "lwm2m-register", """
                var total = 0;
                for (var i = 0; i < 100; i++) {
                  total += lwm2m.read(event.endpoint.key, '33000/0/1', {async: false, return: 'value'}).value;
                }
                log.info('hundred done', {total: total});
                """);
        device = TestDevice.named("patient").withModels(List.of(TestObject.MODEL))
                .withInstances(TestObject.ID, new TestObject.Instance(0)).start(server.coapUri()).awaitRegistered();
        await().atMost(Duration.ofSeconds(60)).until(() -> !server.logs("hundred done").isEmpty()
                || !server.api().get("/api/v1/triggers/" + id + "/errors").items().isEmpty());
        assertThat(server.api().get("/api/v1/triggers/" + id + "/errors").items()).isEmpty();
        assertThat(server.logs("hundred done").get(0).get("data")).isEqualTo(Map.of("total", 0));
    }

    @Test
    @SuppressWarnings("unchecked")
    void observe_of_several_paths_gives_a_token_per_path() {
        device = TestDevice.named("several").withModels(List.of(TestObject.MODEL))
                .withInstances(TestObject.ID, new TestObject.Instance(0)).start(server.coapUri()).awaitRegistered();
        Map<String, Object> out = Scripts.map(server, "several",
                "trigger.reply(lwm2m.observe(event.endpoint.key, ['33000/0/1', '/3/0/15', '33000/0'], {async: false}));");
        Map<String, Object> tokens = (Map<String, Object>) out.get("tokens");
        assertThat(tokens).containsOnlyKeys("33000/0/1", "3/0/15", "33000/0");
        assertThat(tokens.values()).doesNotHaveDuplicates().allSatisfy(t -> assertThat((String) t).isNotBlank());
    }

    @Test
    @SuppressWarnings("unchecked")
    void get_object_def_takes_the_id_as_number_or_string_and_uses_ddf_type_names() {
        Map<String, Object> out = Scripts.map(server, null, """
                var out = {byNumber: lwm2m.getObjectDef(33000), byString: lwm2m.getObjectDef(' 33000 '),
                    unknown: lwm2m.getObjectDef(40001)};
                try { lwm2m.getObjectDef('device'); } catch (e) { out.notANumber = e.name; }
                trigger.reply(out);
                """);
        assertThat(out.get("byNumber")).isEqualTo(out.get("byString"));
        Map<String, Object> def = (Map<String, Object>) out.get("byNumber");
        assertThat(def).containsEntry("id", 33000).containsEntry("name", "Bridge Test").containsEntry("multiInstance", true);
        List<Map<String, Object>> resources = (List<Map<String, Object>>) def.get("resources");
        assertThat(resources).extracting(r -> r.get("type")).contains("String", "Integer", "Unsigned Integer", "Float",
                "Boolean", "Time", "Opaque", "Objlnk", "none");
        Map<String, Object> trigger = resources.stream().filter(r -> "Trigger".equals(r.get("name"))).findFirst().orElseThrow();
        assertThat(trigger).containsEntry("allowExec", true).containsEntry("allowWrite", false);
        assertThat(out).containsEntry("unknown", null).containsEntry("notANumber", "TypeError");
    }
}
