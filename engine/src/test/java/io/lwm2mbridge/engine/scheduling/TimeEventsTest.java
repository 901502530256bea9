package io.lwm2mbridge.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestBed;
import io.lwm2mbridge.engine.testing.TestDevice;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code cron-event}, {@code once-event} and {@code lwm2m-missing} on a real server, named in the dotted spelling too. */
class TimeEventsTest {

    @RegisterExtension
    final TestBed bed = new TestBed();
    private Api api;

    @BeforeEach
    void start() {
        api = bed.server().api();
    }

    private Api.Response create(String name, String filterType, Map<String, Object> extra, String def) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", name);
        t.put("filterType", filterType);
        t.putAll(extra);
        t.put("def", def);
        return api.post("/api/v1/triggers", t);
    }

    @Test
    void a_cron_trigger_runs_on_its_schedule_with_empty_data_and_only_itself() {
        assertThat(create("every-second", "cron.event", Map.of("filterCron", "* * * * * ?"),
                "log.info('tick', {type: event.type, data: event.data});").status()).isEqualTo(201);
        assertThat(create("hourly", "cron-event", Map.of("filterCron", "0 0 * * * ?"),
                "log.info('hourly ran');").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.server().logs("tick").size() >= 2);
        assertThat(bed.server().logs("tick").get(0).get("data")).isEqualTo(Map.of("type", "cron-event", "data", Map.of()));
        assertThat(bed.server().logs("hourly ran")).as("another cron trigger is not run by this one's schedule").isEmpty();
    }

    @Test
    void a_bad_cron_expression_is_refused_on_upload_with_a_clear_400() {
        Api.Response r = create("bad-cron", "cron-event", Map.of("filterCron", "every minute"), "log.info('x');");
        assertThat(r.status()).isEqualTo(400);
        assertThat((String) r.map().get("error")).startsWith("filterCron 'every minute' is not a valid Quartz cron expression: ");
        assertThat(r.map().get("details")).isEqualTo(Map.of("field", "filterCron"));
        Api.Response none = create("no-cron", "cron-event", Map.of(), "log.info('x');");
        assertThat(none.status()).isEqualTo(400);
        assertThat((String) none.map().get("error")).startsWith("a cron-event trigger needs filterCron");
        assertThat(api.get("/api/v1/triggers").items()).noneMatch(t -> "bad-cron".equals(t.get("name")));

        String id = (String) create("good-cron", "cron-event", Map.of("filterCron", "0 0 12 * * ?"), "log.info('x');")
                .map().get("id");
        Api.Response edit = api.put("/api/v1/triggers/" + id, Map.of("filterCron", "61 * * * * ?"));
        assertThat(edit.status()).isEqualTo(400);
        assertThat(api.get("/api/v1/triggers/" + id).map().get("filterCron")).isEqualTo("0 0 12 * * ?");
    }

    @Test
    void a_once_trigger_runs_when_created_enabled_when_started_and_when_the_server_starts() {
        String id = (String) create("init", "once.event", Map.of(), "log.info('once', {type: event.type, data: event.data});")
                .map().get("id");
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.server().logs("once").size() == 1);
        assertThat(bed.server().logs("once").get(0).get("data")).isEqualTo(Map.of("type", "once-event", "data", Map.of()));

        assertThat(create("init-disabled", "once-event", Map.of("enabled", false), "log.info('disabled once');")
                .status()).isEqualTo(201);
        api.post("/api/v1/triggers/" + id + "/stop", Map.of());
        api.post("/api/v1/triggers/" + id + "/start", Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.server().logs("once").size() == 2);

        bed.server().restart();
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.server().logs("once").size() == 3);
        assertThat(bed.server().logs("disabled once")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_silent_endpoint_is_declared_missing_with_its_last_seen_and_again_after_it_is_heard() {
        assertThat(create("on-missing", "lwm2m.missing", Map.of(),
                "log.info('missing', {ep: event.endpoint.key, lastSeen: event.data.lastSeen});").status()).isEqualTo(201);
        try (TestDevice device = bed.start(TestDevice.named("quiet-1"))) {
            device.awaitRegistered();
            api.put("/api/v1/settings", Map.of("time_before_missing_s", 1));
            await().atMost(Duration.ofSeconds(10)).until(() -> !bed.server().logs("missing").isEmpty());
            Map<String, Object> first = (Map<String, Object>) bed.server().logs("missing").get(0).get("data");
            assertThat(first.get("ep")).isEqualTo("quiet-1");
            Object recorded = api.get("/api/v1/endpoints/quiet-1").map().get("lastSeen");
            assertThat(first.get("lastSeen")).isEqualTo(recorded);
            List<Map<String, Object>> events = bed.server().events("lwm2m-missing", "quiet-1");
            assertThat(events.get(0).get("data")).isEqualTo(Map.of("lastSeen", recorded));

            device.client().triggerRegistrationUpdate(); // heard from again: the next silence is a new one
            await().atMost(Duration.ofSeconds(10)).until(() -> bed.server().logs("missing").size() >= 2);
            Map<String, Object> second = (Map<String, Object>) bed.server().logs("missing").get(1).get("data");
            assertThat(Instant.parse((String) second.get("lastSeen"))).isAfter(Instant.parse((String) first.get("lastSeen")));
        }
    }

    @Test
    void every_event_type_is_accepted_in_the_dotted_spelling() {
        for (EventType t : EventType.values()) {
            assertThat(EventType.parse(t.wireName().replace('-', '.'))).contains(t);
        }
    }
}
