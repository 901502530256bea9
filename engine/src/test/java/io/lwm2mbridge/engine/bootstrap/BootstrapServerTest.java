package io.lwm2mbridge.engine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.leshan.core.peer.PskIdentity;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real Leshan clients bootstrapping over CoAP and CoAPS, then registering where the bootstrap sent them. */
class BootstrapServerTest {

    private static final String SELF_PSK_REPLY = """
            trigger.reply({
              clearSecurityObjects: true, clearServerObjects: true, clearAclObjects: true,
              servers: [{ shortServerId: 99, self: true, secMode: 'psk', lifetime: 60, binding: 'U' }]
            });
            """;

    private TestServer server;
    private final List<TestDevice> devices = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        devices.parallelStream().forEach(TestDevice::close);
        server.close();
    }

    private TestDevice bootstrapping(TestDevice.Builder b, String uri) {
        TestDevice d = b.bootstrap().start(uri);
        devices.add(d);
        return d;
    }

    private Registration registration(String endpoint) {
        return server.server().leshan().getRegistrationService().getByEndpoint(endpoint);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }

    @Test
    void trigger_reply_with_self_psk_bootstraps_over_coap_then_registers_over_coaps_and_is_read() {
        server.createTrigger("bs", "lwm2m-bootstrap", SELF_PSK_REPLY);
        server.createTrigger("read", "lwm2m-register", """
                var v = lwm2m.read(event.endpoint.key, '3/0/0', {async: false, return: 'value'});
                log.info('manufacturer', {value: v.value, credentials: event.data.credentials});
                """);
        TestDevice d = bootstrapping(TestDevice.named("fresh-1").manufacturer("Acme"), server.bootstrapCoapUri());
        d.awaitBootstrapped().awaitRegistered();

        await().atMost(Duration.ofSeconds(20)).until(() -> !server.logs("manufacturer").isEmpty());
        assertThat(server.logs("manufacturer").get(0).get("data"))
                .isEqualTo(Map.of("value", "Acme", "credentials", "alternate"));
        Registration reg = registration("fresh-1");
        assertThat(reg.getClientTransportData().getIdentity()).isInstanceOf(PskIdentity.class);
        assertThat(reg.getLastEndpointUsed().getScheme()).isEqualTo("coaps");
        assertThat(reg.getLifeTimeInSec()).isEqualTo(60);

        List<Map<String, Object>> bootstraps = server.events("lwm2m-bootstrap", "fresh-1");
        assertThat(bootstraps).hasSize(1);
        assertThat(data(bootstraps.get(0))).containsEntry("version", "1.1").containsKey("remoteAddr");
        List<Map<String, Object>> history = server.api().get("/api/v1/bootstrap/fresh-1/history").items();
        assertThat(history).hasSize(1);
        assertThat(history.get(0)).containsEntry("result", "success").containsEntry("source", "trigger:bs");

        // the generated key is stored for the endpoint, and shown nowhere
        byte[] key = server.server().endpoints().credentials().get("fresh-1",
                io.lwm2mbridge.engine.endpoints.Credentials.Slot.ALTERNATE).orElseThrow().psk();
        String hex = HexFormat.of().formatHex(key);
        Api.Response record = server.api().get("/api/v1/endpoints/fresh-1");
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.map().get("identity")).asString().startsWith("fresh-1:");
        assertThat(record.body()).doesNotContainIgnoringCase(hex);
        assertThat(server.api().get("/api/v1/events?endpoint=fresh-1").body()).doesNotContainIgnoringCase(hex);
        assertThat(server.api().get("/api/v1/logs").body()).doesNotContainIgnoringCase(hex);
    }

    @Test
    void first_reply_wins_and_a_trigger_that_does_not_reply_is_no_obstacle() {
        server.createTrigger("silent", "lwm2m-bootstrap", "log.info('looked');");
        server.createTrigger("slow", "lwm2m-bootstrap", """
                trigger.sleep(1500);
                trigger.reply({servers: [{shortServerId: 7, self: true, secMode: 'nosec', lifetime: 70}]});
                """);
        server.createTrigger("fast", "lwm2m-bootstrap", """
                trigger.reply({clearSecurityObjects: true, clearServerObjects: true,
                  servers: [{shortServerId: 8, self: true, secMode: 'nosec', lifetime: 80}]});
                """);
        TestDevice d = bootstrapping(TestDevice.named("race-1"), server.bootstrapCoapUri());
        d.awaitBootstrapped().awaitRegistered();

        Registration reg = registration("race-1");
        assertThat(reg.getLifeTimeInSec()).isEqualTo(80);
        assertThat(reg.getClientTransportData().getIdentity().isSecure()).isFalse();
        assertThat(server.api().get("/api/v1/bootstrap/race-1/history").items().get(0))
                .containsEntry("source", "trigger:fast");
    }

    @Test
    void provisioned_psk_bootstraps_over_coaps_with_the_stored_configuration() {
        Api.Response created = server.api().post("/api/v1/endpoints",
                Map.of("endpoint", "prov-1", "identity", "prov-1-id", "psk", "00112233445566778899aabbccddeeff"));
        assertThat(created.status()).isEqualTo(201);
        Api.Response put = server.api().put("/api/v1/bootstrap/prov-1", Map.of(
                "clearSecurityObjects", true, "clearServerObjects", true,
                "servers", List.of(Map.of("shortServerId", 3, "self", true, "secMode", "psk", "lifetime", 90))));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);

        TestDevice d = bootstrapping(TestDevice.named("prov-1")
                .psk("prov-1-id", HexFormat.of().parseHex("00112233445566778899aabbccddeeff")),
                server.bootstrapCoapsUri());
        d.awaitBootstrapped().awaitRegistered();

        Registration reg = registration("prov-1");
        assertThat(reg.getLifeTimeInSec()).isEqualTo(90);
        assertThat(((PskIdentity) reg.getClientTransportData().getIdentity()).getPskIdentity()).startsWith("prov-1:");
        await().atMost(Duration.ofSeconds(10)).until(() -> !server.events("lwm2m-register", "prov-1").isEmpty());
        assertThat(data(server.events("lwm2m-register", "prov-1").get(0))).containsEntry("credentials", "alternate");
        assertThat(server.api().get("/api/v1/bootstrap/prov-1/history").items().get(0))
                .containsEntry("result", "success").containsEntry("source", "stored");
        // the provisioned identity still works for the next factory reset
        assertThat(server.api().get("/api/v1/endpoints/prov-1").map()).containsEntry("identity", "prov-1-id");
    }

    @Test
    void known_endpoint_without_trigger_or_stored_configuration_is_bootstrapped_with_its_stored_psk() {
        server.api().post("/api/v1/endpoints",
                Map.of("endpoint", "auto-1", "identity", "auto-1-id", "psk", "0a0b0c0d0e0f"));
        TestDevice d = bootstrapping(TestDevice.named("auto-1").psk("auto-1-id", HexFormat.of().parseHex("0a0b0c0d0e0f")),
                server.bootstrapCoapsUri());
        d.awaitBootstrapped().awaitRegistered();

        assertThat(((PskIdentity) registration("auto-1").getClientTransportData().getIdentity()).getPskIdentity())
                .isEqualTo("auto-1-id");
        await().atMost(Duration.ofSeconds(10)).until(() -> !server.events("lwm2m-register", "auto-1").isEmpty());
        assertThat(data(server.events("lwm2m-register", "auto-1").get(0))).containsEntry("credentials", "primary");
        assertThat(registration("auto-1").getLifeTimeInSec()).isEqualTo(3600); // bootstrap_lifetime
        assertThat(server.api().get("/api/v1/bootstrap/auto-1/history").items().get(0))
                .containsEntry("source", "automatic");
    }

    @Test
    void bootstrap_lifetime_setting_is_the_lifetime_of_an_automatic_bootstrap() {
        assertThat(server.api().put("/api/v1/settings", Map.of("bootstrap_lifetime", 120)).status()).isEqualTo(200);
        server.api().post("/api/v1/endpoints", Map.of("endpoint", "life-1"));
        TestDevice d = bootstrapping(TestDevice.named("life-1"), server.bootstrapCoapUri());
        d.awaitBootstrapped().awaitRegistered();
        assertThat(registration("life-1").getLifeTimeInSec()).isEqualTo(120);
        assertThat(registration("life-1").getClientTransportData().getIdentity().isSecure()).isFalse();
    }

    @Test
    void device_with_no_configuration_and_no_trigger_gets_a_clear_bootstrap_failure_that_is_recorded() {
        TestDevice d = bootstrapping(TestDevice.named("stranger-1"), server.bootstrapCoapUri());

        await().atMost(Duration.ofSeconds(20)).until(() -> !d.failures().isEmpty());
        assertThat(d.failures().get(0)).contains("BAD_REQUEST").contains("no bootstrap config");
        assertThat(d.isRegistered()).isFalse();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !server.api().get("/api/v1/bootstrap/stranger-1/history").items().isEmpty());
        Map<String, Object> outcome = server.api().get("/api/v1/bootstrap/stranger-1/history").items().get(0);
        assertThat(outcome).containsEntry("result", "failed");
        assertThat((String) outcome.get("cause")).contains("no bootstrap configuration for endpoint 'stranger-1'")
                .contains("no lwm2m-bootstrap trigger replied").contains("the endpoint is unknown");
        List<Map<String, Object>> warnings = server.logs(e -> "stranger-1".equals(e.get("endpoint"))
                && "warn".equals(e.get("level")));
        assertThat(warnings).isNotEmpty();
        assertThat((String) warnings.get(0).get("message")).startsWith("bootstrap failed: no bootstrap configuration");
        // the request itself is an event scripts could have answered
        assertThat(server.events("lwm2m-bootstrap", "stranger-1")).isNotEmpty();
    }

    @Test
    void an_invalid_reply_is_recorded_against_its_trigger_and_not_used() {
        server.createTrigger("broken", "lwm2m-bootstrap", "trigger.reply({servers: [{self: true, secMode: 'rot13'}]});");
        TestDevice d = bootstrapping(TestDevice.named("stranger-2"), server.bootstrapCoapUri());

        await().atMost(Duration.ofSeconds(20)).until(() -> !d.failures().isEmpty());
        String id = (String) server.api().get("/api/v1/triggers").items().get(0).get("id");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !server.api().get("/api/v1/triggers/" + id + "/errors").items().isEmpty());
        assertThat((String) server.api().get("/api/v1/triggers/" + id + "/errors").items().get(0).get("message"))
                .contains("servers[0].secMode must be nosec, psk or cert");
    }

    @Test
    void stored_configurations_are_checked_and_their_secrets_are_write_only() {
        Api api = server.api();
        Api.Response bad = api.put("/api/v1/bootstrap/dev-9", Map.of("servers",
                List.of(Map.of("shortServerId", 101, "serverUri", "coaps://other.example:5684", "secMode", "psk",
                        "identityString", "client"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat((String) bad.map().get("error")).contains("servers[0].pskHex is required");
        assertThat(api.get("/api/v1/bootstrap/dev-9").status()).isEqualTo(404);

        Map<String, Object> config = Map.of(
                "clearSecurityObjects", true,
                "servers", List.of(Map.of("shortServerId", 101, "serverUri", "coaps://other.example:5684",
                        "secMode", "psk", "identityString", "client", "pskHex", "2233445566", "binding", "U")),
                "acls", List.of(Map.of("objectId", 4, "instanceId", 0, "rules", Map.of("101", "rwe"), "owner", 65535)),
                "objects", Map.of("3441", Map.of("0", Map.of("110", "bootstrap value"))));
        Api.Response ok = api.put("/api/v1/bootstrap/dev-9", config);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        for (Api.Response r : List.of(ok, api.get("/api/v1/bootstrap/dev-9"), api.get("/api/v1/bootstrap"))) {
            assertThat(r.body()).doesNotContain("2233445566").contains("\"pskSet\":true").contains("identityString");
        }
        assertThat(api.get("/api/v1/bootstrap").items()).extracting(i -> i.get("endpoint")).containsExactly("dev-9");

        // what GET answered, changed and sent back, keeps the stored key (pskSet: true stands for it)
        Map<String, Object> shown = api.get("/api/v1/bootstrap/dev-9").map();
        @SuppressWarnings("unchecked")
        Map<String, Object> server0 = new java.util.LinkedHashMap<>(((List<Map<String, Object>>) shown.get("servers")).get(0));
        server0.put("binding", "UQ");
        Map<String, Object> edited = new java.util.LinkedHashMap<>(shown);
        edited.put("servers", List.of(server0));
        Api.Response resaved = api.put("/api/v1/bootstrap/dev-9", edited);
        assertThat(resaved.status()).as(resaved.toString()).isEqualTo(200);
        assertThat(resaved.body()).contains("\"pskSet\":true").contains("\"binding\":\"UQ\"").doesNotContain("2233445566");
        assertThat(storedPsk(server, "dev-9")).isEqualTo("2233445566");
        // a flag for a server with no stored key is refused and changes nothing
        server0.put("shortServerId", 102);
        Api.Response orphan = api.put("/api/v1/bootstrap/dev-9", Map.of("servers", List.of(server0)));
        assertThat(orphan.status()).isEqualTo(400);
        assertThat((String) orphan.map().get("error")).contains("servers[0].pskSet is true but no pskHex is stored");
        assertThat(storedPsk(server, "dev-9")).isEqualTo("2233445566");
        assertThat(api.delete("/api/v1/bootstrap/dev-9").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/bootstrap/dev-9").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/bootstrap/dev-9").status()).isEqualTo(404);
    }

    /** The PSK the bootstrap would write for an endpoint's first server, as hex. */
    private static String storedPsk(TestServer server, String endpoint) {
        return java.util.HexFormat.of().formatHex(
                server.server().bootstrap().configs().reply(endpoint).orElseThrow().servers().get(0).secret());
    }

    @Test
    void a_hundred_devices_bootstrapping_at_once_all_end_registered() {
        server.createTrigger("bs", "lwm2m-bootstrap", SELF_PSK_REPLY);
        List<TestDevice> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(bootstrapping(TestDevice.named("swarm-" + i), server.bootstrapCoapUri()));
        }
        await().atMost(Duration.ofSeconds(45)).until(() -> many.stream().allMatch(TestDevice::isRegistered));
        assertThat(server.server().leshan().getRegistrationService().getAllRegistrations())
                .toIterable().hasSize(100)
                .allMatch(r -> r.getClientTransportData().getIdentity() instanceof PskIdentity);
    }
}
