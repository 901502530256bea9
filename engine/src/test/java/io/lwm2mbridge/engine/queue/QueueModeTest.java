package io.lwm2mbridge.engine.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestObject;
import io.lwm2mbridge.engine.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Queue mode: calls to sleeping devices are held (surviving a restart) and sent in order when they wake. */
class QueueModeTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private TestServer server;
    private final List<TestDevice> devices = new ArrayList<>();
    private final TestObject.Instance instance = new TestObject.Instance(0);

    @BeforeEach
    void start() {
        server = TestServer.start();
        TestObject.define(server.server());
        // Leshan asks for the awake time each time it hears from a device: a short one makes devices sleep soon
        server.api().put("/api/v1/settings", Map.of("queue_awake_time_s", 1));
    }

    @AfterEach
    void stop() {
        devices.forEach(TestDevice::close);
        server.close();
    }

    private TestDevice device(String name, boolean queueMode) {
        TestDevice.Builder b = TestDevice.named(name).withModels(List.of(TestObject.MODEL))
                .withInstances(TestObject.ID, instance);
        if (queueMode) {
            b.queueMode();
        }
        TestDevice d = b.start(server.coapUri());
        devices.add(d);
        return d.awaitRegistered();
    }

    private void awaitAsleep(String endpoint) {
        await().atMost(WAIT).until(() -> server.server().queueMode().asleep(endpoint));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> results(String endpoint, boolean intermediate) {
        return server.events("lwm2m-result", endpoint).stream()
                .map(e -> (Map<String, Object>) e.get("data"))
                .filter(d -> Boolean.TRUE.equals(d.get("intermediate")) == intermediate)
                .toList();
    }

    private static List<Object> contexts(List<Map<String, Object>> results) {
        return results.stream().map(r -> (Object) ((Number) ((Map<?, ?>) r.get("context")).get("n")).intValue()).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void async_calls_to_a_sleeping_device_get_intermediate_results_and_run_in_order_when_it_wakes() {
        TestDevice d = device("sleepy-q", true);
        Registration reg = server.server().leshan().getRegistrationService().getByEndpoint("sleepy-q");
        assertThat(reg.usesQueueMode()).isTrue();
        awaitAsleep("sleepy-q");

        Scripts.run(server, "sleepy-q", """
                var ep = event.endpoint.key;
                lwm2m.write(ep, '33000/0/0', 'first', {context: {n: 1}});
                lwm2m.read(ep, '33000/0/0', {context: {n: 2}});
                lwm2m.write(ep, '33000/0/0', 'second', {context: {n: 3}});
                """);
        await().atMost(WAIT).until(() -> results("sleepy-q", true).size() == 3);
        List<Map<String, Object>> intermediate = results("sleepy-q", true);
        assertThat(contexts(intermediate)).containsExactly(1, 2, 3);
        assertThat(intermediate).extracting(r -> r.get("source")).containsExactly("write", "read", "write");
        assertThat(intermediate).allSatisfy(r -> assertThat(r).containsEntry("path", "33000/0/0")
                .containsEntry("success", true));
        assertThat(instance.writes()).isZero();
        assertThat(server.server().queueMode().heldFor("sleepy-q")).hasSize(3);
        // the same, as the API (and the console's device page) shows it
        Map<String, Object> queue = server.api().get("/api/v1/endpoints/sleepy-q/queue").map();
        assertThat(queue).containsEntry("queueMode", true).containsEntry("asleep", true);
        List<Map<String, Object>> held = (List<Map<String, Object>>) queue.get("items");
        assertThat(held).extracting(c -> c.get("function")).containsExactly("write", "read", "write");
        assertThat(held).extracting(c -> c.get("context")).containsExactly(Map.of("n", 1), Map.of("n", 2), Map.of("n", 3));
        assertThat(held).allSatisfy(c -> assertThat(c).containsKey("heldAt").containsEntry("paths", List.of("33000/0/0")));
        assertThat(server.api().get("/api/v1/endpoints/no-such-device/queue").status()).isEqualTo(404);

        d.client().triggerRegistrationUpdate();
        await().atMost(WAIT).until(() -> results("sleepy-q", false).size() == 3);
        List<Map<String, Object>> finals = results("sleepy-q", false);
        assertThat(contexts(finals)).containsExactly(1, 2, 3);
        assertThat(finals).allSatisfy(r -> assertThat(r).containsEntry("success", true));
        // the read ran after the first write and before the second
        Map<String, Object> read = (Map<String, Object>) server.events("lwm2m-data", "sleepy-q").get(0).get("data");
        assertThat(read.get("context")).isEqualTo(Map.of("n", 2));
        assertThat(read.get("data").toString()).contains("first");
        assertThat(instance.value(TestObject.TEXT)).isEqualTo("second");
        assertThat(server.server().queueMode().heldFor("sleepy-q")).isEmpty();
        assertThat((List<?>) server.api().get("/api/v1/endpoints/sleepy-q/queue").map().get("items")).isEmpty();
    }

    @Test
    void sync_call_to_a_sleeping_device_fails_at_once_saying_to_use_an_async_call() {
        device("sleepy-sync", true);
        awaitAsleep("sleepy-sync");
        Map<String, Object> out = Scripts.map(server, "sleepy-sync", """
                try {
                  lwm2m.read(event.endpoint.key, '33000/0/0', {async: false});
                  trigger.reply({thrown: false});
                } catch (e) {
                  trigger.reply({thrown: true, message: e.message});
                }
                """);
        assertThat(out).containsEntry("thrown", true)
                .containsEntry("message", "device is sleeping (queue mode); use an asynchronous call");
        assertThat(server.server().queueMode().heldFor("sleepy-sync")).isEmpty();
    }

    @Test
    void awake_time_setting_refuses_values_out_of_range_and_keeps_the_old_one() {
        var response = server.api().put("/api/v1/settings", Map.of("queue_awake_time_s", 0));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("queue_awake_time_s");
        assertThat(server.api().get("/api/v1/settings").body()).contains("\"force_queue_mode\"");
        assertThat(server.server().settings().integer(io.lwm2mbridge.engine.config.Settings.QUEUE_AWAKE_TIME_S))
                .isEqualTo(1);
    }

    @Test
    void held_calls_survive_a_restart_and_run_when_the_device_registers_again() {
        TestDevice d = device("sleepy-restart", true);
        awaitAsleep("sleepy-restart");
        Scripts.run(server, "sleepy-restart",
                "lwm2m.write(event.endpoint.key, '33000/0/0', 'kept', {context: {n: 7}});");
        assertThat(server.server().queueMode().heldFor("sleepy-restart")).hasSize(1);

        server.restartOnSamePorts();
        assertThat(server.server().queueMode().heldFor("sleepy-restart")).hasSize(1);
        assertThat(instance.writes()).isZero();

        // the restarted server does not know the registration: the update fails and the device registers again
        d.client().triggerRegistrationUpdate();
        await().atMost(WAIT).until(() -> results("sleepy-restart", false).size() == 1);
        assertThat(results("sleepy-restart", false).get(0)).containsEntry("success", true)
                .containsEntry("context", Map.of("n", 7));
        assertThat(instance.value(TestObject.TEXT)).isEqualTo("kept");
        assertThat(server.server().queueMode().heldFor("sleepy-restart")).isEmpty();
    }

    @Test
    void force_queue_mode_holds_calls_for_a_device_that_registered_without_queue_mode() {
        TestDevice d = device("plain-forced", false);
        assertThat(server.server().queueMode().asleep("plain-forced")).isFalse();
        server.api().put("/api/v1/settings", Map.of("force_queue_mode", true));
        awaitAsleep("plain-forced");

        Scripts.run(server, "plain-forced",
                "lwm2m.writeMulti(event.endpoint.key, {33000: {0: {0: 'forced', 1: 5}}}, {context: {n: 9}});");
        await().atMost(WAIT).until(() -> results("plain-forced", true).size() == 1);
        assertThat(results("plain-forced", true).get(0)).containsEntry("source", "writeMulti")
                .containsEntry("path", "33000/0");
        assertThat(instance.writes()).isZero();

        d.client().triggerRegistrationUpdate();
        await().atMost(WAIT).until(() -> results("plain-forced", false).size() == 1);
        assertThat(results("plain-forced", false).get(0)).containsEntry("success", true)
                .containsEntry("source", "writeMulti").containsEntry("context", Map.of("n", 9));
        // a writeMulti ends in one final result and at most one intermediate one
        assertThat(results("plain-forced", true)).hasSize(1);
        assertThat(instance.value(TestObject.TEXT)).isEqualTo("forced");

        server.api().put("/api/v1/settings", Map.of("force_queue_mode", false));
        assertThat(server.server().queueMode().asleep("plain-forced")).isFalse();
    }
}
