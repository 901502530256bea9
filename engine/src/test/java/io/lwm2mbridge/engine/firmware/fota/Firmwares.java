package io.lwm2mbridge.engine.firmware.fota;

import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestServer;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Images, uploads and the firmware events of a test server. */
final class Firmwares {

    private Firmwares() {}

    /** Uploads as application/octet-stream and returns the stored file's metadata. */
    static Map<String, Object> upload(TestServer server, String name, byte[] content) {
        Api.Response r = server.api().send(server.api().request("/api/v1/inventory?name=" + name + "&version=2.0.0")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)));
        if (r.status() != 201) {
            throw new AssertionError("upload of " + name + " failed: " + r);
        }
        return r.map();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> data(TestServer server, String type, String endpoint) {
        return server.events(type, endpoint).stream().map(e -> (Map<String, Object>) e.get("data")).toList();
    }

    static List<Map<String, Object>> completes(TestServer server, String endpoint) {
        return data(server, "lwm2m-firmware-update-complete", endpoint);
    }

    static List<Map<String, Object>> statuses(TestServer server, String endpoint) {
        return data(server, "lwm2m-firmware-update-status", endpoint);
    }

    /** Waits for the complete event of {@code endpoint} and returns its data. */
    static Map<String, Object> awaitComplete(TestServer server, String endpoint, Duration within) {
        await().atMost(within).until(() -> !completes(server, endpoint).isEmpty());
        return completes(server, endpoint).get(0);
    }

    /** The job of an endpoint as {@code GET /fota?endpoint=} shows it (the latest one). */
    static Map<String, Object> job(TestServer server, String endpoint) {
        List<Map<String, Object>> items = server.api().get("/api/v1/fota?endpoint=" + endpoint).items();
        return items.isEmpty() ? null : items.get(0);
    }

    static Map<String, Object> startOverApi(TestServer server, String endpoint, Map<String, Object> body, int status) {
        Api.Response r = server.api().post("/api/v1/endpoints/" + endpoint + "/firmware", body);
        if (r.status() != status) {
            throw new AssertionError("expected " + status + " for " + body + ", got " + r);
        }
        return r.map();
    }
}
