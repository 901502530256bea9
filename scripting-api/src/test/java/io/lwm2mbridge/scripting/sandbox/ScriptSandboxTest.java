package io.lwm2mbridge.scripting.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.HostCallException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScriptSandboxTest {

    private static final List<String> LOGGED = Collections.synchronizedList(new ArrayList<>());
    private static ScriptSandbox sandbox;
    private static HostApi hostApi;

    @BeforeAll
    static void start() {
        HostApi api = HostApi.builder()
                .add("log.info", (run, args) -> {
                    LOGGED.add(((SandboxRun) run).request().scriptName() + ":" + args.get(0));
                    return null;
                })
                .add("trigger.reply", (run, args) -> {
                    run.reply(args.isEmpty() ? null : args.get(0));
                    return null;
                })
                .add("trigger.exit", (run, args) -> null)
                .add("trigger.sleep", (run, args) -> {
                    run.sleep(Duration.ofMillis(((Number) args.get(0)).longValue()));
                    return null;
                })
                .add("test.tree", (run, args) -> Map.of("3", Map.of("0", Map.of("0", "Leshan"))))
                .add("test.fail", (run, args) -> {
                    throw new HostCallException("coap: not found");
                })
                .add("test.echo", (run, args) -> args)
                .add("test.wait", (run, args) -> run.await(new CompletableFuture<>(),
                        Duration.ofMillis(((Number) args.get(0)).longValue()), "device did not respond to the request"))
                .value("global.values")
                .build();
        hostApi = api;
        sandbox = new ScriptSandbox(api, SandboxSettings.defaults()
                .withCpuBudget(Duration.ofMillis(500))
                .withWallClockLimit(Duration.ofSeconds(3)));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private RunOutcome run(String code) {
        return sandbox.run(new ScriptRequest("t1", code, "{\"type\":\"lwm2m-register\",\"data\":{\"n\":1}}", null));
    }

    @Test
    void script_sees_event_and_replies() {
        RunOutcome out = run("trigger.reply({type: event.type, n: event.data.n + 1})");
        assertThat(out.ok()).isTrue();
        assertThat(out.reply()).isEqualTo(Map.of("type", "lwm2m-register", "n", 2));
    }

    @Test
    void host_results_arrive_as_plain_objects() {
        RunOutcome out = run("var d = test.tree(); trigger.reply(d['3']['0']['0'] + ':' + Object.keys(d).length)");
        assertThat(out.reply()).isEqualTo("Leshan:1");
    }

    @Test
    void host_failure_is_a_catchable_error_with_its_message() {
        RunOutcome out = run("try { test.fail() } catch (e) { trigger.reply([e instanceof Error, e.message]) }");
        assertThat(out.reply()).isEqualTo(List.of(true, "coap: not found"));
    }

    @Test
    void uncaught_error_is_reported_with_its_script_line() {
        RunOutcome out = run("var a = 1;\nvar b = 2;\ntest.fail();\n");
        assertThat(out.status()).isEqualTo(RunOutcome.Status.FAILED);
        assertThat(out.problem().message()).contains("coap: not found");
        assertThat(out.problem().line()).isEqualTo(3);
    }

    @Test
    void unknown_name_fails_with_reference_error_and_line() {
        RunOutcome out = run("\n\nmqtt.publish('x')");
        assertThat(out.status()).isEqualTo(RunOutcome.Status.FAILED);
        assertThat(out.problem().message()).contains("ReferenceError").contains("mqtt");
        assertThat(out.problem().line()).isEqualTo(3);
    }

    @Test
    void syntax_error_is_found_with_its_line_before_running() {
        assertThat(sandbox.checkSyntax("bad", "var x = 1;\nvar y = ;\n")).hasValueSatisfying(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).isNotBlank();
        });
        assertThat(sandbox.checkSyntax("good", "let x = () => 1; const y = `a${x()}`;")).isEmpty();
    }

    @Test
    void endless_loop_is_stopped_by_the_cpu_budget() {
        RunOutcome out = run("var i = 0;\nwhile (true) { i++; }");
        assertThat(out.status()).isEqualTo(RunOutcome.Status.CPU_BUDGET_EXCEEDED);
        assertThat(out.problem().message()).contains("CPU budget");
        assertThat(out.problem().line()).isEqualTo(2);
        // the sandbox keeps working afterwards
        assertThat(run("trigger.reply(1)").reply()).isEqualTo(1);
    }

    @Test
    void a_script_piling_up_objects_is_stopped_by_its_allocation_budget() {
        // a CPU budget it would take long to reach: garbage collection burns the time while the heap fills
        try (ScriptSandbox own = new ScriptSandbox(hostApi, SandboxSettings.defaults()
                .withCpuBudget(Duration.ofSeconds(60)).withWallClockLimit(Duration.ofSeconds(60))
                .withAllocationBudget(32L << 20))) {
            RunOutcome bomb = own.run(new ScriptRequest("bomb",
                    "var a = [], i = 0;\nwhile (true) { a.push({i: i++, s: 'k' + i}); }", "{}", null));
            assertThat(bomb.status()).isEqualTo(RunOutcome.Status.ALLOCATION_BUDGET_EXCEEDED);
            assertThat(bomb.problem().message()).contains("allocation budget of 32 MiB");
            assertThat(bomb.problem().line()).isEqualTo(2);
            assertThat(bomb.wallTime()).isLessThan(Duration.ofSeconds(30));
            RunOutcome modest = own.run(new ScriptRequest("bomb",
                    "var a = []; for (var i = 0; i < 1000; i++) { a.push({i: i}); } trigger.reply(a.length)", "{}", null));
            assertThat(modest.reply()).isEqualTo(1000);
        }
    }

    @Test
    void waiting_does_not_count_against_the_cpu_budget() {
        RunOutcome out = run("trigger.sleep(800); trigger.reply('awake')");
        assertThat(out.ok()).isTrue();
        assertThat(out.reply()).isEqualTo("awake");
        assertThat(out.wallTime()).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    }

    @Test
    void long_wait_is_ended_by_the_wall_clock_limit() {
        RunOutcome out = run("test.wait(60000)");
        assertThat(out.status()).isEqualTo(RunOutcome.Status.WALL_CLOCK_EXCEEDED);
        assertThat(out.wallTime()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void await_timeout_gives_the_timeout_message() {
        RunOutcome out = run("try { test.wait(50) } catch (e) { trigger.reply(e.message) }");
        assertThat(out.reply()).isEqualTo("device did not respond to the request");
    }

    @Test
    void exit_ends_the_run_normally() {
        RunOutcome out = run("trigger.reply('before'); trigger.exit(); trigger.reply('after'); throw new Error('x')");
        assertThat(out.ok()).isTrue();
        assertThat(out.reply()).isEqualTo("before");
    }

    @Test
    void nothing_a_run_declares_or_assigns_reaches_the_next_run() throws Exception {
        // sloppy mode: assignment to an undeclared name works within the run
        assertThat(run("leaked = 42; let kept = 1; const c = 2; var v = 3; event.type = 'changed'; delete lwm2m; trigger.reply(leaked)").reply())
                .isEqualTo(42);
        for (int i = 0; i < 3; i++) {
            RunOutcome out = run("let kept = 5; const c = 6; trigger.reply([typeof leaked, typeof v, event.type, kept])");
            assertThat(out.problem()).isNull();
            assertThat(out.reply()).isEqualTo(List.of("undefined", "undefined", "lwm2m-register", 5));
        }
    }

    @Test
    void bytes_cross_as_uint8array() {
        RunOutcome out = run("var b = new Uint8Array([1, 255]); var r = test.echo(b)[0]; trigger.reply([r instanceof Uint8Array, r[1]])");
        assertThat(out.reply()).isEqualTo(List.of(true, 255));
    }

    @Test
    void no_host_classes_files_or_processes_are_reachable() {
        RunOutcome java = run("trigger.reply(typeof Java)");
        assertThat(java.reply()).isEqualTo("undefined");
        RunOutcome polyglot = run("trigger.reply([typeof Polyglot, typeof load, typeof print, typeof require])");
        assertThat(polyglot.reply()).isEqualTo(List.of("undefined", "undefined", "undefined", "undefined"));
    }

    @Test
    void console_log_goes_to_log_info() {
        run("console.log('hello from console')");
        assertThat(LOGGED).contains("t1:hello from console");
    }

    @Test
    void many_runs_in_parallel_do_not_interfere() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<RunOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                futures.add(pool.submit(() -> sandbox.run(new ScriptRequest("p" + n,
                        "var x = event.n; for (var i = 0; i < 1000; i++) {} trigger.reply(x * 2)", "{\"n\":" + n + "}", null))));
            }
            for (int i = 0; i < 64; i++) {
                assertThat(futures.get(i).get().reply()).isEqualTo(i * 2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void host_objects_cannot_be_changed_or_replaced_for_later_runs() {
        RunOutcome vandal = run("""
                lwm2m = 1; log = null; trigger.reply = function () {}; test.echo = null;
                Object.defineProperty(test, 'extra', {value: 1});
                """);
        assertThat(vandal.status()).isEqualTo(RunOutcome.Status.FAILED);
        assertThat(vandal.problem().message()).contains("TypeError");
        RunOutcome quiet = run("lwm2m = 1; log = null; test.echo = null; trigger.reply(typeof log.info)");
        assertThat(quiet.reply()).isEqualTo("function");
        RunOutcome after = run("trigger.reply([typeof test.echo, test.extra === undefined, test.echo(2)[0]])");
        assertThat(after.problem()).isNull();
        assertThat(after.reply()).isEqualTo(List.of("function", true, 2));
    }

    @Test
    void values_are_each_runs_own_and_asked_for_only_when_read() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        RunOutcome unread = sandbox.run(new ScriptRequest("v", "trigger.reply(1)", "{}", null), () -> {
            asked.incrementAndGet();
            return Map.of("global", Map.of("values", Map.of("k", "a")));
        });
        assertThat(unread.reply()).isEqualTo(1);
        assertThat(asked).hasValue(0);
        RunOutcome first = sandbox.run(new ScriptRequest("v", "global.values.k += '!'; trigger.reply(global.values.k)",
                "{}", null), () -> {
                    asked.incrementAndGet();
                    return Map.of("global", Map.of("values", Map.of("k", "a")));
                });
        assertThat(first.reply()).isEqualTo("a!");
        assertThat(asked).hasValue(1);
        RunOutcome second = sandbox.run(new ScriptRequest("v", "trigger.reply(global.values.k)", "{}", null),
                () -> Map.of("global", Map.of("values", Map.of("k", "b"))));
        assertThat(second.reply()).isEqualTo("b");
    }

    @Test
    void busy_scripts_do_not_hold_short_runs_until_their_budget_ends() throws Exception {
        // more endless loops than there are run slots (one per core), each stopped only by its 500 ms budget
        // (a wall-clock limit far above the budget: on a busy machine the loops get less than a core each)
        int loops = Runtime.getRuntime().availableProcessors() + 1;
        ExecutorService pool = Executors.newFixedThreadPool(loops);
        ScriptSandbox own = new ScriptSandbox(hostApi, SandboxSettings.defaults()
                .withCpuBudget(Duration.ofMillis(1500)).withWallClockLimit(Duration.ofSeconds(60)));
        try {
            List<Future<RunOutcome>> busy = new ArrayList<>();
            for (int i = 0; i < loops; i++) {
                busy.add(pool.submit(() -> own.run(new ScriptRequest("loop", "while (true) {}", "{}", null))));
            }
            Thread.sleep(100);
            RunOutcome quick = own.run(new ScriptRequest("quick", "trigger.reply('through')", "{}", null));
            boolean loopsStillRunning = busy.stream().noneMatch(Future::isDone);
            assertThat(quick.reply()).isEqualTo("through");
            assertThat(loopsStillRunning).as("the short run ended while the loops still ran").isTrue();
            for (Future<RunOutcome> f : busy) {
                assertThat(f.get().status()).isEqualTo(RunOutcome.Status.CPU_BUDGET_EXCEEDED);
            }
        } finally {
            pool.shutdownNow();
            own.close();
        }
    }
}
