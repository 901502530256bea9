package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.events.Event;
import io.lwm2mbridge.engine.events.PipelineStats;
import io.lwm2mbridge.engine.events.json.EventJson;
import io.lwm2mbridge.scripting.sandbox.RunOutcome;
import io.lwm2mbridge.scripting.sandbox.ScriptRequest;
import io.lwm2mbridge.scripting.sandbox.ScriptSandbox;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every trigger whose filter matches an event, each as its own run on a worker thread, so a
 * trigger that fails, loops or waits on a device never holds up another trigger, the event bus or
 * the protocol threads. Failures are recorded in the {@link RunLog} against the trigger.
 *
 * <p>Each trigger has its own bounded queue of waiting runs, and workers take from the triggers in
 * turn, so a trigger flooded with events (every notification of a fleet) neither starves the others
 * nor grows without bound: when its queue holds {@code trigger_queue_max} runs, its oldest waiting run
 * is shed, counted per trigger and event type ({@link PipelineStats}) and logged. One trigger's runs
 * hold at most {@code trigger_max_share} workers at once, so runs that loop or wait for long leave the
 * other workers to other triggers.
 *
 * <p>Runs stopped for going over a budget (CPU, wall clock, allocation) are counted per trigger; after
 * {@code trigger_auto_stop_after} such runs in a row the trigger is stopped, its waiting runs dropped,
 * and why is recorded in the run log against it.
 */
