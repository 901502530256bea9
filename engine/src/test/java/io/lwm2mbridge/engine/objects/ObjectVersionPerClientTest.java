package io.lwm2mbridge.engine.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that announces {@code </33060>;ver=1.1} gets the 1.1 definition of that object, one that
 * announces no version gets 1.0: the registry holds both and picks per client.
 */
class ObjectVersionPerClientTest {

    private static final int METER = 33060;
    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private static String meter(String version, String resourceName) {
        return Ddf.object(METER, "Gauge", version, Ddf.item(0, resourceName, "R", "Integer"));
    }

    @Test
    void each_client_reads_with_the_names_of_the_object_version_it_announced() {
        server = TestServer.start();
        ObjectsApi objects = new ObjectsApi(server.api());
        assertThat(objects.uploadXml(meter("1.0", "Old Reading")).status()).isEqualTo(201);
        assertThat(objects.uploadXml(meter("1.1", "New Reading")).status()).isEqualTo(201);
        server.createTrigger("read-gauge", "lwm2m-register", """
                var d = lwm2m.read(event.endpoint.key, '33060/0/0', {async: false, translateIds: 'strings'});
                log.info('gauge', {resources: Object.keys(d.gauge['0'])});
                """);

        try (TestDevice v10 = TestDevice.named("gauge-v10").withObjectFromDdf(meter("1.0", "Old Reading"),
                        Map.of(0, Map.of(0, 5L))).start(server.coapUri());
                TestDevice v11 = TestDevice.named("gauge-v11").withObjectFromDdf(meter("1.1", "New Reading"),
                        Map.of(0, Map.of(0, 6L))).start(server.coapUri())) {
            v10.awaitRegistered();
            v11.awaitRegistered();
            await().atMost(Duration.ofSeconds(20)).until(() -> server.logs("gauge").size() == 2);
        }
        assertThat(server.events("lwm2m-register", "gauge-v11").getFirst().toString()).contains("ver=1.1");
        Map<String, Object> byEndpoint = Map.of(
                "gauge-v10", Map.of("resources", java.util.List.of("old_reading")),
                "gauge-v11", Map.of("resources", java.util.List.of("new_reading")));
        for (Map<String, Object> entry : server.logs("gauge")) {
            assertThat(entry.get("data")).isEqualTo(byEndpoint.get((String) entry.get("endpoint")));
        }
    }
}
