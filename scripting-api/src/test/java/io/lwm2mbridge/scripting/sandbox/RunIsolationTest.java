package io.lwm2mbridge.scripting.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.JsonBridge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing a run does to its JavaScript environment reaches another run: each test replays an attack by
 * one run (the attacker) on the runs after it (the victims), both of the same trigger, which may share a
 * context, and of another trigger.
 */
class RunIsolationTest {

    private static final String SECRET_EVENT = "{\"type\":\"lwm2m-register\",\"data\":{\"secret\":\"token=s3cr3t\"}}";
    /** What scripts hand to test.capture: whatever an attacker managed to see. */
    private static final List<String> CAPTURED = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> LOGGED = Collections.synchronizedList(new ArrayList<>());
    /** A sandbox per test, so that what one attack breaks is seen by that test alone. */
    private ScriptSandbox sandbox;

    @BeforeEach
    void start() {
        CAPTURED.clear();
        LOGGED.clear();
        HostApi api = HostApi.builder()
                .add("log.info", (run, args) -> {
                    LOGGED.add(((SandboxRun) run).request().scriptName() + ":" + JsonBridge.toJson(args));
                    return null;
                })
                .add("trigger.reply", (run, args) -> {
                    run.reply(args.isEmpty() ? null : args.get(0));
                    return null;
                })
                .add("trigger.exit", (run, args) -> null)
                .add("test.capture", (run, args) -> {
                    CAPTURED.add(String.valueOf(args.isEmpty() ? null : args.get(0)));
                    return null;
                })
                .add("test.read", (run, args) -> Map.of("3", Map.of("0", Map.of("2", "serial-4711"))))
                .build();
        sandbox = new ScriptSandbox(api, SandboxSettings.defaults()
                .withCpuBudget(Duration.ofSeconds(2)).withWallClockLimit(Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private RunOutcome run(String trigger, String code) {
        return sandbox.run(new ScriptRequest(trigger, code, SECRET_EVENT, null));
    }

    /** The victim, run after the attacker as the same trigger and as another one: how each victim run ended. */
    private List<RunOutcome> attackThenVictims(String attack, String victim) {
        List<RunOutcome> victims = new ArrayList<>();
        for (String victimTrigger : List.of("attacker", "victim")) {
            run("attacker", attack);
            victims.add(run(victimTrigger, victim));
        }
        return victims;
    }

    private static final String VICTIM_READS = """
            var d = test.read();
            log.info('serial', {serial: d['3']['0']['2'], secret: event.data.secret});
            trigger.reply('done');
            """;

    @Test
    void a_flag_on_object_prototype_does_not_stop_later_runs() {
        for (RunOutcome victim : attackThenVictims("Object.prototype.x = true;", VICTIM_READS)) {
            assertThat(victim.problem()).isNull();
            assertThat(victim.reply()).isEqualTo("done");
        }
    }

    @Test
    void a_getter_on_object_prototype_sees_nothing_of_later_runs() {
        String attack = """
                ['e', 'v', 'x', '__bytes__', 'secret'].forEach(function (name) {
                  try {
                    Object.defineProperty(Object.prototype, name, {configurable: true,
                      get: function () { test.capture(name + ' ' + JSON.stringify(this)); return undefined; }});
                  } catch (e) {}
                });
                """;
        for (RunOutcome victim : attackThenVictims(attack, VICTIM_READS)) {
            assertThat(victim.reply()).isEqualTo("done");
        }
        assertThat(CAPTURED).noneMatch(c -> c.contains("serial-4711") || c.contains("s3cr3t"));
    }

    @Test
    void to_json_on_object_prototype_does_not_rewrite_later_log_lines() {
        attackThenVictims("Object.prototype.toJSON = function () { return 'rewritten'; };", VICTIM_READS);
        String line = "[\"serial\",{\"serial\":\"serial-4711\",\"secret\":\"token=s3cr3t\"}]";
        assertThat(LOGGED).containsExactly("attacker:" + line, "victim:" + line);
    }

    @Test
    void replaced_built_ins_and_globals_are_the_originals_again_in_later_runs() {
        String attack = """
                JSON = {stringify: function () { return '"spied"'; }, parse: function () { return {}; }};
                globalThis.Math = {};
                Array.prototype.push = function () { test.capture('push ' + JSON.stringify(this)); };
                Function.prototype.call = function () { test.capture('call'); };
                Error.stash = 'left behind';
                globalThis[Symbol.for('stash')] = 'left behind';
                Object.defineProperty(globalThis, 'helper', {get: function () { test.capture('helper'); return 1; }, configurable: true});
                """;
        String victim = """
                var a = [];
                a.push(event.data.secret);
                trigger.reply([JSON.stringify({n: 1}), a.length, typeof Math.max, typeof Error.stash,
                    typeof globalThis[Symbol.for('stash')], typeof helper, Object.prototype.hasOwnProperty.call(a, 0)]);
                """;
        for (RunOutcome out : attackThenVictims(attack, victim)) {
            assertThat(out.problem()).isNull();
            assertThat(out.reply()).isEqualTo(List.of("{\"n\":1}", 1, "function", "undefined", "undefined", "undefined",
                    true));
        }
        assertThat(CAPTURED).isEmpty();
    }

    @Test
    void built_ins_that_no_global_names_are_frozen_too() {
        String attack = """
                var hijack = function () { test.capture('iterated ' + JSON.stringify(event.data)); return {done: true}; };
                Object.getPrototypeOf([][Symbol.iterator]()).next = hijack;
                Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())).extra = 1;
                Object.getPrototypeOf(function* () {}).prototype.next = hijack;
                Object.getPrototypeOf(Int8Array).prototype.fill = hijack;
                Promise.prototype.then = hijack;
                """;
        String victim = """
                var seen = [];
                for (var v of [1, 2]) { seen.push(v); }
                function* g() { yield 3; }
                for (var w of g()) { seen.push(w); }
                new Int8Array(2).fill(4).forEach(function (x) { seen.push(x); });
                trigger.reply([seen, typeof Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())).extra]);
                """;
        for (RunOutcome out : attackThenVictims(attack, victim)) {
            assertThat(out.problem()).isNull();
            assertThat(out.reply()).isEqualTo(List.of(List.of(1, 2, 3, 4, 4), "undefined"));
        }
        assertThat(CAPTURED).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // every later run would fail before its first line
        "Object.defineProperty(globalThis, 'event', {value: {}, writable: false, configurable: false});",
        "Object.defineProperty(globalThis, 'event', {get: function () { test.capture('event'); return {}; }, configurable: false});",
        // undeclared names of later runs would go through the proxy
        """
        Object.setPrototypeOf(globalThis, new Proxy(Object.getPrototypeOf(globalThis), {
          set: function (t, k, v, r) { test.capture(String(k) + '=' + JSON.stringify(v)); return false; },
          has: function (t, k) { return k === 'total' || k in t; }}));
        """,
        // undeclared names of later runs could not be assigned
        "Object.preventExtensions(globalThis);"})
    void the_global_object_cannot_be_reshaped_for_later_runs(String attack) {
        for (RunOutcome out : attackThenVictims(attack, "total = event.data.secret; trigger.reply(total);")) {
            assertThat(out.problem()).isNull();
            assertThat(out.reply()).isEqualTo("token=s3cr3t");
        }
        assertThat(CAPTURED).isEmpty();
    }

    @Test
    void the_script_function_itself_keeps_nothing_for_the_next_run_of_its_trigger() {
        String stash = """
                var me = arguments.callee;
                var before = [String(me.stash), String(me.prototype.stash)];
                me.stash = event.data.secret;
                me.prototype.stash = event.data.secret;
                trigger.reply(before);
                """;
        run("stasher", stash);
        assertThat(run("stasher", stash).reply()).isEqualTo(List.of("undefined", "undefined"));
    }

    @Test
    void the_last_regexp_match_of_a_run_is_not_left_for_the_next() {
        String legacy = "trigger.reply([RegExp.$1, RegExp.lastMatch, RegExp.input, RegExp.leftContext, RegExp.rightContext,"
                + " RegExp.lastParen].map(String));";
        for (String spyTrigger : List.of("victim", "spy")) {
            // ES5 code reading the legacy statics within its own run still works
            RunOutcome victim = run("victim", "/token=(\\w+)/.exec(event.data.secret); " + legacy);
            assertThat(victim.reply()).isEqualTo(List.of("s3cr3t", "token=s3cr3t", "token=s3cr3t", "", "", "s3cr3t"));
            RunOutcome spy = run(spyTrigger, legacy);
            assertThat(String.valueOf(spy.reply())).doesNotContain("s3cr3t");
        }
    }

    @Test
    void finalization_callbacks_cannot_run_inside_later_runs() throws Exception {
        run("attacker", """
                var registry = new FinalizationRegistry(function () { test.capture(JSON.stringify(event)); });
                for (var i = 0; i < 1000; i++) { registry.register({payload: new Array(100)}, i); }
                Math.keep = registry;
                """);
        for (int i = 0; i < 10 && CAPTURED.isEmpty(); i++) {
            System.gc();
            Thread.sleep(50);
            run("victim", "trigger.reply(1);");
        }
        assertThat(CAPTURED).isEmpty();
    }

    @Test
    void a_script_cannot_close_its_wrapper_and_declare_at_top_level() {
        String escape = "});\nlet log = {info: function (m) { test.capture('hijacked ' + m); }};\n(function(){";
        assertThat(sandbox.checkSyntax("escape", escape)).hasValueSatisfying(p -> {
            assertThat(p.message()).contains("SyntaxError");
            assertThat(p.line()).isEqualTo(1);
        });
        RunOutcome stored = run("escape", escape);
        assertThat(stored.status()).isEqualTo(RunOutcome.Status.FAILED);
        assertThat(stored.problem().message()).contains("SyntaxError");
        for (String victim : List.of("escape", "victim")) {
            assertThat(run(victim, "log.info('hello'); trigger.reply('done');").reply()).isEqualTo("done");
        }
        assertThat(CAPTURED).isEmpty();
        assertThat(LOGGED).containsExactly("escape:[\"hello\"]", "victim:[\"hello\"]");
    }

    @Test
    void an_escape_after_valid_lines_is_reported_at_its_own_line() {
        assertThat(sandbox.checkSyntax("escape", "var a = 1;\nvar b = 2;\n})(); (function(){")).hasValueSatisfying(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("SyntaxError").contains("escape");
        });
    }

    @Test
    void ordinary_sloppy_code_still_assigns_what_built_in_prototypes_have() {
        RunOutcome out = run("compat", """
                var o = {}; o.toString = function () { return 'o!'; }; o.valueOf = function () { return 41; };
                var e = new Error(); e.message = 'changed'; e.name = 'Custom';
                function MyError(m) { this.message = m; }
                MyError.prototype = Object.create(Error.prototype);
                MyError.prototype.constructor = MyError;
                MyError.prototype.name = 'MyError';
                function Point() {}
                Point.prototype = {norm: function () { return 0; }};
                Point.prototype.constructor = Point;
                var f = function () {}; f.toString = function () { return 'f!'; };
                var caught;
                try { throw new MyError('boom'); } catch (x) { caught = x; }
                trigger.reply([String(o), o + 1, e.message, e.name, String(e), caught instanceof Error, String(caught),
                    caught.constructor === MyError, new Point().constructor === Point, String(f), ({}).toString()]);
                """);
        assertThat(out.problem()).isNull();
        assertThat(out.reply()).isEqualTo(List.of("o!", 42, "changed", "Custom", "Custom: changed", true, "MyError: boom",
                true, true, "f!", "[object Object]"));
    }

    @Test
    void a_polyfill_on_a_built_in_prototype_fails_quietly_and_never_reaches_another_run() {
        RunOutcome polyfill = run("polyfill", """
                if (!Array.prototype.last) { Array.prototype.last = function () { return this[this.length - 1]; }; }
                String.prototype.trim = function () { return 'polyfilled'; };
                trigger.reply([typeof [].last, ' x '.trim()]);
                """);
        assertThat(polyfill.problem()).isNull();
        assertThat(polyfill.reply()).isEqualTo(List.of("undefined", "x"));
        for (String trigger : List.of("polyfill", "other")) {
            assertThat(run(trigger, "trigger.reply([typeof [].last, ' x '.trim()]);").reply())
                    .isEqualTo(List.of("undefined", "x"));
        }
    }

    @Test
    void runs_of_different_triggers_never_share_a_context() {
        HostApi api = HostApi.builder()
                .add("trigger.reply", (run, args) -> {
                    run.reply(args.isEmpty() ? null : args.get(0));
                    return null;
                })
                .add("test.context", (run, args) -> System.identityHashCode(((SandboxRun) run).context()))
                .build();
        try (ScriptSandbox own = new ScriptSandbox(api, SandboxSettings.defaults())) {
            Object a = own.run(new ScriptRequest("a", "trigger.reply(test.context());", "{}", null)).reply();
            Object b = own.run(new ScriptRequest("b", "trigger.reply(test.context());", "{}", null)).reply();
            Object again = own.run(new ScriptRequest("a", "trigger.reply(test.context());", "{}", null)).reply();
            assertThat(b).isNotEqualTo(a);
            assertThat(again).as("a trigger's runs reuse its own contexts").isEqualTo(a);
            // more triggers than the pool has workers, run in turn: each keeps its context
            List<Object> first = new ArrayList<>();
            List<Object> second = new ArrayList<>();
            for (List<Object> round : List.of(first, second)) {
                for (int i = 0; i < SandboxSettings.DEFAULT_POOL_SIZE + 8; i++) {
                    round.add(own.run(new ScriptRequest("t" + i, "trigger.reply(test.context());", "{}", null)).reply());
                }
            }
            assertThat(second).isEqualTo(first).doesNotHaveDuplicates();
        }
    }
}
