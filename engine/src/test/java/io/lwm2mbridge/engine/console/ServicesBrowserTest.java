package io.lwm2mbridge.engine.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.testing.Mosquitto;
import io.lwm2mbridge.engine.testing.TestServer;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The settings page's services panel with an MQTT service beside an HTTP one: the connection's state shows as a
 * pill, and when the broker goes away the page shows it disconnected with the reason.
 */
class ServicesBrowserTest {

    @Test
    void an_mqtt_service_shows_its_connection_and_its_last_error() throws Exception {
        try (Mosquitto broker = Mosquitto.anonymous(); TestServer server = TestServer.start();
                ConsoleBrowser browser = ConsoleBrowser.open(server).signIn()) {
            assertThat(server.api().post("/api/v1/services", Map.of("key", "crm", "baseUrl", "https://crm.example.com"))
                    .status()).isEqualTo(201);
            assertThat(server.api().post("/api/v1/services", Map.of("key", "broker", "type", "mqtt", "uri", broker.uri(),
                    "username", "bridge", "password", "never-shown")).status()).isEqualTo(201);
            Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> server.server().mqtt().connected("broker"));

            browser.go("#/settings");
            browser.await(By.cssSelector("tr[data-service=broker] .pill[data-state=connected]"));
            assertThat(browser.await(By.cssSelector("tr[data-service=broker]")).getText())
                    .contains("mqtt").contains(broker.uri()).contains("user: bridge").doesNotContain("never-shown");
            assertThat(browser.await(By.cssSelector("tr[data-service=crm]")).getText()).contains("https://crm.example.com");

            broker.stop();
            Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> !server.server().mqtt().connected("broker"));
            browser.driver().navigate().refresh();
            browser.await(By.cssSelector("tr[data-service=broker] .pill[data-state=disconnected]"));
            assertThat(browser.await(By.cssSelector("tr[data-service=broker] .error")).getText())
                    .contains("connection lost");

            // the editor shows the fields, not the status, and the password masked
            browser.click(By.cssSelector("tr[data-service=broker] td.actions button"));
            String json = String.valueOf(browser.script("return document.getElementById('service-json').value"));
            assertThat(json).contains("\"uri\"").contains("********").doesNotContain("\"status\"");
            assertThat(browser.errors()).isEmpty();
        }
    }
}
