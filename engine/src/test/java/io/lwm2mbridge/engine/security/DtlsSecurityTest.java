package io.lwm2mbridge.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.endpoints.Thumbprints;
import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.leshan.core.peer.X509Identity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The LwM2M server's DTLS listener with real Leshan clients: who gets in, who is refused, and that it shows. */
class DtlsSecurityTest {

    private static final String KEY = "000102030405060708090a0b0c0d0e0f";
    private static final Certificates.Issued CA = Certificates.issue("Test Device CA", null, Certificates.Use.CA, null,
            Instant.now(), Duration.ofDays(2));

    private TestServer server;
    private final List<TestDevice> devices = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        Path dir = Files.createTempDirectory("bridge-dtls-");
        Files.createDirectories(dir.resolve("certs/trusted"));
        Files.writeString(dir.resolve("certs/trusted/device-ca.pem"), Certificates.toPem(CA.certificate()));
        server = TestServer.startIn(dir);
    }

    @AfterEach
    void stop() {
        devices.forEach(TestDevice::close);
        Path dir = server.dataDir();
        server.close();
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestDevice device(TestDevice.Builder b, String uri) {
        TestDevice d = b.start(uri);
        devices.add(d);
        return d;
    }

    private void provision(Map<String, Object> fields) {
        Api.Response r = server.api().post("/api/v1/endpoints", fields);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private List<Map<String, Object>> warnings(String containing) {
        return server.logs(e -> "warn".equals(e.get("level")) && String.valueOf(e.get("message")).contains(containing));
    }

    private X509Certificate serverCertificate() {
        return server.server().serverIdentity().certificate();
    }

    @Test
    void provisioned_psk_registers_over_coaps_as_primary() {
        provision(Map.of("endpoint", "psk-1", "identity", "psk-1-id", "psk", KEY));
        device(TestDevice.named("psk-1").psk("psk-1-id", HexFormat.of().parseHex(KEY)), server.coapsUri())
                .awaitRegistered();
        await().atMost(Duration.ofSeconds(10)).until(() -> !server.events("lwm2m-register", "psk-1").isEmpty());
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) server.events("lwm2m-register", "psk-1").get(0).get("data");
        assertThat(data).containsEntry("credentials", "primary");
        assertThat(server.api().get("/api/v1/endpoints/psk-1").body()).doesNotContainIgnoringCase(KEY);
    }

    @Test
    void wrong_psk_is_refused_and_the_refusal_names_the_endpoint_but_not_the_key() {
        provision(Map.of("endpoint", "psk-2", "identity", "psk-2-id", "psk", KEY));
        String wrong = "ffeeddccbbaa99887766554433221100";
        TestDevice d = device(TestDevice.named("psk-2").psk("psk-2-id", HexFormat.of().parseHex(wrong)), server.coapsUri());

        await().atMost(Duration.ofSeconds(30)).until(() -> !warnings("is not the one stored").isEmpty());
        Map<String, Object> entry = warnings("is not the one stored").get(0);
        assertThat(entry.get("endpoint")).isEqualTo("psk-2");
        assertThat((String) entry.get("message")).contains("PSK identity 'psk-2-id'");
        assertThat(((Map<?, ?>) entry.get("data")).get("remoteAddr")).asString().matches("127\\.0\\.0\\.1:\\d+");
        assertThat(d.isRegistered()).isFalse();
        assertThat(server.server().leshan().getRegistrationService().getByEndpoint("psk-2")).isNull();
        String logs = server.api().get("/api/v1/logs").body();
        assertThat(logs).doesNotContainIgnoringCase(KEY).doesNotContainIgnoringCase(wrong);
    }

    @Test
    void unknown_psk_identity_is_refused_and_recorded() {
        TestDevice d = device(TestDevice.named("ghost-1").psk("nobody", HexFormat.of().parseHex(KEY)), server.coapsUri());
        await().atMost(Duration.ofSeconds(20)).until(() -> !warnings("no endpoint has PSK identity").isEmpty());
        Map<String, Object> entry = warnings("no endpoint has PSK identity").get(0);
        assertThat((String) entry.get("message")).contains("nobody");
        // the refusal names the peer's address, in the entry and in its message (the server log line)
        Object remoteAddr = ((Map<?, ?>) entry.get("data")).get("remoteAddr");
        assertThat(remoteAddr).asString().matches("127\\.0\\.0\\.1:\\d+")
                .isNotEqualTo("127.0.0.1:" + server.server().coapsPort());
        assertThat((String) entry.get("message")).startsWith("DTLS handshake from " + remoteAddr + " refused");
        assertThat(d.isRegistered()).isFalse();
    }

    @Test
    void a_client_using_another_endpoints_identity_is_refused() {
        provision(Map.of("endpoint", "owner-1", "identity", "owner-1-id", "psk", KEY));
        TestDevice d = device(TestDevice.named("thief-1").psk("owner-1-id", HexFormat.of().parseHex(KEY)),
                server.coapsUri());

        await().atMost(Duration.ofSeconds(20)).until(() -> d.failures().stream().anyMatch(f -> f.contains("FORBIDDEN")));
        assertThat(d.isRegistered()).isFalse();
        List<Map<String, Object>> refused = warnings("which belongs to endpoint 'owner-1'");
        assertThat(refused).isNotEmpty();
        assertThat(refused.get(0).get("endpoint")).isEqualTo("thief-1");
    }

    @Test
    void nosec_registration_of_an_endpoint_with_credentials_is_refused() {
        provision(Map.of("endpoint", "psk-3", "identity", "psk-3-id", "psk", KEY));
        TestDevice d = device(TestDevice.named("psk-3"), server.coapUri());
        await().atMost(Duration.ofSeconds(20)).until(() -> d.failures().stream().anyMatch(f -> f.contains("FORBIDDEN")));
        assertThat(warnings("must use them (coaps)")).extracting(e -> e.get("endpoint")).contains("psk-3");
        // an endpoint without credentials still registers over NoSec
        device(TestDevice.named("plain-1"), server.coapUri()).awaitRegistered();
    }

    @Test
    void x509_client_issued_by_the_trusted_ca_is_accepted() {
        Certificates.Issued client = Certificates.issue("x509-ca-1", null, Certificates.Use.CLIENT, CA, Instant.now(),
                Duration.ofDays(1));
        device(TestDevice.named("x509-ca-1").x509(client.certificate(), client.key(), serverCertificate()),
                server.coapsUri()).awaitRegistered();
        assertThat(server.server().leshan().getRegistrationService().getByEndpoint("x509-ca-1")
                .getClientTransportData().getIdentity()).isInstanceOf(X509Identity.class);
    }

    @Test
    void x509_client_pinned_by_thumbprint_is_accepted_and_another_certificate_for_it_refused() {
        Certificates.Issued pinned = Certificates.issue("x509-pin-1", null, Certificates.Use.CLIENT, null, Instant.now(),
                Duration.ofDays(1));
        String thumbprint;
        try {
            thumbprint = Thumbprints.of(pinned.certificate().getEncoded(), false);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        provision(Map.of("endpoint", "x509-pin-1", "x509Thumbprint", thumbprint.toUpperCase()));
        device(TestDevice.named("x509-pin-1").x509(pinned.certificate(), pinned.key(), serverCertificate()),
                server.coapsUri()).awaitRegistered();

        // pinning is strict: even a certificate from the trusted CA is not that endpoint's certificate
        Certificates.Issued other = Certificates.issue("x509-pin-1", null, Certificates.Use.CLIENT, CA, Instant.now(),
                Duration.ofDays(1));
        devices.get(0).close();
        TestDevice impostor = device(TestDevice.named("x509-pin-1").x509(other.certificate(), other.key(),
                serverCertificate()), server.coapsUri());
        await().atMost(Duration.ofSeconds(20)).until(() -> !warnings("is not the one pinned for it").isEmpty());
        assertThat(warnings("is not the one pinned for it").get(0).get("endpoint")).isEqualTo("x509-pin-1");
        assertThat(impostor.isRegistered()).isFalse();
    }

    @Test
    void x509_client_from_an_unknown_issuer_is_refused() {
        Certificates.Issued rogue = Certificates.issue("x509-rogue-1", null, Certificates.Use.CLIENT, null, Instant.now(),
                Duration.ofDays(1));
        TestDevice d = device(TestDevice.named("x509-rogue-1").x509(rogue.certificate(), rogue.key(), serverCertificate()),
                server.coapsUri());
        await().atMost(Duration.ofSeconds(20)).until(() -> !warnings("not issued by a trusted CA").isEmpty());
        assertThat(warnings("not issued by a trusted CA").get(0).get("endpoint")).isEqualTo("x509-rogue-1");
        assertThat(d.isRegistered()).isFalse();
    }

    @Test
    void dtls_settings_have_safe_defaults_and_the_server_certificate_is_generated_once() throws IOException {
        Map<String, Object> settings = server.api().get("/api/v1/settings").map();
        assertThat(settings).containsEntry("dtls_cipher_suites", "compatible")
                .containsEntry("dtls_session_resumption", true).containsEntry("dtls_connection_id", true)
                .containsEntry("lwm2m_nosec_allowed", true).containsEntry("bootstrap_nosec_allowed", true)
                .containsEntry("bootstrap_lifetime", 3600);
        assertThat(server.api().put("/api/v1/settings", Map.of("dtls_cipher_suites", "rot13")).status()).isEqualTo(400);

        Path certFile = server.dataDir().resolve("certs/server.pem");
        assertThat(Files.readString(certFile)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(server.dataDir().resolve("certs/server.key"))).contains("PRIVATE KEY");
        X509Certificate before = serverCertificate();
        server.restart();
        assertThat(serverCertificate()).isEqualTo(before);
        assertThat(server.server().serverIdentity().trusted()).containsExactly(CA.certificate());
    }
}
