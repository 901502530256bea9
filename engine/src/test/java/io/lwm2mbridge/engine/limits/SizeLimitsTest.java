package io.lwm2mbridge.engine.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What one log line, one event's data and one reply may hold, and what one API page returns, replayed
 * with the attack of the hardening issue: log lines of megabytes each made {@code GET /logs} run out of
 * memory. Defaults: 64 KiB per log line, event data and reply; 4 MiB per page.
 */
class SizeLimitsTest {

    private static final int KIB_64 = 65_536;
    private static final int MIB_4 = 4 * 1024 * 1024;

    private static TestServer server;
    private static Api api;
    private static Scripts scripts;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        scripts = new Scripts(server);
        // these scripts build strings of megabytes on purpose: what is tested is what is kept of them,
        // not the allocation budget (RunBudgetsTest), which they would exceed
        assertThat(api.put("/api/v1/settings", Map.of("script_allocation_budget_mb", 4096)).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void defaults() {
        settings(Map.of("log_line_max_bytes", KIB_64, "event_data_max_bytes", KIB_64, "reply_max_bytes", KIB_64,
                "api_page_max_bytes", MIB_4));
    }

    @Test
    void forty_log_lines_of_megabytes_are_kept_shortened_and_get_logs_answers_a_bounded_page() {
        generic("flood", "var s = 'x'.repeat(2 * 1024 * 1024);"
                + " for (var i = 0; i < 40; i++) { log.info('line ' + i + ' ' + s, {blob: s, i: i}); }"
                + " trigger.reply('logged');");
        Api.Response run = api.post("/api/v1/generic/flood", Map.of());
        assertThat(run.status()).as("logging never fails a run").isEqualTo(200);
        assertThat(run.json()).isEqualTo("logged");

        Api.Response logs = api.get("/api/v1/logs?trigger=flood&limit=10000");
        assertThat(logs.status()).isEqualTo(200);
        assertThat(bytes(logs)).isLessThanOrEqualTo(MIB_4);
        List<Map<String, Object>> items = logs.items();
        assertThat(items).hasSize(40);
        for (int i = 0; i < 40; i++) {
            Map<String, Object> line = items.get(i);
            String message = (String) line.get("message");
            assertThat(message).startsWith("line " + i + " xxx")
                    .endsWith("...[truncated: " + (("line " + i + " ").length() + 2 * 1024 * 1024) + " characters]");
            assertThat((String) ((Map<?, ?>) line.get("data")).get("blob")).endsWith("...[truncated: 2097152 characters]");
            assertThat(((Map<?, ?>) line.get("data")).get("i")).isEqualTo(i);
            assertThat(JsonSize.of(Map.of("message", message, "data", line.get("data")))).isLessThanOrEqualTo(KIB_64);
        }
    }

    @Test
    void log_pages_are_bounded_by_bytes_and_after_walks_every_line_in_order() {
        settings(Map.of("api_page_max_bytes", KIB_64));
        generic("pager", "var s = 'y'.repeat(30000); for (var i = 0; i < 12; i++) { log.info('p' + i + ' ' + s); }"
                + " trigger.reply(1);");
        assertThat(api.post("/api/v1/generic/pager", Map.of()).status()).isEqualTo(200);

        Api.Response newest = api.get("/api/v1/logs?trigger=pager");
        assertThat(bytes(newest)).isLessThanOrEqualTo(KIB_64);
        assertThat(newest.items()).isNotEmpty().hasSizeLessThan(12);
        assertThat((String) newest.items().get(newest.items().size() - 1).get("message")).startsWith("p11 ");

        List<String> read = new ArrayList<>();
        String cursor = "0";
        int pages = 0;
        while (true) {
            Api.Response page = api.get("/api/v1/logs?trigger=pager&limit=10000&after=" + cursor);
            assertThat(page.status()).isEqualTo(200);
            assertThat(bytes(page)).isLessThanOrEqualTo(KIB_64);
            if (page.items().isEmpty()) {
                assertThat(page.map().get("next")).isEqualTo(cursor);
                break;
            }
            pages++;
            page.items().forEach(e -> read.add(((String) e.get("message")).split(" ")[0]));
            cursor = (String) page.map().get("next");
        }
        assertThat(read).containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11");
        assertThat(pages).isGreaterThanOrEqualTo(6);
        assertThat(api.get("/api/v1/logs?after=x").status()).isEqualTo(400);
    }

    @Test
    void lines_stored_whole_under_a_larger_bound_are_shortened_when_read() {
        settings(Map.of("log_line_max_bytes", 16 * 1024 * 1024));
        generic("legacy", "var s = 'z'.repeat(10 * 1024 * 1024); for (var i = 0; i < 5; i++) { log.warn('old ' + i + ' ' + s); }"
                + " trigger.reply(1);");
        assertThat(api.post("/api/v1/generic/legacy", Map.of()).status()).isEqualTo(200);
        settings(Map.of("log_line_max_bytes", KIB_64));

        Api.Response logs = api.get("/api/v1/logs?trigger=legacy&level=warn");
        assertThat(bytes(logs)).isLessThanOrEqualTo(MIB_4);
        assertThat(logs.items()).hasSize(5).allSatisfy(e -> assertThat((String) e.get("message"))
                .endsWith("...[truncated: " + (6 + 10 * 1024 * 1024) + " characters]")
                .hasSizeLessThanOrEqualTo(KIB_64));
    }

    @Test
    void event_data_a_script_or_caller_gives_over_the_bound_is_refused_and_nothing_is_published() {
        String big = "'e'.repeat(100000)";
        String setting = "is larger than 65536 bytes as JSON (setting event_data_max_bytes)";
        assertThat(scripts.error("exec.now('sink', {blob: " + big + "});"))
                .isEqualTo(Map.of("name", "RangeError", "message", "exec.now: the payload " + setting));
        assertThat(scripts.error("exec.sync('sink', {blob: " + big + "}, 1);"))
                .isEqualTo(Map.of("name", "RangeError", "message", "exec.sync: the payload " + setting));
        // a context is echoed into every event of the call: refused before any device is asked
        assertThat(scripts.error("lwm2m.read('nobody', '3/0', {context: {blob: " + big + "}});"))
                .isEqualTo(Map.of("name", "RangeError", "message", "lwm2m.read: the context " + setting));
        assertThat(scripts.error("lwm2m.observe('nobody', ['3/0/13'], {context: " + big + "});").get("message"))
                .isEqualTo("lwm2m.observe: the context " + setting);
        assertThat(scripts.error("lwm2m.firmwareUpdate('nobody', 'fw.bin', {context: " + big + "});").get("message"))
                .isEqualTo("lwm2m.firmwareUpdate: the context " + setting);

        Api.Response tooLarge = api.post("/api/v1/generic/sink", Map.of("blob", "h".repeat(100_000)));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.map().get("error")).isEqualTo("the body is larger than an event's data may be: 65536 bytes"
                + " as JSON (setting event_data_max_bytes); no trigger ran");

        // just within the bound is fine
        assertThat(scripts.value("exec.now('sink', {blob: 'w'.repeat(60000)}); return 1;")).isEqualTo(1);
        assertThat(api.post("/api/v1/generic/sink", Map.of("blob", "w".repeat(60_000))).status()).isEqualTo(204);
        assertThat(server.events("generic", null)).allSatisfy(e -> assertThat(JsonSize.of(e.get("data")))
                .isLessThanOrEqualTo(KIB_64));
    }

