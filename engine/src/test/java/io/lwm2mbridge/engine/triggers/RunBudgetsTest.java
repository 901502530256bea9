package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.triggers.json.RunLogJson;
import io.lwm2mbridge.engine.triggers.json.TriggerJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestBed;
import io.lwm2mbridge.engine.testing.TestDevice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Triggers that go over their budgets, end to end: memory bombs are stopped by the allocation budget,
 * a trigger whose runs loop holds at most its share of the workers, and one whose runs keep going over
 * a budget is counted and stopped; meanwhile other triggers, registering devices and the health check
 * carry on.
 */
class RunBudgetsTest {

    @RegisterExtension
    final TestBed bed = new TestBed();
    private Api api;

    @BeforeEach
    void start() {
        api = bed.server().api();
        generic("ping", "ping", "trigger.reply('pong');");
    }

    private String generic(String name, String calledBy, String script) {
        return bed.server().createGeneric(name, calledBy, script);
    }

    private void settings(Map<String, Object> values) {
        Api.Response r = api.put("/api/v1/settings", values);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** Another trigger's run and the health check both answer, each within a few seconds. */
    private void othersStillAnswer() {
        long t0 = System.nanoTime();
        Api.Response pong = api.post("/api/v1/generic/ping", Map.of());
        assertThat(pong.status()).as(pong.body()).isEqualTo(200);
        assertThat(pong.json()).isEqualTo("pong");
        assertThat(api.withToken(null).get("/api/v1/health").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @SuppressWarnings("unchecked")
    void two_memory_bombs_at_once_are_stopped_by_the_allocation_budget_while_others_keep_answering() {
        // budgets the bombs would take minutes to reach: garbage collection burns their CPU while the heap fills
        settings(Map.of("script_cpu_budget_ms", 600_000, "script_wall_clock_limit_s", 600));
        String bomb = generic("bomb", "bomb", "var a = [], i = 0;\nwhile (true) { a.push({i: i++, s: 'k' + i}); }");
        Scripts.run(bed.server(), null, "exec.now('bomb', {}); exec.now('bomb', {});");

        int answeredWhileBombsRan = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (RunLogJson.failures(bed.server().server().runLog(), bomb, 10).size() < 2 && System.nanoTime() < deadline) {
            othersStillAnswer();
            answeredWhileBombsRan++;
        }
        List<Map<String, Object>> failures = RunLogJson.failures(bed.server().server().runLog(), bomb, 10);
        assertThat(failures).hasSize(2).allSatisfy(f -> {
            assertThat((String) f.get("message")).contains("allocation budget of 256 MiB");
            assertThat(((Number) f.get("line")).intValue()).isEqualTo(2);
        });
        assertThat(answeredWhileBombsRan).isPositive();
        othersStillAnswer();
        Map<String, Object> stats = (Map<String, Object>) api.get("/api/v1/stats").map().get("triggers");
        assertThat((Map<String, Object>) stats.get("bomb"))
                .containsEntry("budgetFailures", Map.of("cpu", 0, "wallClock", 0, "allocation", 2));
    }

    @Test
    @SuppressWarnings("unchecked")
    void thirty_two_looping_runs_of_one_trigger_do_not_hold_up_other_triggers_or_a_registering_device() {
        settings(Map.of("script_cpu_budget_ms", 60_000));
        generic("looper", "loop", "while (true) {}");
        bed.server().createTrigger("on-register", "lwm2m-register", "log.info('welcome', event.endpoint.key);");
        Scripts.run(bed.server(), null, "for (var i = 0; i < 32; i++) { exec.now('loop', {}); }");
        await().atMost(Duration.ofSeconds(20)).until(() -> runs().get("waiting").equals(0)
                || ((Number) runs().get("active")).intValue() >= 16);

        othersStillAnswer();
        long t0 = System.nanoTime();
        bed.start(TestDevice.named("newcomer")).awaitRegistered();
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.server().logs("welcome").stream()
                .anyMatch(e -> "newcomer".equals(e.get("data"))));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        // the loops still run, in at most their share of the workers; the rest of them wait their turn
        Map<String, Object> runs = runs();
        assertThat(runs).containsEntry("maxSharePerTrigger", 16);
        assertThat(((Number) runs.get("active")).intValue()).isBetween(16, 17);
        assertThat(((Number) runs.get("waiting")).intValue()).isEqualTo(16);
        // a lower budget applies to the runs in progress too: the loops end, every one recorded
        settings(Map.of("script_cpu_budget_ms", 10));
        await().atMost(Duration.ofSeconds(30)).until(() -> bed.server().server().runner().busy() == 0);
        assertThat(bed.server().server().stats().trigger("looper").runs()).isEqualTo(32);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> runs() {
        Map<String, Object> stats = api.get("/api/v1/stats").map();
        return (Map<String, Object>) ((Map<String, Object>) stats.get("queues")).get("runs");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_trigger_whose_runs_keep_going_over_a_budget_is_counted_and_stopped_automatically() {
        // one run at a time, so the runs end in the order they were started
        settings(Map.of("script_cpu_budget_ms", 100, "trigger_auto_stop_after", 3, "trigger_max_share", 1));
        String id = generic("sometimes-spins", "spin", "if (event.data.data.spin) { while (true) {} }");
        // two over budget, one within, then three over budget in a row
        Scripts.run(bed.server(), null, """
                [true, true, false, true, true, true, true, true].forEach(function (spin) { exec.now('spin', {spin: spin}); });
                """);
        // the stop is recorded last (the trigger is disabled first, then its waiting runs dropped and counted)
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<String, Object> t = api.get("/api/v1/triggers/" + id).map();
            return Boolean.FALSE.equals(t.get("enabled")) && ((Map<?, ?>) t.get("runStats")).get("lastAutoStop") != null;
        });

        Map<String, Object> read = api.get("/api/v1/triggers/" + id).map();
        Map<String, Object> runStats = (Map<String, Object>) read.get("runStats");
        assertThat(runStats).containsEntry("runs", 6).containsEntry("failed", 5).containsEntry("budgetFailuresInARow", 0)
                .containsEntry("budgetFailures", Map.of("cpu", 5, "wallClock", 0, "allocation", 0));
        String reason = (String) ((Map<String, Object>) runStats.get("lastAutoStop")).get("reason");
        assertThat(reason).contains("trigger stopped automatically: its last 3 runs went over a budget")
                .contains("CPU budget of 100 ms").contains("2 waiting runs dropped");
        assertThat(api.get("/api/v1/triggers/" + id + "/errors").items())
                .anySatisfy(e -> assertThat(e.get("message")).isEqualTo(reason));
        Map<String, Object> stats = (Map<String, Object>) api.get("/api/v1/stats").map().get("triggers");
        assertThat((Map<String, Object>) stats.get("sometimes-spins")).containsEntry("budgetFailures",
                Map.of("cpu", 5, "wallClock", 0, "allocation", 0));

        // read back and written again, the counters are not stored as a field
        assertThat(api.put("/api/v1/triggers/" + id, read).status()).isEqualTo(200);
        assertThat(TriggerJson.fields(bed.server().server().triggers().get(id).orElseThrow())).doesNotContainKey("runStats");
        othersStillAnswer();
    }
}
