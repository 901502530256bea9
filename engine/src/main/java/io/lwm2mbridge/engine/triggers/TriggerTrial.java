package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.events.Event;
import io.lwm2mbridge.engine.events.json.EventJson;
import io.lwm2mbridge.scripting.ScriptProblem;
import io.lwm2mbridge.scripting.sandbox.RunOutcome;
import io.lwm2mbridge.scripting.sandbox.ScriptRequest;
import io.lwm2mbridge.scripting.sandbox.ScriptSandbox;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Tries a trigger on an event in a dry run ({@code POST /triggers/{id}/try}): the script runs in the
 * same sandbox, with the same budgets, as a real run, but its host calls are recorded instead of done
 * (see {@code host.DryRunGate}), its log lines are kept for the answer, and nothing is written to the
 * run log or the trigger's counters. Runs on threads of its own (a few, with a short queue), so a
 * trial neither holds an HTTP thread nor takes a worker from the triggers' runs.
 */
public final class TriggerTrial implements AutoCloseable {

    /** Trials run at once; more wait in a queue of {@link #QUEUED}, beyond which they are refused. */
    static final int THREADS = 2;
    static final int QUEUED = 8;

    private final ScriptSandbox sandbox;
    private final Supplier<Map<String, Object>> values;
    private final Clock clock;
    private final ThreadPoolExecutor executor;

    /** @param values plain values installed on host objects for every run (such as {@code global.values}) */
    public TriggerTrial(ScriptSandbox sandbox, Supplier<Map<String, Object>> values, Clock clock) {
        this.sandbox = sandbox;
        this.values = values;
        this.clock = clock;
        AtomicInteger count = new AtomicInteger();
        // platform threads: the watchdog measures a run's CPU time per thread
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED),
                r -> {
                    Thread t = new Thread(r, "trigger-try-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /** Now, by the server's clock: the time of an event given without one. */
    public java.time.Instant now() {
        return clock.instant();
    }

    /** Why code cannot run, or empty when it compiles. */
    public Optional<ScriptProblem> check(Trigger trigger, String code) {
        return sandbox.checkSyntax(trigger.name(), code);
    }

    /**
     * Runs {@code code} as {@code trigger} on {@code event} in a dry run.
     *
     * @return completes with the answer when the run ends; fails with {@link RejectedExecutionException}
     *     when too many trials are waiting already
     */
    public CompletableFuture<TrialResult> run(Trigger trigger, String code, Event event) {
        return CompletableFuture.supplyAsync(() -> runHere(trigger, code, event), executor);
    }

    /** The dry run on the calling thread. */
    TrialResult runHere(Trigger trigger, String code, Event event) {
        DryRun dry = new DryRun(clock);
        RunOutcome outcome = sandbox.run(new ScriptRequest(trigger.name(), code, EventJson.text(event),
                new TriggerRun(trigger, event, dry)), values);
        return new TrialResult(dry.calls(), dry.logs(), outcome.reply(), outcome.replied(), outcome.problem(),
                outcome.status().name(), outcome.wallTime(), outcome.cpuTime(), dry.droppedCalls(), dry.droppedLogs());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