    @Test
    void event_pages_are_bounded_by_bytes_and_after_reads_every_event() {
        settings(Map.of("event_data_max_bytes", 16 * 1024 * 1024));
        scripts.value("for (var i = 0; i < 4; i++) { exec.now('paged', {n: i, blob: 'q'.repeat(3000000)}); } return 1;");
        // stored whole, as an older version (or a larger bound) kept them
        await().atMost(Duration.ofSeconds(30)).until(() -> server.events("generic", null).stream()
                .filter(e -> ((Map<?, ?>) e.get("data")).get("data") instanceof Map<?, ?> d && d.containsKey("n"))
                .count() == 4);
        settings(Map.of("event_data_max_bytes", KIB_64));
        String type = "type=generic";

        Api.Response newest = api.get("/api/v1/events?type=generic&limit=10000");
        assertThat(newest.status()).isEqualTo(200);
        assertThat(bytes(newest)).isLessThanOrEqualTo(MIB_4);
        assertThat(newest.items()).allSatisfy(e -> assertThat(JsonSize.of(e.get("data"))).isLessThanOrEqualTo(KIB_64));

        settings(Map.of("api_page_max_bytes", 100_000));
        List<Object> ns = new ArrayList<>();
        String cursor = "0";
        while (true) {
            Api.Response page = api.get("/api/v1/events?" + type + "&limit=10000&after=" + cursor);
            assertThat(bytes(page)).isLessThanOrEqualTo(100_000);
            if (page.items().isEmpty()) {
                break;
            }
            for (Map<String, Object> e : page.items()) {
                if (((Map<?, ?>) e.get("data")).get("data") instanceof Map<?, ?> d && d.containsKey("n")) {
                    ns.add(d.get("n"));
                    assertThat((String) d.get("blob")).endsWith("...[truncated: 3000000 characters]");
                }
            }
            cursor = (String) page.map().get("next");
        }
        assertThat(ns).containsExactly(0, 1, 2, 3);
    }

