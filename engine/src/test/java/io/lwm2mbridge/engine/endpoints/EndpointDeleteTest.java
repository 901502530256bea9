package io.lwm2mbridge.engine.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deleting an endpoint forgets what was known about it, so a device coming back starts clean. */
class EndpointDeleteTest {

    @Test
    void deleting_an_endpoint_forgets_its_last_known_values() {
        try (TestServer server = TestServer.start();
                TestDevice device = TestDevice.named("forget-me").start(server.coapUri())) {
            device.awaitRegistered();
            Api api = server.api();
            assertThat(api.post("/api/v1/endpoints/forget-me/read", Map.of("paths", List.of("3/0/0"))).status())
                    .isEqualTo(200);
            assertThat(api.get("/api/v1/endpoints/forget-me/last-known?includeUpdateTimes=false").map())
                    .containsKey("3");

            assertThat(api.delete("/api/v1/endpoints/forget-me").status()).isEqualTo(204);
            device.client().triggerRegistrationUpdate();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.get("/api/v1/endpoints/forget-me").status() == 200);

            assertThat(api.get("/api/v1/endpoints/forget-me/last-known?includeUpdateTimes=false").map()).isEmpty();
        }
    }
}
