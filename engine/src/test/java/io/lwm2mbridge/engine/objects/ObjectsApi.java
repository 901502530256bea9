package io.lwm2mbridge.engine.objects;

import io.lwm2mbridge.engine.testing.Api;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** The object calls of the REST API for tests: XML bodies and multipart files. */
final class ObjectsApi {

    private final Api api;

    ObjectsApi(Api api) {
        this.api = api;
    }

    Api.Response uploadXml(String xml) {
        return uploadXml(xml.getBytes(StandardCharsets.UTF_8), "application/xml");
    }

    Api.Response uploadXml(byte[] xml, String contentType) {
        return api.send(api.request("/api/v1/objects").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(xml)));
    }

    /** Every file as a part named "file", as {@code curl -F file=@a.xml -F file=@b.xml} sends them. */
    Api.Response uploadFiles(Map<String, byte[]> files) {
        String boundary = "----bridge-test-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        files.forEach((name, content) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/xml\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send(api.request("/api/v1/objects").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    Api.Response list() {
        return api.get("/api/v1/objects");
    }

    Api.Response get(String pathAndQuery) {
        return api.get("/api/v1/objects/" + pathAndQuery);
    }

    Api.Response delete(String id) {
        return api.delete("/api/v1/objects/" + id);
    }
}