    @Test
    void a_reply_over_the_bound_fails_the_run_and_reaches_no_caller() {
        String id = generic("big-reply", "trigger.reply({blob: 'r'.repeat(100000)});");
        String message = "trigger.reply: the reply is larger than 65536 bytes as JSON (setting reply_max_bytes)";
        Api.Response r = api.post("/api/v1/generic/big-reply", Map.of());
        assertThat(r.status()).isEqualTo(500);
        assertThat((String) r.map().get("error")).contains(message);
        assertThat(r.body()).doesNotContain("rrrrrrrrrr");
        assertThat((String) scripts.error("exec.sync('big-reply', {}, 10);").get("message"))
                .startsWith("exec.sync: 'big-reply' failed in trigger 'big-reply'").contains(message);
        assertThat(api.get("/api/v1/triggers/" + id + "/errors").items()).isNotEmpty()
                .allSatisfy(e -> assertThat((String) e.get("message")).contains(message));

        generic("fine-reply", "trigger.reply({blob: 'r'.repeat(60000)});");
        Api.Response fine = api.post("/api/v1/generic/fine-reply", Map.of());
        assertThat(fine.status()).isEqualTo(200);
        assertThat((String) fine.map().get("blob")).hasSize(60_000);
    }

    @Test
    void trigger_failures_are_kept_shortened_and_their_page_bounded() {
        String id = generic("thrower", "throw new Error('t'.repeat(2000000));");
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/v1/generic/thrower", Map.of()).status()).isEqualTo(500);
        }
        Api.Response errors = api.get("/api/v1/triggers/" + id + "/errors");
        assertThat(bytes(errors)).isLessThanOrEqualTo(MIB_4);
        assertThat(errors.items()).hasSize(3).allSatisfy(e -> assertThat((String) e.get("message"))
                .endsWith(" characters]").hasSizeLessThanOrEqualTo(KIB_64));
        settings(Map.of("api_page_max_bytes", KIB_64));
        assertThat(api.get("/api/v1/triggers/" + id + "/errors").items()).hasSize(1);
    }

    private static String generic(String name, String script) {
        return server.createGeneric(name, name, script);
    }

    private static void settings(Map<String, Object> values) {
        Api.Response r = api.put("/api/v1/settings", values);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private static long bytes(Api.Response r) {
        return r.body().getBytes(StandardCharsets.UTF_8).length;
    }
}
