package io.lwm2mbridge.engine.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.security.Certificates;
import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.Mosquitto;
import io.lwm2mbridge.engine.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code mqtts://} services against a mosquitto TLS listener that wants a client certificate: the broker is
 * trusted through the service's {@code caCertificate}, the service presents its {@code clientCertificate}; a
 * service without the certificate, or trusting another CA, is refused with the reason in {@code lastError}; the
 * key is write-only.
 */
class MqttTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration YEAR = Duration.ofDays(365);

    private Mosquitto broker;
    private TestServer server;
    private Api api;
    private Certificates.Issued ca;

    @BeforeEach
    void start() {
        Instant now = Instant.now();
        ca = Certificates.issue("test broker CA", null, Certificates.Use.CA, null, now, YEAR);
        Certificates.Issued brokerCert = Certificates.issue("127.0.0.1", "127.0.0.1", Certificates.Use.SERVER, ca, now,
                YEAR);
        broker = Mosquitto.withTls(new Mosquitto.Tls(Certificates.toPem(ca.certificate()),
                Certificates.toPem(brokerCert.certificate()), Certificates.toPem(brokerCert.key()), true));
        server = TestServer.start();
        api = server.api();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private Map<String, Object> service(String key) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("key", key);
        s.put("type", "mqtt");
        s.put("uri", broker.uri());
        s.put("clientId", "tls-" + key);
        s.put("caCertificate", Certificates.toPem(ca.certificate()));
        return s;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> status(String key) {
        return (Map<String, Object>) api.get("/api/v1/services/" + key).map().get("status");
    }

    @Test
    void a_client_certificate_signed_by_the_brokers_ca_connects_and_publishes() throws Exception {
        Certificates.Issued client = Certificates.issue("bridge", null, Certificates.Use.CLIENT, ca, Instant.now(), YEAR);
        Map<String, Object> s = service("secure");
        s.put("clientCertificate", Certificates.toPem(client.certificate()));
        s.put("clientKey", Certificates.toPem(client.key()));
        Api.Response created = api.post("/api/v1/services", s);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.map()).containsEntry("clientKey", "********");
        assertThat(api.get("/api/v1/services").body()).doesNotContain("PRIVATE KEY");
        await().atMost(WAIT).untilAsserted(() -> assertThat(status("secure").get("state")).isEqualTo("connected"));
        server.server().mqtt().publish("secure", new OutboundMessage("tls/hello",
                "hi".getBytes(StandardCharsets.UTF_8), 1, false)).get(30, TimeUnit.SECONDS);
        assertThat(status("secure").get("published")).isEqualTo(1);
    }

    @Test
    void without_a_client_certificate_or_trusting_another_ca_the_handshake_fails_with_words() {
        assertThat(api.post("/api/v1/services", service("nocert")).status()).isEqualTo(201);
        Map<String, Object> wrongCa = service("wrongca");
        Certificates.Issued other = Certificates.issue("another CA", null, Certificates.Use.CA, null, Instant.now(), YEAR);
        wrongCa.put("caCertificate", Certificates.toPem(other.certificate()));
        assertThat(api.post("/api/v1/services", wrongCa).status()).isEqualTo(201);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(status("nocert").get("state")).isNotEqualTo("connected");
            assertThat(status("nocert").get("lastError")).isNotNull();
            assertThat(status("wrongca").get("state")).isNotEqualTo("connected");
            assertThat(String.valueOf(status("wrongca").get("lastError"))).containsIgnoringCase("certif");
        });
    }

    @Test
    void a_key_that_does_not_parse_is_refused_when_saved() {
        Certificates.Issued client = Certificates.issue("bridge", null, Certificates.Use.CLIENT, ca, Instant.now(), YEAR);
        Map<String, Object> s = service("badkey");
        s.put("clientCertificate", Certificates.toPem(client.certificate()));
        s.put("clientKey", "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        Api.Response r = api.post("/api/v1/services", s);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("PKCS#8");
        s.remove("clientKey");
        Api.Response alone = api.post("/api/v1/services", s);
        assertThat(alone.status()).isEqualTo(400);
        assertThat(alone.body()).contains("clientCertificate and clientKey go together");
    }
}
