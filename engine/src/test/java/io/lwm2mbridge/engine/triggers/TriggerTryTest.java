package io.lwm2mbridge.engine.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.response.ReadResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /triggers/{id}/try}: a trigger tried on a recorded register event of a real Leshan client
 * reads from the last-known values and records its writes, HTTP calls and report rows, while the device,
 * the web service and the reports see nothing.
 */
class TriggerTryTest {

    private static final String SCRIPT = """
            var ep = event.endpoint.key;
            var m = lwm2m.read(ep, '3/0/0', {async: false, translateIds: 'numbers'});
            log.info('manufacturer', {m: m['3']['0']['0']});
            lwm2m.write(ep, '1/0/1', 600, {async: false});
            var r = http.post('%s/hook', {ep: ep});
            report.publish('try-report', ep, '2024-05-01T10:00:00Z', {values: {maker: m['3']['0']['0']}});
            trigger.reply({status: r.status, maker: m['3']['0']['0']});
            """;

    /** Object 3 that counts the reads reaching it. */
    public static final class CountingDevice extends Device {
        final AtomicInteger reads = new AtomicInteger();

        public CountingDevice() {
            super("Leshan", "test-model", "SN-0001");
        }

        @Override
        public ReadResponse read(LwM2mServer server, int resourceId) {
            reads.incrementAndGet();
            return super.read(server, resourceId);
        }
    }

    private TestServer server;
    private TestDevice device;
    private final CountingDevice object3 = new CountingDevice();
    private HttpServer web;
    private final AtomicInteger hits = new AtomicInteger();
    private String base;

    @BeforeEach
    void start() throws IOException {
        web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/", ex -> {
            hits.incrementAndGet();
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        web.setExecutor(Executors.newSingleThreadExecutor());
        web.start();
        base = "http://127.0.0.1:" + web.getAddress().getPort();
        server = TestServer.start();
        assertThat(server.api().put("/api/v1/settings", Map.of("http_allowed_hosts", "127.0.0.1")).status())
                .isEqualTo(200);
        device = TestDevice.named("try-1").deviceInstance(object3).start(server.coapUri()).awaitRegistered();
    }

    @AfterEach
    void stop() {
        device.close();
        server.close();
        web.stop(0);
    }

