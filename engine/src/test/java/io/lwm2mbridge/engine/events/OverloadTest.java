package io.lwm2mbridge.engine.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestObject;
import io.lwm2mbridge.engine.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The overload policy end to end, with real devices: a trigger that cannot keep up with a device's
 * notifications sheds its oldest waiting runs, says so in {@code GET /api/v1/stats}, and a device that
 * registers meanwhile still has its register trigger run at once.
 */
class OverloadTest {

    private TestServer server;
    private TestDevice chatty;
    private TestDevice newcomer;
    private final TestObject.Instance instance = new TestObject.Instance(0);

    @BeforeEach
    void start() {
        server = TestServer.start();
        TestObject.define(server.server());
        assertThat(server.api().put("/api/v1/settings", Map.of("trigger_queue_max", 10)).status()).isEqualTo(200);
        chatty = TestDevice.named("chatty").withModels(List.of(TestObject.MODEL))
                .withInstances(TestObject.ID, instance).start(server.coapUri()).awaitRegistered();
    }

    @AfterEach
    void stop() {
        if (newcomer != null) {
            newcomer.close();
        }
        chatty.close();
        server.close();
    }

    @Test
    void coap_deduplication_remembers_a_bounded_number_of_messages_per_peer() {
        // the default keeps every message for the 247 s exchange lifetime: a notification flood then
        // fills the heap with them (bench/compare W5 died of an OutOfMemoryError that way)
        var endpoint = (CaliforniumServerEndpoint) server.server().leshan().getEndpoint(Protocol.COAP);
        var config = endpoint.getCoapEndpoint().getConfig();
        assertThat(config.get(CoapConfig.DEDUPLICATOR)).isEqualTo(CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
        assertThat(config.get(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES)).isBetween(1, 64);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_slow_data_trigger_sheds_counted_runs_and_registrations_still_run_at_once() {
        server.createTrigger("slow-data", "lwm2m-data", "trigger.sleep(1000);");
        server.createTrigger("on-register", "lwm2m-register", "log.info('welcome', event.endpoint.key);");
        Scripts.run(server, "chatty", "lwm2m.observe(event.endpoint.key, '33000/0/11', {async: false});");
        // about 200 notifications a second; the 16 workers it may hold (trigger_max_share), sleeping a second each,
        // take 16
        for (int i = 1; i <= 600 && shed("slow-data") == 0; i++) {
            instance.setCounter(i);
            sleep(5);
        }
        assertThat(shed("slow-data")).isPositive();

        newcomer = TestDevice.named("newcomer").start(server.coapUri()).awaitRegistered();
        // the register run waits for one worker to end its run at most, not for the data backlog
        await().atMost(Duration.ofSeconds(5)).until(() -> server.logs("welcome").stream()
                .anyMatch(e -> "newcomer".equals(e.get("data"))));

        Map<String, Object> stats = (Map<String, Object>) server.api().get("/api/v1/stats").json();
        Map<String, Object> slow = (Map<String, Object>) ((Map<String, Object>) stats.get("triggers")).get("slow-data");
        assertThat(((Number) slow.get("shed")).longValue()).isPositive();
        assertThat((Map<String, Object>) slow.get("shedByEventType")).containsOnlyKeys("lwm2m-data");
        Map<String, Object> events = (Map<String, Object>) stats.get("events");
        assertThat((Map<String, Object>) events.get("lwm2m-register")).containsEntry("shed", 0);
        assertThat(((Number) ((Map<String, Object>) events.get("lwm2m-data")).get("published")).longValue())
                .isGreaterThan(((Number) slow.get("shed")).longValue());
        Map<String, Object> runs = (Map<String, Object>) ((Map<String, Object>) stats.get("queues")).get("runs");
        assertThat(runs).containsEntry("boundPerTrigger", 10).containsEntry("workers", 32);
        assertThat(server.api().get("/api/v1/health").status()).isEqualTo(200);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private long shed(String trigger) {
        Map<String, Object> stats = (Map<String, Object>) server.api().get("/api/v1/stats").json();
        Object t = ((Map<String, Object>) stats.get("triggers")).get(trigger);
        return t == null ? 0 : ((Number) ((Map<String, Object>) t).get("shed")).longValue();
    }
}
