package io.lwm2mbridge.engine.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestServer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two outbound HTTP attacks of the hardening issue, replayed against a real web server on 127.0.0.1
 * that records every request it gets: a service's credentials sent to another host by a URL that only
 * starts with its baseUrl as text, and scripts reaching loopback, link-local and private addresses
 * through the default {@code http_allowed_hosts} of {@code *}.
 */
class OutboundHttpTest {

    /** What reached the web server: path, and the credentials a service adds. */
    record Seen(String uri, String authorization, String apiKey) {}

    private static final String PASSWORD = "pass-secret";
    private static final String API_KEY = "header-secret";

    private static TestServer server;
    private static Scripts scripts;
    private static HttpServer web;
    private static int port;
    private static final List<Seen> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        web = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        web.createContext("/", ex -> {
            seen.add(new Seen(ex.getRequestURI().toString(), ex.getRequestHeaders().getFirst("Authorization"),
                    ex.getRequestHeaders().getFirst("X-Api-Key")));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        web.start();
        port = web.getAddress().getPort();
        server = TestServer.start();
        scripts = new Scripts(server);
    }

    @AfterAll
    static void stop() {
        server.close();
        web.stop(0);
    }

    @BeforeEach
    void clear() {
        seen.clear();
    }

    @AfterEach
    void defaults() {
        server.api().put("/api/v1/settings", Map.of("http_allowed_hosts", "*"));
        for (Map<String, Object> s : server.api().get("/api/v1/services").items()) {
            server.api().delete("/api/v1/services/" + s.get("key"));
        }
    }

    @Test
    void a_url_with_user_info_never_takes_a_services_credentials_to_another_host() {
        // loopback named, so the only guard left is the comparison of the URL with the baseUrl
        allow("localhost, 127.0.0.1");
        service("svc", "http://localhost");

        assertThat(message("http.get('svc', 'http://localhost@127.0.0.1:" + port + "/x');"))
                .isEqualTo("http.get: a URL given with service 'svc' must lie under its baseUrl http://localhost:"
                        + " it carries user info (user@host)");
        assertThat(message("http.post('svc', 'http://localhost:" + PASSWORD + "@127.0.0.1:" + port + "/x', {});"))
                .contains("it carries user info");
        // and without a service: user info is never sent anywhere
        assertThat(message("http.get('http://user:pw@127.0.0.1:" + port + "/x');"))
                .startsWith("http.get: URLs with user info (user@host) are refused");
        assertThat(seen).isEmpty();
    }

    @Test
    void a_service_url_must_match_scheme_host_port_and_a_path_on_a_segment_boundary() {
        allow("127.0.0.1");
        String digits = Integer.toString(port);
        // a port that is a textual prefix of the web server's: "http://127.0.0.1:4123" starts "http://127.0.0.1:41234"
        service("short-port", "http://127.0.0.1:" + digits.substring(0, digits.length() - 1));
        assertThat(message("http.get('short-port', 'http://127.0.0.1:" + port + "/x');")).endsWith(": another port");

        service("api", "http://127.0.0.1:" + port + "/api");
        assertThat(message("http.get('api', 'http://127.0.0.1:" + port + "/api-admin/x');"))
                .endsWith(": its path is not /api or below it");
        assertThat(message("http.get('api', 'http://127.0.0.1:" + port + "/api/../admin');"))
                .endsWith(": its path has '.' or '..' segments or encoded slashes");
        assertThat(message("http.get('api', '../admin');")).contains("'.' or '..' segments");
        assertThat(message("http.get('api', '%2e%2e/admin');")).contains("'.' or '..' segments");
        assertThat(message("http.get('api', 'x%2F..%2F..%2Fadmin');")).contains("encoded slashes");
        assertThat(message("http.get('api', 'https://127.0.0.1:" + port + "/api/x');")).endsWith(": another scheme");
        assertThat(message("http.get('api', 'http://127.0.0.2:" + port + "/api/x');")).endsWith(": another host");
        assertThat(seen).isEmpty();

        // what lies under the baseUrl gets the credentials, so the web server above would have recorded them
        scripts.value("http.get('api', 'http://127.0.0.1:" + port + "/api/ok'); http.get('api', 'deeper/ok');"
                + " http.get('api', ''); return null;");
        assertThat(seen).extracting(Seen::uri).containsExactly("/api/ok", "/api/deeper/ok", "/api");
        assertThat(seen).allSatisfy(s -> assertThat(s.apiKey()).isEqualTo(API_KEY));
    }

    @Test
    void by_default_scripts_reach_no_loopback_link_local_private_or_own_address() throws Exception {
        String p = ":" + port;
        assertThat(message("http.get('http://127.0.0.1" + p + "/x');")).isEqualTo("http.get: host '127.0.0.1' is"
                + " 127.0.0.1, a loopback address, which scripts reach only when http_allowed_hosts names it ('*' never does)");
        // a DNS name that points at loopback is refused like the address
        assertThat(message("http.get('http://localhost" + p + "/x');"))
                .startsWith("http.get: host 'localhost' resolves to ").contains("a loopback address");
        assertThat(message("http.get('http://[::1]" + p + "/x');")).contains("a loopback address");
        assertThat(message("http.get('http://[::ffff:127.0.0.1]" + p + "/x');")).contains("a loopback address");
        assertThat(message("http.get('http://0.0.0.0" + p + "/x');")).contains("an unspecified address");
        // 127.0.0.1 written as one number: a loopback address, or no host at all, never a request
        assertThat(message("http.get('http://2130706433" + p + "/x');")).containsAnyOf("a loopback address", "unknown host");
        assertThat(message("http.get('http://169.254.169.254/latest/meta-data/');")).contains("a link-local address");
        assertThat(message("http.get('http://[fe80::1]/');")).contains("a link-local address");
        assertThat(message("http.post('http://10.1.2.3/', {});")).contains("a private address");
        assertThat(message("http.get('http://192.168.0.1/');")).contains("a private address");
        assertThat(message("http.get('http://172.16.5.4/');")).contains("a private address");
        assertThat(message("http.get('http://100.64.0.1/');")).contains("a private address");
        assertThat(message("http.get('http://[fd00::1]/');")).contains("a private address");
        String own = ownAddress();
        if (own != null) {
            // the server's own ports on one of its own addresses
            assertThat(message("http.get('http://" + own + ":" + server.server().httpPort() + "/api/v1/health');"))
                    .contains(", which scripts reach only when http_allowed_hosts names it");
        }
        // a service does not open the way either
        service("local", "http://127.0.0.1" + p);
        assertThat(message("http.get('local', '/x');")).contains("a loopback address");
        assertThat(seen).isEmpty();

        // '*.domain' does not name local addresses either; a name, an address or a range does
        allow("*, *.localhost, localhost");
        assertThat(scripts.value("return http.get('http://localhost" + p + "/by-name').status;")).isEqualTo(200);
        allow("*, 127.0.0.0/8");
        assertThat(scripts.value("return http.get('http://127.0.0.1" + p + "/by-range').status;")).isEqualTo(200);
        allow("*, 127.0.0.1");
        assertThat(scripts.value("return http.get('local', '/by-address').status;")).isEqualTo(200);
        assertThat(seen).extracting(Seen::uri).containsExactly("/by-name", "/by-range", "/by-address");
    }

    @Test
    void every_address_a_name_resolves_to_is_checked_before_anything_is_sent() throws Exception {
        Map<String, InetAddress[]> dns = new LinkedHashMap<>();
        dns.put("rebind.example", new InetAddress[] {InetAddress.getByName("93.184.216.34"),
                InetAddress.getByName("127.0.0.1")});
        dns.put("metadata.example", new InetAddress[] {InetAddress.getByName("169.254.169.254")});
        String[] policy = {"*"};
        try (HttpCaller caller = new HttpCaller(() -> policy[0], host -> {
            InetAddress[] found = dns.get(host);
            if (found == null) {
                throw new UnknownHostException(host);
            }
            return found;
        })) {
            assertThat(refusal(caller, "http://rebind.example:" + port + "/x")).isEqualTo("host 'rebind.example'"
                    + " resolves to 127.0.0.1, a loopback address, which scripts reach only when http_allowed_hosts"
                    + " names it ('*' never does)");
            assertThat(refusal(caller, "http://metadata.example/latest")).contains("169.254.169.254, a link-local address");
            assertThat(refusal(caller, "http://nowhere.example/")).isEqualTo("unknown host 'nowhere.example'");
            policy[0] = "*, rebind.example";
            caller.checkAllowed(URI.create("http://rebind.example/"));
            policy[0] = "*, 169.254.0.0/16";
            caller.checkAllowed(URI.create("http://metadata.example/"));
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void the_policy_parses_names_domains_addresses_and_ranges() {
        AllowedHosts p = AllowedHosts.parse(" *.example.com, API.partner.net, 10.0.0.0/8, ::1, bad/x, 1.2.3.4/33 ");
        assertThat(p.allowsHost("a.b.example.com")).isTrue();
        assertThat(p.allowsHost("example.com")).isTrue();
        assertThat(p.allowsHost("badexample.com")).isFalse();
        assertThat(p.allowsHost("api.partner.net")).isTrue();
        assertThat(p.allowsHost("10.200.3.4")).isTrue();
        assertThat(p.allowsHost("11.0.0.1")).isFalse();
        assertThat(p.allowsHost("[0:0:0:0:0:0:0:1]")).isTrue();
        assertThat(p.allowsHost("partner.net")).isFalse();
    }

    private static void allow(String policy) {
        assertThat(server.api().put("/api/v1/settings", Map.of("http_allowed_hosts", policy)).status()).isEqualTo(200);
    }

    private static void service(String key, String baseUrl) {
        Map<String, Object> svc = new LinkedHashMap<>();
        svc.put("key", key);
        svc.put("baseUrl", baseUrl);
        svc.put("headers", Map.of("X-Api-Key", API_KEY));
        svc.put("basicAuth", Map.of("username", "bridge", "password", PASSWORD));
        Api.Response r = server.api().post("/api/v1/services", svc);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private static String message(String script) {
        return (String) scripts.error(script).get("message");
    }

    private static String refusal(HttpCaller caller, String url) throws InterruptedException {
        try {
            caller.send(new HttpCaller.Request("GET", URI.create(url), Map.of("X-Api-Key", API_KEY), null,
                    Duration.ofSeconds(2))).get();
            throw new AssertionError("sent: " + url);
        } catch (ExecutionException e) {
            return e.getCause().getMessage();
        }
    }

    /** An IPv4 address of one of this machine's interfaces other than loopback, or null. */
    private static String ownAddress() throws IOException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return a.getHostAddress();
                }
            }
        }
        return null;
    }
}
