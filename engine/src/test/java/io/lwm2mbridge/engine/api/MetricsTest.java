package io.lwm2mbridge.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestBed;
import io.lwm2mbridge.engine.testing.TestDevice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics}: Prometheus text whose counts follow what the server did, behind the token by default. */
class MetricsTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? (\\S+)");

    @RegisterExtension
    final TestBed bed = new TestBed();
    private TestDevice device;

    @Test
    void counts_move_with_a_registration_a_trigger_run_and_a_device_read() {
        String before = scrape();
        assertThat(value(before, "lwm2m_bridge_registrations_current", "")).isZero();
        assertThat(value(before, "lwm2m_bridge_registrations_total", "")).isZero();
        assertThat(before).contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_gc_",
                "lwm2m_bridge_event_queue_depth{lane=\"data\"}", "lwm2m_bridge_firmware_jobs{state=\"queued\"} 0",
                "lwm2m_bridge_dtls_handshakes_total{listener=\"lwm2m_server\",result=\"completed\"} 0");

        bed.server().createTrigger("on-register", "lwm2m-register", "log.info('registered seen');");
        device = bed.start(TestDevice.named("metered-device")).awaitRegistered();
        await().atMost(Duration.ofSeconds(30)).until(() -> !bed.server().logs("registered seen").isEmpty());
        Api.Response read = bed.server().api().post("/api/v1/endpoints/metered-device/read", Map.of("paths", List.of("3/0/0")));
        assertThat(read.status()).isEqualTo(200);
        Scripts.run(bed.server(), "metered-device", "lwm2m.read(event.endpoint.key, '3/0/1', {async: false});");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String after = scrape();
            assertThat(value(after, "lwm2m_bridge_registrations_current", "")).isEqualTo(1);
            assertThat(value(after, "lwm2m_bridge_registrations_total", "")).isEqualTo(1);
            assertThat(value(after, "lwm2m_bridge_events_published_total", "type=\"lwm2m-register\"")).isEqualTo(1);
            assertThat(value(after, "lwm2m_bridge_trigger_runs_total", "outcome=\"ok\",trigger=\"on-register\""))
                    .isEqualTo(1);
            assertThat(value(after, "lwm2m_bridge_trigger_run_seconds_count", "trigger=\"on-register\"")).isEqualTo(1);
            assertThat(value(after, "lwm2m_bridge_trigger_run_seconds_sum", "trigger=\"on-register\"")).isPositive();
            assertThat(value(after, "lwm2m_bridge_device_requests_seconds_count",
                    "operation=\"read\",result=\"success\"")).isGreaterThanOrEqualTo(2);
            assertThat(value(after, "lwm2m_bridge_device_requests_seconds_bucket",
                    "operation=\"read\",result=\"success\",le=\"60.0\"")).isGreaterThanOrEqualTo(2);
            // endpoint names never become labels: the series stay bounded however many devices come
            assertThat(after).doesNotContain("metered-device");
        });
    }

    @Test
    void without_the_token_it_is_401_until_the_setting_lets_scrapers_in() {
        Api anonymous = bed.server().api().withToken(null);
        assertThat(anonymous.get("/metrics").status()).isEqualTo(401);
        assertThat(bed.server().api().withToken("wrong").get("/metrics").status()).isEqualTo(401);

        assertThat(bed.server().api().put("/api/v1/settings", Map.of("metrics_require_token", false)).status()).isEqualTo(200);
        Api.Response open = anonymous.get("/metrics");
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.body()).contains("lwm2m_bridge_registrations_current");
        // the API itself still needs the token
        assertThat(anonymous.get("/api/v1/settings").status()).isEqualTo(401);
    }

    private String scrape() {
        Api.Response r = bed.server().api().get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("content-type")).anySatisfy(t -> assertThat(t).startsWith("text/plain"));
        return r.body();
    }

    /** The value of the one sample called {@code name} whose labels, as written, are {@code labels}. */
    private static double value(String text, String name, String labels) {
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.find() && m.group(1).equals(name) && (m.group(3) == null ? "" : m.group(3)).equals(labels)) {
                return Double.parseDouble(m.group(4));
            }
        }
        throw new AssertionError("no sample " + name + "{" + labels + "} in:\n" + text);
    }
}
