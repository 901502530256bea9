package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.events.Event;
import io.lwm2mbridge.scripting.JsonBridge;
import io.lwm2mbridge.scripting.RunOutcome;
import io.lwm2mbridge.scripting.ScriptRequest;
import io.lwm2mbridge.scripting.ScriptSandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every trigger whose filter matches an event, each as its own run on a worker thread, so a
 * trigger that fails, loops or waits on a device never holds up another trigger, the event bus or
 * the protocol threads. Failures are recorded in the {@link RunLog} against the trigger.
 */
public final class TriggerRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerRunner.class);

    private final TriggerService triggers;
    private final ScriptSandbox sandbox;
    private final RunLog runLog;
    private final Supplier<Map<String, Object>> values;
    private final ThreadPoolExecutor workers;

    /**
     * @param workers how many runs may be in progress at once; more wait in order
     * @param values plain values installed on host objects for every run (such as {@code global.values})
     */
    public TriggerRunner(TriggerService triggers, ScriptSandbox sandbox, RunLog runLog, int workers,
            Supplier<Map<String, Object>> values) {
        this.triggers = triggers;
        this.sandbox = sandbox;
        this.runLog = runLog;
        this.values = values;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "trigger-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Starts the matching triggers for an event; returns at once. Safe on any thread. An event whose
     * publisher runs the triggers itself ({@link Event.Routing#runByCaller()}) is left to it.
     */
    public void dispatch(Event event) {
        if (event.routing().runByCaller()) {
            return;
        }
        for (Trigger trigger : triggers.list()) {
            if (TriggerFilter.matches(trigger, event)) {
                submit(trigger, event);
            }
        }
    }

    /** Runs one trigger on a worker; the future completes with the outcome when the run ends. */
    public CompletableFuture<RunOutcome> submit(Trigger trigger, Event event) {
        CompletableFuture<RunOutcome> result = new CompletableFuture<>();
        try {
            workers.execute(() -> result.complete(runNow(trigger, event)));
        } catch (RejectedExecutionException e) {
            runLog.failure(trigger, endpointOf(event), "not run: the server is stopping", 0);
            result.complete(null);
        }
        return result;
    }

    /** Runs the matching triggers and collects their outcomes (for calls that wait on a reply). */
    public List<CompletableFuture<RunOutcome>> dispatchAndCollect(Event event) {
        List<CompletableFuture<RunOutcome>> out = new ArrayList<>();
        for (Trigger trigger : triggers.list()) {
            if (TriggerFilter.matches(trigger, event)) {
                out.add(submit(trigger, event));
            }
        }
        return out;
    }

    /** Runs one trigger on the calling thread; records a failure. */
    public RunOutcome runNow(Trigger trigger, Event event) {
        ScriptRequest request = new ScriptRequest(trigger.name(), trigger.def(),
                JsonBridge.toJson(event.toMap()), new TriggerRun(trigger, event));
        RunOutcome outcome;
        try {
            outcome = sandbox.run(request, values.get());
        } catch (RuntimeException e) {
            LOG.warn("trigger {} could not run", trigger.name(), e);
            runLog.failure(trigger, endpointOf(event), "could not run: " + e.getMessage(), 0);
            return null;
        }
        if (!outcome.ok()) {
            runLog.failure(trigger, endpointOf(event), outcome.problem().message(), outcome.problem().line());
            LOG.debug("trigger {} v{} failed: {}", trigger.name(), trigger.version(), outcome.problem());
        }
        return outcome;
    }

    /** Runs waiting or in progress; for tests and diagnostics. */
    public int busy() {
        return workers.getActiveCount() + workers.getQueue().size();
    }

    private static String endpointOf(Event event) {
        return event.endpoint() == null ? null : event.endpoint().key();
    }

    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }
}
