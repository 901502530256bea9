package io.lwm2mbridge.engine.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestObject;
import io.lwm2mbridge.engine.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 200 real Leshan clients, each observed by a register trigger, notify round after round: a data
 * trigger sees every notification exactly once, with its own device's context, while more devices
 * register in the middle of the flood and are answered (and observed) promptly.
 */
class NotificationFloodTest {

    private static final int DEVICES = 200;
    private static final int LATE = 20;
    private static final int ROUNDS = 5;

    private TestServer server;
    private ScheduledExecutorService clientThreads;
    private final List<TestDevice> devices = new ArrayList<>();
    private final Map<String, TestObject.Instance> instances = new HashMap<>();

    @BeforeEach
    void start() {
        server = TestServer.start();
        TestObject.define(server.server());
        clientThreads = Executors.newScheduledThreadPool(4);
    }

    @AfterEach
    void stop() {
        devices.parallelStream().forEach(TestDevice::close);
        server.close();
        clientThreads.shutdownNow();
    }

    private TestDevice device(String name) {
        TestObject.Instance instance = new TestObject.Instance(0);
        instances.put(name, instance);
        TestDevice d = TestDevice.named(name).withModels(List.of(TestObject.MODEL)).withInstances(TestObject.ID, instance)
                .sharedExecutor(clientThreads).start(server.coapUri());
        devices.add(d);
        return d;
    }

    @Test
    void notifications_of_200_observed_devices_reach_a_trigger_without_loss_or_blocking_registrations() {
        server.createTrigger("observe-on-register", "lwm2m-register", """
                lwm2m.observe(event.endpoint.key, '33000/0/11', {context: {ep: event.endpoint.key}, translateIds: 'numbers'});
                """);
        server.createTrigger("count-notifications", "lwm2m-data", """
                if (event.data.source === 'notify') {
                  log.info('n', {ep: event.endpoint.key, ctx: event.data.context.ep, v: event.data.data['33000']['0']['11']});
                }
                """);
        List<String> early = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            early.add("flood-" + i);
            device("flood-" + i);
        }
        devices.forEach(TestDevice::awaitRegistered);
        // every device's first Observe response
        await().atMost(Duration.ofSeconds(60)).until(() -> seen(0).containsAll(early));

        List<String> late = new ArrayList<>();
        List<TestDevice> lateDevices = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            long value = round;
            instances.forEach((name, instance) -> {
                if (early.contains(name) || late.contains(name)) {
                    instance.setCounter(value);
                }
            });
            if (round == 2) {
                // registrations in the middle of the flood are answered at once
                long t0 = System.nanoTime();
                for (int i = 0; i < LATE; i++) {
                    late.add("late-" + i);
                    lateDevices.add(device("late-" + i));
                }
                lateDevices.forEach(TestDevice::awaitRegistered);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
                await().atMost(Duration.ofSeconds(30)).until(() -> seen(0).containsAll(late));
            }
            List<String> expected = new ArrayList<>(early);
            if (round > 2) {
                expected.addAll(late);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> seen(value).containsAll(expected));
        }

        // exactly once per device and value, each with its own device's context
        Map<String, Integer> counts = new HashMap<>();
        for (Map<String, Object> e : server.logs("n")) {
            Map<?, ?> d = (Map<?, ?>) e.get("data");
            assertThat(d.get("ctx")).isEqualTo(d.get("ep"));
            counts.merge(d.get("ep") + "=" + d.get("v"), 1, Integer::sum);
        }
        assertThat(counts.values()).allMatch(c -> c == 1);
        assertThat(counts).hasSize(DEVICES * (ROUNDS + 1) + LATE * (ROUNDS - 1));
    }

    /** The devices a notification with that counter value was seen for. */
    private Set<String> seen(long value) {
        Set<String> out = new HashSet<>();
        for (Map<String, Object> e : server.logs("n")) {
            Map<?, ?> d = (Map<?, ?>) e.get("data");
            if (d.get("v") instanceof Number n && n.longValue() == value) {
                out.add((String) d.get("ep"));
            }
        }
        return out;
    }
}