    private String registerEventId() {
        // the client counts as registered once the server answered; the event is published just after
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !server.events("lwm2m-register", "try-1").isEmpty());
        List<Map<String, Object>> registered = server.events("lwm2m-register", "try-1");
        assertThat(registered).hasSize(1);
        return (String) registered.get(0).get("id");
    }

    private Api.Response tryIt(String triggerId, Map<String, Object> body) {
        return server.api().post("/api/v1/triggers/" + triggerId + "/try", body);
    }

    @Test
    @SuppressWarnings("unchecked")
    void try_on_a_register_event_records_every_call_and_reaches_nothing() {
        // a real read puts 3/0/0 among the last-known values
        assertThat(server.api().post("/api/v1/endpoints/try-1/read", Map.of("paths", "3/0/0")).status()).isEqualTo(200);
        String id = server.createTrigger("on-register", "lwm2m-register", SCRIPT.formatted(base));
        int readsBefore = object3.reads.get();

        Api.Response r = tryIt(id, Map.of("eventId", registerEventId()));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Map<String, Object> answer = r.map();
        assertThat(answer.get("error")).isNull();
        assertThat(answer.get("reply")).isEqualTo(Map.of("status", 200, "maker", "Leshan"));
        List<Map<String, Object>> calls = (List<Map<String, Object>>) answer.get("calls");
        assertThat(calls).extracting(c -> c.get("fn"))
                .containsExactly("lwm2m.read", "lwm2m.write", "http.post", "report.publish");
        assertThat(calls.get(0).get("result")).isEqualTo(Map.of("3", Map.of("0", Map.of("0", "Leshan"))));
        assertThat(calls.get(1).get("args")).isEqualTo(List.of("try-1", "1/0/1", 600, Map.of("async", false)));
        assertThat(calls.get(1).get("result")).isEqualTo(Map.of("source", "write", "path", "1/0/1", "success", true));
        assertThat(calls.get(2).get("args")).isEqualTo(List.of(base + "/hook", Map.of("ep", "try-1")));
        assertThat(calls).allSatisfy(c -> assertThat(c.get("done")).isEqualTo(false));
        List<Map<String, Object>> logs = (List<Map<String, Object>>) answer.get("logs");
        assertThat(logs).singleElement().satisfies(l -> {
            assertThat(l.get("message")).isEqualTo("manufacturer");
            assertThat(l.get("data")).isEqualTo(Map.of("m", "Leshan"));
        });
        assertThat(answer.get("durationMs")).isInstanceOf(Number.class);

        assertThat(object3.reads.get()).as("reads reaching the device").isEqualTo(readsBefore);
        assertThat(hits.get()).as("requests reaching the web service").isZero();
        assertThat(server.api().get("/api/v1/reports/try-report").status()).isEqualTo(404);
        assertThat(server.logs("manufacturer")).as("run log").isEmpty();
        Map<String, Object> lifetime = server.api().post("/api/v1/endpoints/try-1/read",
                Map.of("paths", "1/0/1", "options", Map.of("translateIds", "numbers"))).map();
        assertThat(lifetime).isEqualTo(Map.of("1", Map.of("0", Map.of("1", 300))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_read_with_no_last_known_value_fails_the_run_with_its_line() {
        String id = server.createTrigger("unknown-read", "lwm2m-register",
                "var x = 1;\nlwm2m.read(event.endpoint.key, '3/0/1', {async: false});");
        int readsBefore = object3.reads.get();

        Map<String, Object> answer = tryIt(id, Map.of("eventId", registerEventId())).map();

        Map<String, Object> error = (Map<String, Object>) answer.get("error");
        assertThat(error.get("line")).isEqualTo(2);
        assertThat((String) error.get("message")).contains("no last-known value for 3/0/1");
        assertThat(object3.reads.get()).isEqualTo(readsBefore);
    }

    @Test
    @SuppressWarnings("unchecked")
    void edited_code_runs_on_a_given_event_and_async_calls_return_at_once() {
        String id = server.createTrigger("edited", "lwm2m-register", "log.info('stored');");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "lwm2m-register");
        event.put("endpoint", Map.of("key", "try-1"));
        event.put("data", Map.of("lifetime", 300));

        Map<String, Object> answer = tryIt(id, Map.of("event", event, "def", """
                var t = lwm2m.exec(event.endpoint.key, '3/0/4');
                exec.now('other', {a: 1});
                cache.set('k', 1);
                log.warn('edited', event.data.lifetime);
                trigger.reply(t === null);
                """)).map();

        assertThat(answer.get("error")).isNull();
        assertThat(answer.get("reply")).isEqualTo(true);
        assertThat((List<Map<String, Object>>) answer.get("calls")).extracting(c -> c.get("fn"))
                .containsExactly("lwm2m.exec", "exec.now", "cache.set");
        assertThat((List<Map<String, Object>>) answer.get("logs")).extracting(l -> l.get("message"))
                .containsExactly("edited");
        assertThat(server.api().get("/api/v1/cache/k").status()).isEqualTo(404);
    }

    @Test
    void syntax_errors_unknown_events_and_unknown_triggers_are_answered_as_such() {
        String id = server.createTrigger("bad", "lwm2m-register", "log.info('x');");

        Api.Response syntax = tryIt(id, Map.of("eventId", registerEventId(), "def", "var a = 1;\nvar = ;"));
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.map().get("details")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("line", 2);

        assertThat(tryIt(id, Map.of("eventId", "999999")).status()).isEqualTo(404);
        assertThat(tryIt("no-such-trigger", Map.of("eventId", registerEventId())).status()).isEqualTo(404);
        assertThat(tryIt(id, Map.of()).status()).isEqualTo(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_dry_run_is_stopped_by_the_same_cpu_budget_and_leaves_no_failure_behind() {
        assertThat(server.api().put("/api/v1/settings", Map.of("script_cpu_budget_ms", 200)).status()).isEqualTo(200);
        String id = server.createTrigger("loops", "lwm2m-register", "log.info('start');\nwhile (true) {}");

        Map<String, Object> answer = tryIt(id, Map.of("eventId", registerEventId())).map();

        assertThat(answer.get("status")).isEqualTo("cpu_budget_exceeded");
        assertThat((String) ((Map<String, Object>) answer.get("error")).get("message")).contains("CPU budget of 200 ms");
        assertThat((List<Map<String, Object>>) answer.get("logs")).extracting(l -> l.get("message")).containsExactly("start");
        assertThat(server.api().get("/api/v1/triggers/" + id + "/errors").items()).isEmpty();
    }
}
