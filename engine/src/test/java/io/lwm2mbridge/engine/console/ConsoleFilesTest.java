package io.lwm2mbridge.engine.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The console's files over plain HTTP: what is served, with which headers, and what is not. */
class ConsoleFilesTest {

    static TestServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server().httpPort() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void thePageLoadsWithoutTheTokenUnderAPolicyThatAllowsOnlyThisOrigin() throws Exception {
        HttpResponse<byte[]> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(new String(page.body())).contains("/console/js/app.js");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-eval");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        // the API behind it still wants the token
        assertThat(server.api().withToken(null).get("/api/v1/endpoints").status()).isEqualTo(401);
    }

    @Test
    void filesAreRevalidatedWithTheirTagAndSentCompressed() throws Exception {
        HttpResponse<byte[]> js = get("/console/js/app.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        String tag = js.headers().firstValue("ETag").orElseThrow();
        assertThat(get("/console/js/app.js", "If-None-Match", tag).statusCode()).isEqualTo(304);

        HttpResponse<byte[]> editor = get("/console/vendor/codemirror/lib/codemirror.js", "Accept-Encoding", "gzip");
        assertThat(editor.statusCode()).isEqualTo(200);
        assertThat(editor.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(editor.body()))) {
            byte[] plain = in.readAllBytes();
            assertThat(new String(plain)).contains("CodeMirror");
            assertThat(editor.body().length).as("the editor as sent").isLessThan(plain.length / 2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/../api/openapi.yml", "/console/%2e%2e/api/openapi.yml", "/console/js/..%2f..%2flogback.xml",
            "/console/logback.xml", "/console/io/lwm2mbridge/engine/Main.class", "/console/js/missing.js",
            "/console/vendor/codemirror/../../maven/org.webjars.npm/codemirror/pom.properties",
            "/console/vendor/other/x.js", "/console/.hidden.js", "/console/js//app.js"})
    void nothingButTheConsolesOwnFilesIsServed(String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertThat(r.statusCode()).as(path).isIn(400, 404);
        assertThat(new String(r.body())).doesNotContain("<configuration").doesNotContain("openapi:").doesNotContain("version=");
    }
}
