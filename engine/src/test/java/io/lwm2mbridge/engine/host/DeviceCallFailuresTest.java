package io.lwm2mbridge.engine.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
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

/** Devices that never answer and scripts that throw: the documented error, and everything else keeps working. */
class DeviceCallFailuresTest {

    private TestServer server;
    private final TestObject.Instance instance = new TestObject.Instance(0);
    private TestDevice healthy;

    @BeforeEach
    void start() {
        server = TestServer.start();
        TestObject.define(server.server());
        healthy = TestDevice.named("healthy").withModels(List.of(TestObject.MODEL))
                .withInstances(TestObject.ID, instance).start(server.coapUri()).awaitRegistered();
    }

    @AfterEach
    void stop() {
        healthy.close();
        server.close();
    }

    @Test
    void calls_to_a_device_that_never_answers_fail_with_no_response_sync_and_async() {
        TestDevice silent = TestDevice.named("silent").start(server.coapUri()).awaitRegistered();
        silent.vanish();
        Map<String, Object> out = Scripts.map(server, "silent", """
                var ep = event.endpoint.key, out = {};
                function attempt(name, f) { try { f(); out[name] = 'no error'; } catch (e) { out[name] = e.message; } }
                attempt('read', function () { lwm2m.read(ep, '3/0/0', {async: false, timeout: 1}); });
                attempt('write', function () { lwm2m.write(ep, '3/0/15', 'UTC', {async: false, timeout: 1}); });
                attempt('exec', function () { lwm2m.exec(ep, '3/0/4', {async: false, timeout: 1}); });
                attempt('observe', function () { lwm2m.observe(ep, '3/0/15', {async: false, timeout: 1}); });
                lwm2m.write(ep, '3/0/15', 'UTC', {timeout: 1, context: 'late'});
                out.healthy = lwm2m.read('healthy', '3/0/0', {async: false, return: 'value'}).value;
                trigger.reply(out);
                """);
        assertThat(out).containsEntry("read", "device did not respond to the request")
                .containsEntry("write", "device did not respond to the request")
                .containsEntry("exec", "device did not respond to the request")
                .containsEntry("observe", "device did not respond to the request")
                .containsEntry("healthy", "Leshan");
        await().atMost(Duration.ofSeconds(10)).until(() -> !server.events("lwm2m-error", "silent").isEmpty());
        assertThat(server.events("lwm2m-error", "silent").get(0).get("data")).isEqualTo(Map.of("source", "write",
                "path", "3/0/15", "error", "device did not respond to the request", "context", "late"));
    }

    @Test
    void a_trigger_throwing_on_notifications_does_not_stop_other_triggers_or_the_server() {
        String thrower = server.createTrigger("thrower", "lwm2m-data",
                "if (event.data.source === 'notify') { throw new Error('bad handler ' + event.data.token); }");
        server.createTrigger("counter", "lwm2m-data", """
                if (event.data.source === 'notify') {
                  log.info('seen', {v: event.data.data['33000']['0']['11']});
                }
                """);
        Scripts.run(server, "healthy", "lwm2m.observe(event.endpoint.key, '33000/0/11', {translateIds: 'numbers'});");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.logs("seen").size() == 1);
        for (int i = 1; i <= 5; i++) {
            instance.setCounter(i);
            int expected = i + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> server.logs("seen").size() == expected);
        }
        assertThat(server.logs("seen")).extracting(e -> (Object) ((Map<?, ?>) e.get("data")).get("v"))
                .containsExactly(0, 1, 2, 3, 4, 5);
        Api.Response errors = server.api().get("/api/v1/triggers/" + thrower + "/errors");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.api().get("/api/v1/triggers/" + thrower + "/errors")
                .items().size() == 6);
        assertThat(errors.status()).isEqualTo(200);
        assertThat((String) server.api().get("/api/v1/triggers/" + thrower + "/errors").items().get(0).get("message"))
                .startsWith("Error: bad handler ");
        // the server still serves devices and the API
        assertThat(Scripts.run(server, "healthy",
                "trigger.reply(lwm2m.read(event.endpoint.key, '3/0/0', {async: false, return: 'value'}).value);"))
                .isEqualTo("Leshan");
        assertThat(server.api().get("/api/v1/health").status()).isEqualTo(200);
    }

    @Test
    void a_script_that_throws_after_starting_async_calls_still_gets_their_events() {
        server.createTrigger("results", "lwm2m-result", "log.info('result', {ctx: event.data.context, ok: event.data.success});");
        Object outcome = Scripts.outcome(server, "healthy", """
                lwm2m.write(event.endpoint.key, '33000/0/0', 'before throw', {context: 'w'});
                lwm2m.observe(event.endpoint.key, '33000/0/11', {context: 'o'});
                throw new Error('script gave up');
                """).problem().message();
        assertThat((String) outcome).contains("script gave up");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.logs("result").size() == 2);
        assertThat(server.logs("result")).extracting(e -> e.get("data"))
                .containsExactlyInAnyOrder(Map.of("ctx", "w", "ok", true), Map.of("ctx", "o", "ok", true));
        assertThat(instance.value(TestObject.TEXT)).isEqualTo("before throw");
    }
}
