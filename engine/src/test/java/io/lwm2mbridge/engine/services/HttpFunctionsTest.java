package io.lwm2mbridge.engine.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code http.get/post}, plain and through a named service, against a JDK HTTP server on 127.0.0.1 only,
 * which {@link #POLICY} lets scripts reach (loopback is refused by default: {@code OutboundHttpTest}).
 */
class HttpFunctionsTest {

    /** Any public host, and the loopback address the test web server listens on. */
    private static final String POLICY = "*, 127.0.0.1";

    /** What the test web server saw: method, path with query, headers we care about, body. */
    record Seen(String method, String uri, String authorization, String apiKey, String contentType, String body) {}

    private static TestServer server;
    private static Scripts scripts;
    private static HttpServer web;
    private static String base;
    private static final List<Seen> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/", HttpFunctionsTest::handle);
        web.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        web.start();
        base = "http://127.0.0.1:" + web.getAddress().getPort();
        server = TestServer.start();
        scripts = new Scripts(server);
        assertThat(server.api().put("/api/v1/settings", Map.of("http_allowed_hosts", POLICY)).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
        web.stop(0);
    }

    private static void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().toString(),
                ex.getRequestHeaders().getFirst("Authorization"), ex.getRequestHeaders().getFirst("X-Api-Key"),
                ex.getRequestHeaders().getFirst("Content-Type"), body));
        String path = ex.getRequestURI().getPath();
        byte[] out;
        int status = 200;
        if (path.equals("/json")) {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            out = "{\"ok\": true, \"items\": [1, 2]}".getBytes(StandardCharsets.UTF_8);
        } else if (path.equals("/missing")) {
            status = 404;
            out = "not here".getBytes(StandardCharsets.UTF_8);
        } else if (path.equals("/redirect")) {
            status = 302;
            ex.getResponseHeaders().add("Location", "http://127.0.0.2/elsewhere");
            out = new byte[0];
        } else if (path.equals("/slow")) {
            try {
                Thread.sleep(3000); // the web server is slow on purpose; the script's timeout is shorter
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out = "late".getBytes(StandardCharsets.UTF_8);
        } else {
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.getResponseHeaders().add("X-Echo", "yes");
            out = ("echo " + body).getBytes(StandardCharsets.UTF_8);
        }
        ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            ex.getResponseBody().write(out);
        }
        ex.close();
    }

    private static Seen last() {
        return seen.get(seen.size() - 1);
    }

    @Test
    void get_returns_status_headers_and_parsed_json_body() {
        Object out = scripts.value("var r = http.get('" + base + "/json', {query: {a: 1, b: 'x y'}});"
                + " return {status: r.status, type: r.headers['content-type'], ok: r.body.ok, second: r.body.items[1]};");
        assertThat(out).isEqualTo(Map.of("status", 200, "type", "application/json", "ok", true, "second", 2));
        assertThat(last().uri()).isEqualTo("/json?a=1&b=x+y");
    }

    @Test
    void post_sends_objects_as_json_and_strings_as_text_and_returns_text_bodies() {
        Object out = scripts.value("var r = http.post('" + base + "/echo', {temp: 21}, {headers: {'X-Api-Key': 'k1'}});"
                + " return [r.status, r.body, r.headers['x-echo']];");
        assertThat(out).isEqualTo(List.of(200, "echo {\"temp\":21}", "yes"));
        assertThat(last()).isEqualTo(new Seen("POST", "/echo", null, "k1", "application/json", "{\"temp\":21}"));
        scripts.value("http.post('" + base + "/echo', 'plain words'); return null;");
        assertThat(last().contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(last().body()).isEqualTo("plain words");
    }

    @Test
    void an_error_status_is_returned_not_thrown_and_redirects_are_not_followed() {
        assertThat(scripts.value("var r = http.get('" + base + "/missing'); return [r.status, r.body];"))
                .isEqualTo(List.of(404, "not here"));
        assertThat(scripts.value("var r = http.get('" + base + "/redirect'); return [r.status, r.headers.location];"))
                .isEqualTo(List.of(302, "http://127.0.0.2/elsewhere"));
    }

    @Test
    void a_named_service_adds_base_url_headers_and_basic_auth_and_never_returns_its_secrets() {
        Api api = server.api();
        Map<String, Object> svc = new LinkedHashMap<>();
        svc.put("key", "crm");
        svc.put("type", "http");
        svc.put("baseUrl", base + "/api");
        svc.put("headers", Map.of("X-Api-Key", "header-secret", "Accept", "application/json"));
        svc.put("basicAuth", Map.of("username", "bridge", "password", "pass-secret"));
        svc.put("timeoutSeconds", 5);
        Api.Response created = api.post("/api/v1/services", svc);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        for (Api.Response r : List.of(created, api.get("/api/v1/services"), api.get("/api/v1/services/crm"))) {
            assertThat(r.body()).doesNotContain("header-secret").doesNotContain("pass-secret");
        }
        Map<String, Object> view = api.get("/api/v1/services/crm").map();
        assertThat(view.get("headers")).isEqualTo(Map.of("X-Api-Key", "********", "Accept", "application/json"));
        assertThat(view.get("basicAuth")).isEqualTo(Map.of("username", "bridge", "password", "********"));

        scripts.value("http.post('crm', '/events', {n: 1}, {headers: {'X-Extra': 'e'}}); return null;");
        Seen s = last();
        assertThat(s.uri()).isEqualTo("/api/events");
        assertThat(s.apiKey()).isEqualTo("header-secret");
        assertThat(s.authorization()).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString("bridge:pass-secret".getBytes(StandardCharsets.UTF_8)));
        scripts.value("http.get('crm', 'status', {}); return null;");
        assertThat(last().uri()).isEqualTo("/api/status");

        // writing the view back (masked values) keeps the secrets
        view.put("timeoutSeconds", 7);
        assertThat(api.put("/api/v1/services/crm", view).status()).isEqualTo(200);
        scripts.value("http.get('crm', '/again'); return null;");
        assertThat(last().apiKey()).isEqualTo("header-secret");
        assertThat(last().authorization()).contains(java.util.Base64.getEncoder()
                .encodeToString("bridge:pass-secret".getBytes(StandardCharsets.UTF_8)));

        assertThat(scripts.error("http.get('crm', 'http://127.0.0.2/steal');").get("message"))
                .isEqualTo("http.get: a URL given with service 'crm' must lie under its baseUrl " + base + "/api: another host");
        assertThat(api.delete("/api/v1/services/crm").status()).isEqualTo(204);
        assertThat(scripts.error("http.get('crm', '/x');").get("message")).asString()
                .startsWith("http.get: no service 'crm'");
    }

    @Test
    void bad_service_definitions_are_refused() {
        Api api = server.api();
        assertThat(api.post("/api/v1/services", Map.of("key", "s1", "baseUrl", "ftp://127.0.0.1/")).map().get("error"))
                .isEqualTo("baseUrl must be an absolute http:// or https:// URL, not 'ftp://127.0.0.1/'");
        assertThat(api.post("/api/v1/services", Map.of("key", "s1", "type", "ftp", "baseUrl", base)).map().get("error"))
                .isEqualTo("type must be 'http' or 'mqtt', not 'ftp'");
        // an MQTT service is another kind: an HTTP field in it is named as unknown (MqttServiceTest has the rest)
        assertThat(String.valueOf(api.post("/api/v1/services", Map.of("key", "s1", "type", "mqtt", "baseUrl", base))
                .map().get("error"))).startsWith("unknown field 'baseUrl' of an MQTT service");
        assertThat(api.post("/api/v1/services", Map.of("key", "s1", "baseUrl", base, "basicAuth", Map.of("username", "u")))
                .map().get("error")).isEqualTo("basicAuth.password is required");
        assertThat(api.post("/api/v1/services", Map.of("key", "s1", "baseUrl", base, "timeoutSeconds", 0)).status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/services", Map.of("key", "s2", "baseUrl", base)).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/services", Map.of("key", "s2", "baseUrl", base)).status()).isEqualTo(409);
        assertThat(api.get("/api/v1/services/none").status()).isEqualTo(404);
    }

    @Test
    void a_timeout_throws_naming_the_host_and_the_seconds() {
        Map<String, Object> e = scripts.error("http.get('" + base + "/slow', {timeout: 1});");
        assertThat(e).isEqualTo(Map.of("name", "Error", "message", "http.get: no answer from 127.0.0.1:"
                + web.getAddress().getPort() + " within 1 s"));
    }

    @Test
    void the_allowed_hosts_setting_restricts_targets() {
        Api api = server.api();
        try {
            assertThat(api.put("/api/v1/settings", Map.of("http_allowed_hosts", "*.example.com, api.partner.net"))
                    .status()).isEqualTo(200);
            assertThat(scripts.error("http.get('" + base + "/json');")).isEqualTo(Map.of("name", "Error",
                    "message", "http.get: host '127.0.0.1' is not allowed (setting http_allowed_hosts)"));
            int before = seen.size();
            api.put("/api/v1/settings", Map.of("http_allowed_hosts", "localhost,127.0.0.1"));
            assertThat(scripts.value("return http.get('" + base + "/json').status;")).isEqualTo(200);
            assertThat(seen.size()).isEqualTo(before + 1);
        } finally {
            api.put("/api/v1/settings", Map.of("http_allowed_hosts", POLICY));
        }
        assertThat(AllowedHosts.allows("*.example.com", "example.com")).isTrue();
        assertThat(AllowedHosts.allows("*.example.com", "a.b.example.com")).isTrue();
        assertThat(AllowedHosts.allows("*.example.com", "badexample.com")).isFalse();
        assertThat(AllowedHosts.allows("[::1]", "[::1]")).isTrue();
    }

    @Test
    void bad_arguments_are_type_errors_and_unreachable_hosts_errors() {
        assertThat(scripts.error("http.get(42);")).isEqualTo(Map.of("name", "TypeError",
                "message", "http.get: the first argument must be a URL (or a service key), not 42"));
        assertThat(scripts.error("http.get('" + base + "/json', 'opts');")).isEqualTo(Map.of("name", "TypeError",
                "message", "http.get: the options must be an object ({headers, query, timeout}), not 'opts'"));
        assertThat(scripts.error("http.get('" + base + "/json', {timeout: 'soon'});").get("message"))
                .isEqualTo("http.get: timeout must be a number of seconds, not 'soon'");
        assertThat(scripts.error("http.get('" + base + "/json', {headers: {'X-A': {}}});").get("message"))
                .isEqualTo("http.get: header X-A must be a string, not an object");
        assertThat(scripts.error("http.get('gopher://127.0.0.1/');").get("message"))
                .isEqualTo("http.get: only http:// and https:// URLs can be called, not 'gopher://127.0.0.1/'");
        // a port on loopback where nothing listens
        assertThat(scripts.error("http.get('http://127.0.0.1:1/');").get("message"))
                .isEqualTo("http.get: cannot connect to 127.0.0.1:1: connection refused");
    }
}
