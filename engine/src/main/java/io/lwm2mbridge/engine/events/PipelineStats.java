package io.lwm2mbridge.engine.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Map<String, Supplier<Map<String, Object>>> queues = new ConcurrentHashMap<>();
    private final Map<String, Supplier<Map<String, Object>>> sections = new java.util.concurrent.ConcurrentSkipListMap<>();
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
    }

    /** When and why a trigger was last stopped automatically; {@code {ts, reason}} in the stats. */
    private record AutoStop(Instant ts, String reason) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ts", ts.toString());
            m.put("reason", reason);
            return m;
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
        private volatile AutoStop lastAutoStop;

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

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runs", runs.sum());
            m.put("failed", failed.sum());
            m.put("shed", shed.sum());
            Map<String, Object> byType = new TreeMap<>();
            shedByType.forEach((t, n) -> byType.put(t.wireName(), n.sum()));
            m.put("shedByEventType", byType);
            m.put("lastRunEndedMs", lastRunEndedMs);
            Map<String, Object> budgets = new LinkedHashMap<>();
            overBudget.forEach((b, n) -> budgets.put(b.key, n.sum()));
            m.put("budgetFailures", budgets);
            m.put("budgetFailuresInARow", overBudgetInARow.get());
            m.put("lastAutoStop", lastAutoStop == null ? null : lastAutoStop.toMap());
            return m;
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
        trigger(trigger).lastAutoStop = new AutoStop(clock.instant(), reason);
    }

    /** One trigger's counters as {@code GET /api/v1/stats} shows them (all zero before its first run). */
    public Map<String, Object> triggerSnapshot(String name) {
        TriggerCounters c = triggers.get(name);
        return (c == null ? new TriggerCounters() : c).toMap();
    }

    /** Names a queue whose current depth and bound {@link #snapshot()} reports. */
    public void gauge(String queue, Supplier<Map<String, Object>> depth) {
        queues.put(queue, depth);
    }

    /** Adds a top-level part of {@link #snapshot()} that another component counts (registrations, ...). */
    public void section(String name, Supplier<Map<String, Object>> counts) {
        sections.put(name, counts);
    }

    /** The counters of every trigger that ran or had a run shed since start, by name. */
    public Map<String, TriggerCounters> triggers() {
        return java.util.Collections.unmodifiableMap(triggers);
    }

    /** The depth and bound of each named queue ({@link #gauge}), read now. */
    public Map<String, Map<String, Object>> queues() {
        Map<String, Map<String, Object>> q = new TreeMap<>();
        queues.forEach((name, depth) -> q.put(name, depth.get()));
        return q;
    }

    public long published(EventType type, boolean shed) {
        return (shed ? eventsShed : published).get(type).sum();
    }

    /** Everything, as {@code GET /api/v1/stats} returns it. */
    public Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        Instant now = clock.instant();
        out.put("ts", now.toString());
        out.put("uptime_s", Duration.between(started, now).toSeconds());
        Map<String, Object> events = new LinkedHashMap<>();
        for (EventType t : EventType.values()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("published", published.get(t).sum());
            e.put("shed", eventsShed.get(t).sum());
            events.put(t.wireName(), e);
        }
        out.put("events", events);
        Map<String, Object> runs = new TreeMap<>();
        triggers.forEach((name, c) -> runs.put(name, c.toMap()));
        out.put("triggers", runs);
        Map<String, Object> q = new TreeMap<>();
        queues.forEach((name, depth) -> q.put(name, depth.get()));
        out.put("queues", q);
        sections.forEach((name, counts) -> out.put(name, counts.get()));
        Runtime rt = Runtime.getRuntime();
        Map<String, Object> heap = new LinkedHashMap<>();
        heap.put("used", rt.totalMemory() - rt.freeMemory());
        heap.put("max", rt.maxMemory());
        out.put("heap", heap);
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
