package io.lwm2mbridge.engine.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what passes through the event pipeline and what it sheds under overload. Counters are
 * cumulative since start and cheap to bump from any thread (protocol threads included). Shedding is
 * also logged, at most once per {@link #WARN_EVERY} per kind, so it is never silent.
 */
public final class PipelineStats {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineStats.class);
    static final Duration WARN_EVERY = Duration.ofSeconds(10);

    private final Clock clock;
    private final Instant started;
    private final Map<EventType, LongAdder> published = new EnumMap<>(EventType.class);
    private final Map<EventType, LongAdder> eventsShed = new EnumMap<>(EventType.class);
    private final Map<String, TriggerCounters> triggers = new ConcurrentHashMap<>();
    private final Map<String, Supplier<?>> queues = new ConcurrentSkipListMap<>();
    private final Map<String, Supplier<?>> sections = new ConcurrentSkipListMap<>();
    private final AtomicLong lastWarnMillis = new AtomicLong();
    private final LongAdder shedSinceWarn = new LongAdder();

    public PipelineStats(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
        for (EventType t : EventType.values()) {
            published.put(t, new LongAdder());
            eventsShed.put(t, new LongAdder());
        }
    }

    /** The budgets a run can be stopped for going over, as {@code budgetFailures} names them. */
    public enum Budget {
        CPU("cpu"), WALL_CLOCK("wallClock"), ALLOCATION("allocation");

        private final String key;

        Budget(String key) {
            this.key = key;
        }

        /** The name {@code budgetFailures} gives it. */
        public String key() {
            return key;
        }
    }

    /**
     * Runs of one trigger: started, failed, shed before they could start, and stopped for going over a
     * budget (in all, by budget, and in a row: a run that ends within its budgets starts the row again).
     */
    public static final class TriggerCounters {
        private final LongAdder runs = new LongAdder();
        /** Kept apart from {@code runs} so each outcome's count only grows, as a metric must. */
        private final LongAdder succeeded = new LongAdder();
        private final LongAdder failed = new LongAdder();
        private final LongAdder shed = new LongAdder();
        private final Map<EventType, LongAdder> shedByType = new ConcurrentHashMap<>();
        private final Map<Budget, LongAdder> overBudget = new EnumMap<>(Budget.class);
        private final AtomicLong overBudgetInARow = new AtomicLong();
        /** Time the ended runs took, from the start of the script to its end (not the wait for a worker). */
        private final LongAdder runNanos = new LongAdder();
        /** When the latest run ended (epoch ms), so a benchmark can time a batch of runs exactly. */
        private volatile long lastRunEndedMs;
        /** The latest automatic stop, or null. */
        private volatile TriggerStats.AutoStop lastAutoStop;

        TriggerCounters() {
            for (Budget b : Budget.values()) {
                overBudget.put(b, new LongAdder());
            }
        }

        public long runs() {
            return runs.sum();
        }

        public long shed() {
            return shed.sum();
        }

        public long succeeded() {
            return succeeded.sum();
        }

        public long failed() {
            return failed.sum();
        }

        /** Runs stopped for going over that budget. */
        public long overBudgetCount(Budget budget) {
            return overBudget.get(budget).sum();
        }

        /** Time all ended runs took, in nanoseconds. */
        public long runNanos() {
            return runNanos.sum();
        }

        /** Counts a run stopped for going over {@code budget}; returns how many runs in a row were. */
        public long overBudget(Budget budget) {
            overBudget.get(budget).increment();
            return overBudgetInARow.incrementAndGet();
        }

        /** A run that ended within its budgets (well or not): the row starts again. */
        public void withinBudgets() {
            if (overBudgetInARow.get() != 0) {
                overBudgetInARow.set(0);
            }
        }

        /**
         * Whether the caller, which saw {@code inARow} runs over budget in a row, is the one to stop the
         * trigger; the row starts again for the runs after the stop.
         */
        public boolean claimAutoStop(long inARow) {
            return overBudgetInARow.compareAndSet(inARow, 0);
        }

        TriggerStats snapshot() {
            TreeMap<String, Long> byType = new TreeMap<>();
            shedByType.forEach((t, n) -> byType.put(t.wireName(), n.sum()));
            Map<Budget, Long> budgets = new EnumMap<>(Budget.class);
            overBudget.forEach((b, n) -> budgets.put(b, n.sum()));
            return new TriggerStats(runs.sum(), failed.sum(), shed.sum(), Collections.unmodifiableSortedMap(byType),
                    lastRunEndedMs, Collections.unmodifiableMap(budgets), overBudgetInARow.get(), lastAutoStop);
        }
    }

    public void published(EventType type) {
        published.get(type).increment();
    }

    /** An event dropped from a full bus lane before it was stored or handed to any trigger. */
    public void eventShed(EventType type, String lane) {
        eventsShed.get(type).increment();
        warnShed("event lane '" + lane + "' is full: shedding the oldest waiting events (" + type.wireName() + ")");
    }

    /** A trigger run dropped from the trigger's full queue before it started. */
    public void runShed(String trigger, EventType type) {
        TriggerCounters c = trigger(trigger);
        c.shed.increment();
        c.shedByType.computeIfAbsent(type, t -> new LongAdder()).increment();
        warnShed("trigger '" + trigger + "' has too many waiting runs: shedding the oldest (" + type.wireName() + ")");
    }

    /** A run ended, well or not, after {@code nanos} of running. */
    public void runEnded(String trigger, boolean ok, long nanos) {
        TriggerCounters c = trigger(trigger);
        c.runs.increment();
        c.runNanos.add(nanos);
        c.lastRunEndedMs = clock.millis();
        (ok ? c.succeeded : c.failed).increment();
    }

    public TriggerCounters trigger(String name) {
        return triggers.computeIfAbsent(name, n -> new TriggerCounters());
    }

    /** Records that a trigger was stopped automatically, and why, for {@link #triggerSnapshot}. */
    public void autoStopped(String trigger, String reason) {
        trigger(trigger).lastAutoStop = new TriggerStats.AutoStop(clock.instant(), reason);
    }

    /** One trigger's counters as {@code GET /api/v1/stats} shows them (all zero before its first run). */
    public TriggerStats triggerSnapshot(String name) {
        TriggerCounters c = triggers.get(name);
        return (c == null ? new TriggerCounters() : c).snapshot();
    }

    /**
     * Names a queue whose current depth and bound {@link #snapshot()} reports.
     *
     * @param depth the queue's own JSON object of its depth and bound ({@code {waiting, active, ...}})
     */
    public void gauge(String queue, Supplier<?> depth) {
        queues.put(queue, depth);
    }

    /**
     * Adds a top-level part of {@link #snapshot()} that another component counts (registrations, ...).
     *
     * @param counts the component's own JSON object of its counters
     */
    public void section(String name, Supplier<?> counts) {
        sections.put(name, counts);
    }

    /** The counters of every trigger that ran or had a run shed since start, by name. */
    public Map<String, TriggerCounters> triggers() {
        return Collections.unmodifiableMap(triggers);
    }

    /** The depth and bound of each named queue ({@link #gauge}), read now, by name. */
    public List<PipelineSnapshot.Part> queues() {
        return read(queues);
    }

    public long published(EventType type, boolean shed) {
        return (shed ? eventsShed : published).get(type).sum();
    }

    /** Everything, as {@code GET /api/v1/stats} returns it. */
    public PipelineSnapshot snapshot() {
        Instant now = clock.instant();
        Map<EventType, PipelineSnapshot.EventCounts> events = new EnumMap<>(EventType.class);
        for (EventType t : EventType.values()) {
            events.put(t, new PipelineSnapshot.EventCounts(published.get(t).sum(), eventsShed.get(t).sum()));
        }
        TreeMap<String, TriggerStats> runs = new TreeMap<>();
        triggers.forEach((name, c) -> runs.put(name, c.snapshot()));
        Runtime rt = Runtime.getRuntime();
        return new PipelineSnapshot(now, Duration.between(started, now).toSeconds(), events, runs, read(queues),
                read(sections), new PipelineSnapshot.Heap(rt.totalMemory() - rt.freeMemory(), rt.maxMemory()));
    }

    private static List<PipelineSnapshot.Part> read(Map<String, Supplier<?>> parts) {
        List<PipelineSnapshot.Part> out = new ArrayList<>();
        parts.forEach((name, part) -> out.add(new PipelineSnapshot.Part(name, part.get())));
        return out;
    }

    private void warnShed(String what) {
        shedSinceWarn.increment();
        long now = clock.millis();
        long last = lastWarnMillis.get();
        if (now - last >= WARN_EVERY.toMillis() && lastWarnMillis.compareAndSet(last, now)) {
            LOG.warn("overload: {}; {} shed since the last warning (counts per type and trigger: GET /api/v1/stats)",
                    what, shedSinceWarn.sumThenReset());
        }
    }
}
