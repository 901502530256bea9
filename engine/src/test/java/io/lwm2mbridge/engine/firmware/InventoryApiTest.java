package io.lwm2mbridge.engine.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestBed;
import io.lwm2mbridge.engine.testing.TestFirmware;
import io.lwm2mbridge.engine.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/v1/inventory}: streamed uploads (raw and multipart), metadata, limits and names. */
class InventoryApiTest {

    private static final int MIB_16 = 16 * 1024 * 1024;

    @RegisterExtension
    final TestBed bed = new TestBed();
    private TestServer server;
    private Api api;

    @BeforeEach
    void start() {
        server = bed.server();
        api = server.api();
    }

    @Test
    void raw_upload_keeps_size_sha256_and_metadata_across_a_restart() {
        byte[] content = TestFirmware.image(123_456, 1);
        Api.Response r = raw("/api/v1/inventory?name=app-v2.bin&version=2.0.1&description=night%20build", content);
        assertThat(r.status()).isEqualTo(201);
        Map<String, Object> stored = r.map();
        assertThat(stored).containsEntry("name", "app-v2.bin").containsEntry("size", 123_456)
                .containsEntry("sha256", TestFirmware.sha256(content)).containsEntry("version", "2.0.1")
                .containsEntry("description", "night build").containsKeys("created", "updated");
        assertThat((String) stored.get("downloadPath")).matches("/fw/[0-9a-f]{32}/app-v2\\.bin");

        assertThat(api.get("/api/v1/inventory").items()).containsExactly(stored);
        assertThat(api.get("/api/v1/inventory/app-v2.bin").map()).isEqualTo(stored);
        assertThat(content(api, "/api/v1/inventory/app-v2.bin/content")).isEqualTo(content);

        server.restart();
        Api again = server.api();
        assertThat(again.get("/api/v1/inventory/app-v2.bin").map()).isEqualTo(stored);
        assertThat(content(again, "/api/v1/inventory/app-v2.bin/content")).isEqualTo(content);
    }

    @Test
    void multipart_upload_takes_the_fields_in_any_order_and_the_filename_as_a_fallback() {
        byte[] first = TestFirmware.image(70_000, 2);
        Api.Response r = multipart(List.of(file("file", "ignored-name.bin", first),
                field("name", "sensor-fw.bin"), field("version", "1.4"), field("description", "fields after the file")));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.map()).containsEntry("name", "sensor-fw.bin").containsEntry("size", 70_000)
                .containsEntry("sha256", TestFirmware.sha256(first)).containsEntry("version", "1.4")
                .containsEntry("description", "fields after the file");

        byte[] second = TestFirmware.image(1_000, 3);
        Api.Response byFilename = multipart(List.of(field("version", "9"), file("file", "from-filename.bin", second)));
        assertThat(byFilename.status()).as(byFilename.toString()).isEqualTo(201);
        assertThat(byFilename.map()).containsEntry("name", "from-filename.bin").containsEntry("sha256", TestFirmware.sha256(second));
        assertThat(content(api, "/api/v1/inventory/from-filename.bin/content")).isEqualTo(second);
    }

    @Test
    void upload_of_16_mib_is_stored_and_one_byte_more_is_413_with_nothing_stored() {
        byte[] limit = TestFirmware.image(MIB_16, 4);
        assertThat(raw("/api/v1/inventory?name=max.bin", limit).status()).isEqualTo(201);
        byte[] small = TestFirmware.image(10, 5);
        assertThat(raw("/api/v1/inventory?name=keep.bin", small).status()).isEqualTo(201);

        byte[] over = TestFirmware.image(MIB_16 + 1, 6);
        Api.Response raw = raw("/api/v1/inventory?name=keep.bin", over);
        assertThat(raw.status()).isEqualTo(413);
        assertThat((String) raw.map().get("error")).contains("larger than the limit of 16777216 bytes", "nothing was stored");
        assertThat(raw.map().get("details")).isEqualTo(Map.of("maxBytes", MIB_16));
        Api.Response form = multipart(List.of(field("name", "other.bin"), file("file", "other.bin", over)));
        assertThat(form.status()).isEqualTo(413);

        // the file of that name is unchanged and nothing else appeared
        assertThat(api.get("/api/v1/inventory/keep.bin").map()).containsEntry("sha256", TestFirmware.sha256(small));
        assertThat(api.get("/api/v1/inventory").items()).extracting(m -> m.get("name")).containsExactly("keep.bin", "max.bin");
        assertThat(api.get("/api/v1/inventory/max.bin").map()).containsEntry("size", MIB_16);
    }

    @Test
    void names_with_path_tricks_are_refused_and_nothing_is_stored() {
        byte[] content = TestFirmware.image(100, 7);
        Api.Response dots = raw("/api/v1/inventory?name=..%2Fx", content);
        assertThat(dots.status()).isEqualTo(400);
        assertThat((String) dots.map().get("error")).startsWith("firmware name may only contain");
        assertThat(raw("/api/v1/inventory?name=..", content).toString()).startsWith("400").contains("'.'");
        assertThat(raw("/api/v1/inventory?name=.hidden", content).status()).isEqualTo(400);
        Api.Response form = multipart(List.of(field("name", "../x"), file("file", "x.bin", content)));
        assertThat(form.status()).isEqualTo(400);
        assertThat((String) form.map().get("error")).contains("'/'");
        Api.Response byFilename = multipart(List.of(file("file", "../../etc/passwd", content)));
        assertThat(byFilename.status()).isEqualTo(400);
        assertThat(raw("/api/v1/inventory", content).toString()).startsWith("400").contains("?name=");
        assertThat(multipart(List.of(field("name", "x.bin"))).toString()).startsWith("400").contains("no 'file' part");
        assertThat(api.get("/api/v1/inventory").items()).isEmpty();
    }

    @Test
    void delete_removes_a_file_and_unknown_names_are_404() {
        raw("/api/v1/inventory?name=old.bin", TestFirmware.image(10, 8));
        assertThat(api.delete("/api/v1/inventory/old.bin").status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/inventory/old.bin").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/inventory/old.bin").toString()).startsWith("404").contains("no file named 'old.bin'");
        assertThat(api.get("/api/v1/inventory/old.bin/content").status()).isEqualTo(404);
        assertThat(api.withToken(null).get("/api/v1/inventory").status()).isEqualTo(401);
    }

    private Api.Response raw(String path, byte[] content) {
        return api.send(api.request(path).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)));
    }

    private record Part(String name, String filename, byte[] content) {}

    private static Part field(String name, String value) {
        return new Part(name, null, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Part file(String name, String filename, byte[] content) {
        return new Part(name, filename, content);
    }

    private Api.Response multipart(List<Part> parts) {
        String boundary = "----bridge-test-7f3a";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part p : parts) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name() + "\""
                    + (p.filename() == null ? "" : "; filename=\"" + p.filename() + "\"\r\nContent-Type: application/octet-stream")
                    + "\r\n\r\n";
            body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            body.writeBytes(p.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send(api.request("/api/v1/inventory").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    static byte[] content(Api api, String path) {
        try {
            HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(api.request(path).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
