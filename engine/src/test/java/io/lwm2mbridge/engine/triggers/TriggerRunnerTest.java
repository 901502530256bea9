package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.triggers.json.RunLogJson;
import io.lwm2mbridge.engine.triggers.json.TriggerJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lwm2mbridge.engine.events.EndpointRef;
import io.lwm2mbridge.engine.events.Event;
import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.events.PipelineStats.Budget;
import io.lwm2mbridge.engine.events.PipelineStats;
import io.lwm2mbridge.engine.events.RawData;
import io.lwm2mbridge.engine.events.TriggerStats;
import io.lwm2mbridge.engine.store.EmbeddedStore;
import io.lwm2mbridge.engine.store.MemoryKeyValueStore;
import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.sandbox.SandboxSettings;
import io.lwm2mbridge.scripting.sandbox.ScriptSandbox;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-trigger bounded queues: a flooded trigger sheds its own oldest runs and takes turns with the others. */
class TriggerRunnerTest {

    private static final int WORKERS = 2;
    private static final int BOUND = 5;

    /** Each run of the "flooded" trigger waits here until the test completes one. */
    private final LinkedBlockingQueue<CompletableFuture<Object>> held = new LinkedBlockingQueue<>();
    private final List<String> done = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean open;
    private EmbeddedStore store;
    private ScriptSandbox sandbox;
    private PipelineStats stats;
    private TriggerRunner runner;
    private TriggerService triggers;
    private RunLog runLog;

    @BeforeEach
    void start() throws Exception {
        HostApi api = HostApi.builder()
                .add("test.hold", (run, args) -> {
                    if (open) {
                        return null;
                    }
                    CompletableFuture<Object> f = new CompletableFuture<>();
                    held.add(f);
                    return run.await(f, Duration.ofSeconds(30), "held too long");
                })
                .add("test.done", (run, args) -> {
                    done.add(String.valueOf(args.get(0)));
                    return null;
                })
                .build();
        sandbox = new ScriptSandbox(api, SandboxSettings.defaults());
        store = new EmbeddedStore(Files.createTempDirectory("runner-test-"), new ObjectMapper());
        triggers = new TriggerService(new MemoryKeyValueStore(), TriggerJson.CODEC, sandbox, Clock.systemUTC(), () -> { });
        // a fixed clock, so the time of the last run is known
        stats = new PipelineStats(Clock.fixed(Instant.ofEpochMilli(1234), java.time.ZoneOffset.UTC));
        runLog = new RunLog(store.log("logs"), RunLogJson.CODEC, Clock.systemUTC(), () -> 10_000);
        runner = new TriggerRunner(triggers, sandbox, runLog, WORKERS, Map::of, stats,
                TriggerRunner.Limits.of(BOUND, WORKERS, 0));
        triggers.create(Map.of("name", "flooded", "filterType", "lwm2m-data",
                "def", "test.hold(); test.done('data ' + event.data.i);"));
        triggers.create(Map.of("name", "other", "filterType", "lwm2m-register", "def", "test.done('register');"));
        triggers.create(Map.of("name", "off", "filterType", "lwm2m-register", "enabled", false,
                "def", "test.done('disabled trigger ran');"));
    }

    @AfterEach
    void stop() {
        open = true;
        held.forEach(f -> f.complete(null));
        runner.close();
        sandbox.close();
        store.close();
    }

    private Event event(EventType type, int i) {
        return new Event(sequence.incrementAndGet(), Instant.now(), type, EndpointRef.of("dev"), new RawData(Map.of("i", i)));
    }

    @Test
    void a_flooded_trigger_sheds_its_oldest_waiting_runs_and_lets_other_triggers_through() throws Exception {
        for (int i = 0; i < WORKERS; i++) {
            runner.dispatch(event(EventType.LWM2M_DATA, i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == WORKERS);
        for (int i = WORKERS; i < 20; i++) {
            runner.dispatch(event(EventType.LWM2M_DATA, i));
        }
        // both workers hold a run of the flooded trigger; 5 more wait, the 13 before them were shed
        assertThat(stats.trigger("flooded").shed()).isEqualTo(13);
        assertThat(runner.busy()).isEqualTo(WORKERS + BOUND);

        runner.dispatch(event(EventType.LWM2M_REGISTER, 0));
        // the register trigger gets a turn after at most one more run of the flooded one, not after all five
        held.take().complete(null);
        held.take().complete(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> done.contains("register"));
        assertThat(done.stream().filter(d -> d.startsWith("data")).count()).isLessThanOrEqualTo(2);

        for (int left = 0; left < BOUND; left++) {
            held.take().complete(null);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.busy() == 0);
        // the first two runs and the five newest: 0, 1 and 15..19
        assertThat(done).filteredOn(d -> d.startsWith("data")).containsExactlyInAnyOrder(
                "data 0", "data 1", "data 15", "data 16", "data 17", "data 18", "data 19");
        assertThat(done).doesNotContain("disabled trigger ran");
        assertThat(stats.trigger("flooded").runs()).isEqualTo(7);
        assertThat(stats.trigger("other").runs()).isEqualTo(1);
        assertThat(stats.snapshot().triggers().get("flooded")).isEqualTo(new TriggerStats(7, 0, 13,
                new TreeMap<>(Map.of("lwm2m-data", 13L)), 1234,
                Map.of(Budget.CPU, 0L, Budget.WALL_CLOCK, 0L, Budget.ALLOCATION, 0L), 0, null));
    }

    @Test
    void the_runs_of_one_trigger_hold_at_most_its_share_of_the_workers() throws Exception {
        runner.close();
        runner = new TriggerRunner(triggers, sandbox, runLog, WORKERS, Map::of, stats, TriggerRunner.Limits.of(BOUND, 1, 0));
        for (int i = 0; i < 3; i++) {
            runner.dispatch(event(EventType.LWM2M_DATA, i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 1);
        // the other worker stays free for other triggers: the register run goes through while the first data run is held
        runner.dispatch(event(EventType.LWM2M_REGISTER, 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> done.contains("register"));
        assertThat(held).hasSize(1);
        assertThat(runner.busy()).isEqualTo(3);
        held.take().complete(null);
        held.take().complete(null);
        held.take().complete(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.busy() == 0);
        assertThat(done).containsExactly("register", "data 0", "data 1", "data 2");
    }

    @Test
    void a_shed_run_completes_its_caller_with_nothing_and_runs_after_close_are_refused() throws Exception {
        Trigger flooded = triggers.byName("flooded").orElseThrow();
        List<CompletableFuture<?>> calls = new CopyOnWriteArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            calls.add(runner.submit(flooded, event(EventType.LWM2M_DATA, i)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == WORKERS);
        for (int i = WORKERS; i < WORKERS + BOUND + 1; i++) {
            calls.add(runner.submit(flooded, event(EventType.LWM2M_DATA, i)));
        }
        // the oldest waiting call (the third) was shed: its caller hears at once instead of waiting forever
        assertThat(calls.get(WORKERS).get()).isNull();
        open = true;
        held.forEach(f -> f.complete(null));
        runner.close();
        assertThat(calls.get(calls.size() - 1).get()).as("a waiting run still ran at close").isNotNull();
        assertThat(runner.submit(flooded, event(EventType.LWM2M_DATA, 99)).get()).isNull();
    }
}
