package io.lwm2mbridge.engine.firmware;

import static io.lwm2mbridge.engine.testing.TestFirmware.image;
import static io.lwm2mbridge.engine.testing.TestFirmware.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestBed;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestFirmware;
import io.lwm2mbridge.engine.testing.TestServer;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Devices' downloads of inventory files: {@code /fw/<id>/<name>} over HTTP (with Range, without a token)
 * and over CoAP with Block2 on the LwM2M endpoint, fetched by Californium and by libcoap's coap-client.
 */
class FirmwareDownloadTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    final TestBed bed = new TestBed();
    private TestServer server;
    private Api api;
    private final List<CoapEndpoint> endpoints = new java.util.ArrayList<>();

    @BeforeEach
    void start() {
        server = bed.server();
        api = server.api();
    }

    @AfterEach
    void stop() {
        endpoints.forEach(CoapEndpoint::destroy);
    }

    private String upload(String name, byte[] content) {
        Api.Response r = api.send(api.request("/api/v1/inventory?name=" + name)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(content)));
        assertThat(r.status()).isEqualTo(201);
        return (String) r.map().get("downloadPath");
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server().httpPort() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void http_download_needs_no_token_and_answers_ranges() throws Exception {
        byte[] content = image(50_000, 1);
        String path = upload("app.bin", content);

        HttpResponse<byte[]> whole = get(path + "?epid=dev-1");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(content);
        assertThat(whole.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(whole.headers().firstValue("Content-Length")).contains("50000");
        assertThat(whole.headers().firstValue("ETag")).contains("\"" + sha256(content) + "\"");

        HttpResponse<byte[]> middle = get(path, "Range", "bytes=100-199");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).contains("bytes 100-199/50000");
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(content, 100, 200));

        HttpResponse<byte[]> resume = get(path, "Range", "bytes=49000-");
        assertThat(resume.statusCode()).isEqualTo(206);
        assertThat(resume.body()).isEqualTo(Arrays.copyOfRange(content, 49_000, 50_000));

        HttpResponse<byte[]> beyond = get(path, "Range", "bytes=50000-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).contains("bytes */50000");
    }

    @Test
    void unknown_or_stale_ids_and_other_names_are_404_and_nothing_is_listable() throws Exception {
        String path = upload("app.bin", image(1000, 2));
        String id = path.split("/")[2];
        upload("other.bin", image(10, 3));

        assertThat(get("/fw/" + "0".repeat(32) + "/app.bin").statusCode()).isEqualTo(404);
        assertThat(get("/fw/" + id + "/other.bin").statusCode()).isEqualTo(404);
        assertThat(get("/fw/" + id).statusCode()).isEqualTo(404);
        assertThat(get("/fw/").statusCode()).isEqualTo(404);
        assertThat(get("/fw").statusCode()).isEqualTo(404);

        // a replaced file gets a new id: the old URI stops working
        String replaced = upload("app.bin", image(2000, 4));
        assertThat(replaced).isNotEqualTo(path);
        assertThat(get(path).statusCode()).isEqualTo(404);
        assertThat(get(replaced).statusCode()).isEqualTo(200);

        CoapResponse unknown = coap().advanced(Request.newGet().setURI(coapBase() + "/fw/" + id + "/app.bin"));
        assertThat(unknown.getCode()).isEqualTo(CoAP.ResponseCode.NOT_FOUND);
        CoapResponse root = coap().advanced(Request.newGet().setURI(coapBase() + "/fw"));
        assertThat(root.getCode()).isEqualTo(CoAP.ResponseCode.NOT_FOUND);
    }

    @Test
    void coap_block2_download_on_the_lwm2m_endpoint_matches_the_sha256() throws Exception {
        byte[] content = image(70_000, 5);
        String path = upload("blocks.bin", content);

        // Californium reassembling the blocks for us
        CoapClient client = coap();
        CoapResponse whole = client.advanced(Request.newGet().setURI(coapBase() + path));
        assertThat(whole.getCode()).isEqualTo(CoAP.ResponseCode.CONTENT);
        assertThat(sha256(whole.getPayload())).isEqualTo(sha256(content));

        // a block asked for in 1024-byte units comes back in the server's 512-byte blocks, same offset
        Request third = Request.newGet().setURI(coapBase() + path);
        third.getOptions().setBlock2(6, false, 3);
        CoapResponse block = rawClient().advanced(third);
        assertThat(block.getOptions().getBlock2().getSzx()).isEqualTo(5);
        assertThat(block.getOptions().getBlock2().getNum()).isEqualTo(6);
        assertThat(block.getOptions().getBlock2().isM()).isTrue();
        assertThat(block.getPayload()).isEqualTo(Arrays.copyOfRange(content, 3072, 3584));

        Request past = Request.newGet().setURI(coapBase() + path);
        past.getOptions().setBlock2(5, false, 1000);
        assertThat(rawClient().advanced(past).getCode()).isEqualTo(CoAP.ResponseCode.BAD_OPTION);
    }

    @Test
    void libcoap_coap_client_downloads_the_file_and_its_sha256_matches() throws Exception {
        Optional<String> coapClient = findCoapClient();
        Assumptions.assumeTrue(coapClient.isPresent(),
                "coap-client (Debian package libcoap3-bin) is not installed; .ci/run installs it");
        byte[] content = image(300_000, 6);
        String path = upload("peer.bin", content);
        Path out = Files.createTempFile("coap-client-", ".bin");
        try {
            Process p = new ProcessBuilder(coapClient.get(), "-m", "get", "-b", "1024", "-o", out.toString(),
                    coapBase() + path).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("coap-client finished").isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(sha256(Files.readAllBytes(out))).isEqualTo(sha256(content));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void epid_tells_the_update_when_the_device_started_downloading() throws Exception {
        byte[] content = image(120_000, 7);
        upload("epid.bin", content);
        // this device reports nothing until it has the whole image: only the epid download says it began
        TestFirmware fw = TestFirmware.expecting(sha256(content)).quietWhileDownloading()
                .slowLink(Duration.ofMillis(2)).build();
        try (TestDevice d = TestDevice.named("quiet-1").withFirmware(fw).start(server.coapUri())) {
            d.awaitRegistered();
            assertThat(api.post("/api/v1/endpoints/quiet-1/firmware", Map.of("file", "epid.bin")).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> !server.events("lwm2m-firmware-update-complete", "quiet-1").isEmpty());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> done = (Map<String, Object>) server.events("lwm2m-firmware-update-complete", "quiet-1").get(0).get("data");
        assertThat(done).containsEntry("success", true);
        List<String> states = server.events("lwm2m-firmware-update-status", "quiet-1").stream()
                .map(e -> (String) ((Map<?, ?>) e.get("data")).get("state")).toList();
        assertThat(states).doesNotContain("downloading");
        assertThat(Instant.parse((String) done.get("dateDownloading")))
                .isBefore(Instant.parse((String) done.get("dateDownloaded")).minusMillis(100));
    }

    private String coapBase() {
        return "coap://127.0.0.1:" + server.server().coapPort();
    }

    private CoapClient coap() {
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 1024 * 1024);
        return client(config);
    }

    /** A client that leaves block-wise transfers to the caller, so one request is one block. */
    private CoapClient rawClient() {
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 0);
        return client(config);
    }

    private CoapClient client(Configuration config) {
        CoapClient c = new CoapClient();
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(config).build();
        endpoints.add(endpoint);
        c.setEndpoint(endpoint);
        c.setTimeout(10_000L);
        return c;
    }

    /** coap-client, or the names Debian installs it under (coap-client-notls, -openssl, -gnutls). */
    static Optional<String> findCoapClient() {
        for (String name : List.of("coap-client", "coap-client-notls", "coap-client-openssl", "coap-client-gnutls")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                File f = new File(dir, name);
                if (f.canExecute()) {
                    return Optional.of(f.getAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }
}
