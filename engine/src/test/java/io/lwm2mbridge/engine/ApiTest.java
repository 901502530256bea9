package io.lwm2mbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API's contract: auth, trigger CRUD and validation, error shapes. */
class ApiTest {

    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void health_needs_no_token() {
        assertThat(api.withToken(null).get("/api/v1/health").status()).isEqualTo(200);
    }

    @Test
    void calls_without_or_with_a_wrong_token_get_401_with_an_error_body() {
        Api.Response none = api.withToken(null).get("/api/v1/triggers");
        assertThat(none.status()).isEqualTo(401);
        assertThat((String) none.map().get("error")).contains("missing API token");
        Api.Response wrong = api.withToken("nope").get("/api/v1/triggers");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.map().get("error")).isEqualTo("wrong API token");
        assertThat(api.withToken("nope").post("/api/v1/triggers", Map.of("name", "x")).status()).isEqualTo(401);
    }

    @Test
    void trigger_with_a_syntax_error_is_refused_with_its_line() {
        Api.Response r = api.post("/api/v1/triggers", Map.of("name", "broken", "filterType", "lwm2m-register",
                "def", "var a = 1;\nvar b = {;\n"));
        assertThat(r.status()).isEqualTo(400);
        assertThat((String) r.map().get("error")).startsWith("script does not compile: line 2");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) r.map().get("details");
        assertThat(details).containsEntry("line", 2).containsEntry("field", "def");
        assertThat(api.get("/api/v1/triggers").items()).noneMatch(t -> "broken".equals(t.get("name")));
    }

    @Test
    void a_script_is_checked_without_being_saved() {
        int before = api.get("/api/v1/triggers").items().size();
        Api.Response bad = api.post("/api/v1/triggers/check", Map.of("name", "draft", "def", "var a = 1;\nvar b = {;\n"));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.map()).containsEntry("ok", false).containsEntry("line", 2);
        assertThat((String) bad.map().get("message")).isNotBlank();
        // the wrapper the script runs in cannot be closed from inside, in a check as in a save
        assertThat(api.post("/api/v1/triggers/check", Map.of("def", "log.info(1);\n});\nlog.info(2")).map())
                .containsEntry("ok", false).containsEntry("line", 2);
        assertThat(api.post("/api/v1/triggers/check", Map.of("def", "log.info(event.type);")).map())
                .isEqualTo(Map.of("ok", true));
        assertThat(api.post("/api/v1/triggers/check", Map.of("def", 42)).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/triggers/check", Map.of("def", "x".repeat(1_000_001))).status()).isEqualTo(400);
        assertThat(api.withToken("nope").post("/api/v1/triggers/check", Map.of("def", "1")).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/triggers").items()).hasSize(before);
    }

    @Test
    void trigger_crud_keeps_unknown_fields_and_bumps_the_version() {
        Api.Response created = api.post("/api/v1/triggers", Map.of("name", "crud", "filterType", "lwm2m.register",
                "def", "log.info('x')", "rateLimit", 5, "filterServiceId", "svc-1",
                "genericSample", Map.of("a", 1)));
        assertThat(created.status()).isEqualTo(201);
        String id = (String) created.map().get("id");
        assertThat(created.map()).containsEntry("version", 1).containsEntry("enabled", true)
                .containsEntry("rateLimit", 5).containsEntry("filterServiceId", "svc-1")
                .containsEntry("genericSample", Map.of("a", 1)).containsEntry("type", "script");

        Api.Response updated = api.put("/api/v1/triggers/" + id, Map.of("desc", "changed"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.map()).containsEntry("version", 2).containsEntry("desc", "changed").containsEntry("rateLimit", 5);

        assertThat(api.post("/api/v1/triggers/" + id + "/stop", "").map()).containsEntry("enabled", false).containsEntry("version", 3);
        assertThat(api.post("/api/v1/triggers/" + id + "/start", "").map()).containsEntry("enabled", true);
        assertThat(api.get("/api/v1/triggers/" + id).map()).containsEntry("name", "crud");
        assertThat(api.delete("/api/v1/triggers/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/triggers/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/triggers/" + id).map()).containsKey("error");
    }

    @Test
    void duplicate_names_conflict_and_bad_fields_are_refused() {
        assertThat(api.post("/api/v1/triggers", Map.of("name", "dup", "filterType", "lwm2m-update", "def", "")).status())
                .isEqualTo(201);
        Api.Response dup = api.post("/api/v1/triggers", Map.of("name", "dup", "filterType", "lwm2m-update", "def", ""));
        assertThat(dup.status()).isEqualTo(409);
        assertThat((String) dup.map().get("error")).contains("already exists");

        Api.Response badType = api.post("/api/v1/triggers", Map.of("name", "t1", "filterType", "lwm2m-whatever"));
        assertThat(badType.status()).isEqualTo(400);
        assertThat((String) badType.map().get("error")).contains("filterType must be one of");
        Api.Response badFilter = api.post("/api/v1/triggers", Map.of("name", "t2", "filterType", "lwm2m-data",
                "filterCustom", Map.of("source", Map.of("comp", "like", "value", "x"))));
        assertThat(badFilter.status()).isEqualTo(400);
        Api.Response notJson = api.post("/api/v1/triggers", "{name: ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat((String) notJson.map().get("error")).contains("not valid JSON");
        Api.Response noName = api.post("/api/v1/triggers", Map.of("filterType", "lwm2m-data"));
        assertThat(noName.status()).isEqualTo(400);
    }

    @Test
    void an_array_imports_several_or_none() {
        Api.Response bad = api.post("/api/v1/triggers", List.of(
                Map.of("name", "imp-a", "filterType", "lwm2m-data", "def", "1"),
                Map.of("name", "imp-b", "filterType", "lwm2m-data", "def", "(")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat((String) bad.map().get("error")).startsWith("trigger 1:");
        assertThat(api.get("/api/v1/triggers").items()).noneMatch(t -> "imp-a".equals(t.get("name")));
        Api.Response ok = api.post("/api/v1/triggers", List.of(
                Map.of("name", "imp-a", "filterType", "lwm2m-data", "def", "1"),
                Map.of("name", "imp-b", "type", "library", "def", "function helper() { return 1; }")));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.items()).hasSize(2);
    }

    @Test
    void unknown_routes_and_bad_queries_answer_in_the_error_shape() {
        Api.Response r = api.get("/api/v1/nothing-here");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.map()).containsKey("error");
        Api.Response badSince = api.get("/api/v1/events?since=yesterday");
        assertThat(badSince.status()).isEqualTo(400);
        assertThat((String) badSince.map().get("error")).contains("since");
        assertThat(api.get("/api/v1/events?type=nope").status()).isEqualTo(400);
        assertThat(api.put("/api/v1/settings", Map.of("script_cpu_budget_ms", "fast")).status()).isEqualTo(400);
        assertThat(api.put("/api/v1/settings", Map.of("no_such_setting", 1)).status()).isEqualTo(400);
    }

    @Test
    void the_settings_schema_describes_every_setting_the_api_takes() {
        List<Map<String, Object>> schema = api.get("/api/v1/settings/schema").items();
        Map<String, Object> values = api.get("/api/v1/settings").map();
        assertThat(schema).extracting(d -> d.get("name")).containsExactlyInAnyOrderElementsOf(values.keySet());
        assertThat(schema).allSatisfy(d -> assertThat((String) d.get("description")).isNotBlank());
        Map<String, Object> cpu = schema.stream().filter(d -> d.get("name").equals("script_cpu_budget_ms")).findFirst().orElseThrow();
        assertThat(cpu).containsEntry("type", "integer").containsEntry("default", 5000).containsEntry("unit", "ms")
                .containsEntry("min", 10).containsEntry("max", 600000);
        Map<String, Object> ids = schema.stream().filter(d -> d.get("name").equals("translateIds")).findFirst().orElseThrow();
        assertThat(ids).containsEntry("type", "choice").containsEntry("choices", List.of("combined", "strings", "numbers"));
        Map<String, Object> hosts = schema.stream().filter(d -> d.get("name").equals("http_allowed_hosts")).findFirst().orElseThrow();
        assertThat(hosts).containsEntry("type", "text").containsKey("maxLength");
        // a default is a value the API takes
        for (Map<String, Object> d : schema) {
            assertThat(api.put("/api/v1/settings", Map.of((String) d.get("name"), d.get("default"))).status())
                    .as(d.toString()).isEqualTo(200);
        }
    }

    @Test
    void logs_can_be_filtered_by_trigger_and_level() {
        server.createTrigger("logger", "lwm2m-register", "log.debug('dbg'); log.warn('careful', {n: 1});");
        try (TestDevice d = TestDevice.named("log-dev").start(server.coapUri())) {
            d.awaitRegistered();
            await().atMost(Duration.ofSeconds(20)).until(() -> !server.logs("careful").isEmpty());
            List<Map<String, Object>> warn = api.get("/api/v1/logs?trigger=logger&level=warn").items();
            assertThat(warn).hasSize(1);
            assertThat(warn.get(0)).containsEntry("level", "warn").containsEntry("trigger", "logger")
                    .containsEntry("endpoint", "log-dev").containsEntry("message", "careful")
                    .containsEntry("data", Map.of("n", 1));
            assertThat(api.get("/api/v1/logs?trigger=logger").items()).hasSize(2);
        }
    }

    @Test
    void triggers_survive_a_restart_and_still_run(@TempDir Path dir) throws Exception {
        try (TestServer first = TestServer.startIn(dir)) {
            first.createTrigger("durable", "lwm2m-register", "log.info('durable ran', {ep: event.endpoint.key});");
            first.restart();
            assertThat(first.api().get("/api/v1/triggers").items()).extracting(t -> t.get("name")).containsExactly("durable");
            try (TestDevice d = TestDevice.named("after-restart").start(first.coapUri())) {
                d.awaitRegistered();
                await().atMost(Duration.ofSeconds(20)).until(() -> !first.logs("durable ran").isEmpty());
            }
            assertThat(first.api().get("/api/v1/events?type=lwm2m-register").items()).isNotEmpty();
        }
        assertThat(Files.exists(dir.resolve("store.mv"))).isTrue();
    }
}