public final class TriggerRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerRunner.class);

    private final TriggerService triggers;
    private final ScriptSandbox sandbox;
    private final RunLog runLog;
    private final Supplier<Map<String, Object>> values;
    private final PipelineStats stats;
    private final Limits limits;
    private final int workerCount;
    private final List<Thread> workers = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    /** Waiting runs per trigger id; guarded by {@link #lock}. */
    private final Map<String, Lane> lanes = new HashMap<>();
    /** Lanes with a waiting run, in the order workers serve them; guarded by {@link #lock}. */
    private final ArrayDeque<Lane> turn = new ArrayDeque<>();
    private int waiting;
    private int active;
    private boolean closed;

    /**
     * The runner's bounds, read where they apply (a changed setting applies to the next dispatch or run).
     *
     * @param queueMax how many runs of one trigger may wait for a worker
     * @param maxShare how many workers the runs of one trigger may hold at once
     * @param autoStopAfter after how many runs in a row stopped for going over a budget a trigger is
     *     stopped; 0 never
     */
    public record Limits(LongSupplier queueMax, LongSupplier maxShare, LongSupplier autoStopAfter) {

        /** Fixed bounds, for tests. */
        public static Limits of(long queueMax, long maxShare, long autoStopAfter) {
            return new Limits(() -> queueMax, () -> maxShare, () -> autoStopAfter);
        }
    }

    /**
     * @param workers how many runs may be in progress at once
     * @param values plain values installed on host objects for every run (such as {@code global.values})
     */
    public TriggerRunner(TriggerService triggers, ScriptSandbox sandbox, RunLog runLog, int workers,
            Supplier<Map<String, Object>> values, PipelineStats stats, Limits limits) {
        this.triggers = triggers;
        this.sandbox = sandbox;
        this.runLog = runLog;
        this.values = values;
        this.stats = stats;
        this.limits = limits;
        this.workerCount = workers;
        for (int i = 1; i <= workers; i++) {
            Thread t = new Thread(this::work, "trigger-" + i);
            t.setDaemon(true);
            this.workers.add(t);
            t.start();
        }
        stats.gauge("runs", this::depth);
    }

    /**
     * Starts the matching triggers for an event; returns at once. Safe on any thread. An event whose
     * publisher runs the triggers itself ({@link Event.Routing#runByCaller()}) is left to it.
     */
    public void dispatch(Event event) {
        if (event.routing().runByCaller()) {
            return;
        }
        for (Trigger trigger : triggers.candidates(event.type())) {
            if (TriggerFilter.matches(trigger, event)) {
                enqueue(new Run(trigger, event, null));
            }
        }
    }

    /**
     * Runs one trigger on a worker; the future completes with the outcome when the run ends, or with
     * null when it could not run (shed from a full queue, or the server is stopping).
     */
    public CompletableFuture<RunOutcome> submit(Trigger trigger, Event event) {
        CompletableFuture<RunOutcome> result = new CompletableFuture<>();
        enqueue(new Run(trigger, event, result));
        return result;
    }

    /** Runs the matching triggers and collects their outcomes (for calls that wait on a reply). */
    public List<CompletableFuture<RunOutcome>> dispatchAndCollect(Event event) {
        List<CompletableFuture<RunOutcome>> out = new ArrayList<>();
        for (Trigger trigger : triggers.candidates(event.type())) {
            if (TriggerFilter.matches(trigger, event)) {
                out.add(submit(trigger, event));
            }
        }
        return out;
    }

    /** Runs one trigger on the calling thread; records a failure. */
    public RunOutcome runNow(Trigger trigger, Event event) {
        ScriptRequest request = new ScriptRequest(trigger.name(), trigger.def(), EventJson.text(event),
                new TriggerRun(trigger, event));
        RunOutcome outcome;
        long started = System.nanoTime();
        try {
            outcome = sandbox.run(request, values);
        } catch (RuntimeException e) {
            LOG.warn("trigger {} could not run", trigger.name(), e);
            runLog.failure(trigger, endpointOf(event), "could not run: " + e.getMessage(), 0);
            stats.runEnded(trigger.name(), false, System.nanoTime() - started);
            return null;
        }
        stats.runEnded(trigger.name(), outcome.ok(), System.nanoTime() - started);
        if (!outcome.ok()) {
            runLog.failure(trigger, endpointOf(event), outcome.problem().message(), outcome.problem().line());
            LOG.debug("trigger {} v{} failed: {}", trigger.name(), trigger.version(), outcome.problem());
        }
        countBudget(trigger, outcome);
        return outcome;
    }

    /** Counts a run stopped for going over a budget, and stops a trigger whose runs keep doing so. */
    private void countBudget(Trigger trigger, RunOutcome outcome) {
        PipelineStats.TriggerCounters counters = stats.trigger(trigger.name());
        if (!outcome.status().isBudget()) {
            counters.withinBudgets();
            return;
        }
        long inARow = counters.overBudget(budgetOf(outcome.status()));
        long limit = limits.autoStopAfter().getAsLong();
        if (limit > 0 && inARow >= limit && counters.claimAutoStop(inARow)) {
            autoStop(trigger, inARow, outcome.problem().message());
        }
    }

    private static PipelineStats.Budget budgetOf(RunOutcome.Status status) {
        return switch (status) {
            case CPU_BUDGET_EXCEEDED -> PipelineStats.Budget.CPU;
            case WALL_CLOCK_EXCEEDED -> PipelineStats.Budget.WALL_CLOCK;
            default -> PipelineStats.Budget.ALLOCATION;
        };
    }

    private void autoStop(Trigger trigger, long inARow, String lastProblem) {
        try {
            triggers.setEnabled(trigger.id(), false);
        } catch (TriggerException e) {
            return; // deleted meanwhile: nothing left to stop
        }
        int dropped = dropWaiting(trigger.id());
        String reason = "trigger stopped automatically: its last " + inARow + " runs went over a budget"
                + " (trigger_auto_stop_after " + limits.autoStopAfter().getAsLong() + "; the last: " + lastProblem + ")"
                + (dropped > 0 ? "; " + dropped + " waiting runs dropped" : "")
                + "; POST /api/v1/triggers/" + trigger.id() + "/start starts it again";
        runLog.failure(trigger, null, reason, 0);
        stats.autoStopped(trigger.name(), reason);
        LOG.warn("trigger {}: {}", trigger.name(), reason);
    }

    /** Drops the waiting runs of a trigger (their callers get nothing); how many there were. */
    private int dropWaiting(String triggerId) {
        List<Run> dropped = new ArrayList<>();
        lock.lock();
        try {
            Lane lane = lanes.get(triggerId);
            if (lane != null) {
                dropped.addAll(lane.runs);
                lane.runs.clear();
                waiting -= dropped.size();
                if (lane.inTurn) {
                    turn.remove(lane);
                    lane.inTurn = false;
                }
            }
        } finally {
            lock.unlock();
        }
        dropped.forEach(r -> r.complete(null));
        return dropped.size();
    }

    /** Runs waiting or in progress; for tests and diagnostics. */
    public int busy() {
        lock.lock();
        try {
            return waiting + active;
        } finally {
            lock.unlock();
        }
    }

    private void enqueue(Run run) {
        Run shed = null;
        boolean refused = false;
        lock.lock();
        try {
            if (closed) {
                refused = true;
            } else {
                Lane lane = lanes.computeIfAbsent(run.trigger.id(), id -> new Lane());
                if (lane.runs.size() >= limits.queueMax().getAsLong()) {
                    shed = lane.runs.pollFirst();
                    waiting--;
                }
                lane.runs.addLast(run);
                waiting++;
                joinTurn(lane);
                // every waiting run may need its own worker, whichever lane it is in
                ready.signal();
            }
        } finally {
            lock.unlock();
        }
        if (refused) {
            runLog.failure(run.trigger, endpointOf(run.event), "not run: the server is stopping", 0);
            run.complete(null);
        }
        if (shed != null) {
            stats.runShed(shed.trigger.name(), shed.event.type());
            shed.complete(null);
        }
    }

    /**
     * Puts a lane with waiting runs in line for a worker, unless it is already or its trigger holds its
     * share of the workers (it joins again when one of its runs ends). Called with {@link #lock} held.
     */
    private void joinTurn(Lane lane) {
        if (!lane.inTurn && !lane.runs.isEmpty() && lane.active < limits.maxShare().getAsLong()) {
            lane.inTurn = true;
            turn.addLast(lane);
        }
    }

    private void work() {
        while (true) {
            Run run;
            Lane lane;
            lock.lock();
            try {
                while (turn.isEmpty()) {
                    if (closed) {
                        return;
                    }
                    ready.awaitUninterruptibly();
                }
                lane = turn.pollFirst();
                lane.inTurn = false;
                run = lane.runs.pollFirst();
                waiting--;
                active++;
                lane.active++;
                // one run per turn: a trigger with more waiting runs goes to the back of the line, if it
                // holds less than its share of the workers
                joinTurn(lane);
                if (!turn.isEmpty()) {
                    ready.signal();
                }
            } finally {
                lock.unlock();
            }
            try {
                run.complete(runNow(run.trigger, run.event));
            } catch (RuntimeException | Error e) {
                LOG.error("trigger worker failed on {}", run.trigger.name(), e);
                run.complete(null);
            } finally {
                lock.lock();
                try {
                    active--;
                    lane.active--;
                    joinTurn(lane);
                    if (!turn.isEmpty()) {
                        ready.signal();
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private Map<String, Object> depth() {
        Map<String, Object> m = new LinkedHashMap<>();
        lock.lock();
        try {
            m.put("waiting", waiting);
            m.put("active", active);
        } finally {
            lock.unlock();
        }
        m.put("workers", workerCount);
        m.put("boundPerTrigger", limits.queueMax().getAsLong());
        m.put("maxSharePerTrigger", limits.maxShare().getAsLong());
        return m;
    }

    private static String endpointOf(Event event) {
        return event.endpoint() == null ? null : event.endpoint().key();
    }

    /** Lets the runs in progress and those waiting finish (up to five seconds), then stops the workers. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            ready.signalAll();
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Thread t : workers) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Thread t : workers) {
            if (t.isAlive()) {
                t.interrupt();
            }
        }
    }

    /** The runs of one trigger waiting for a worker, and how many workers its runs hold. */
    private static final class Lane {
        final ArrayDeque<Run> runs = new ArrayDeque<>();
        boolean inTurn;
        int active;
    }

    private record Run(Trigger trigger, Event event, CompletableFuture<RunOutcome> result) {
        void complete(RunOutcome outcome) {
            if (result != null) {
                result.complete(outcome);
            }
        }
    }
}
