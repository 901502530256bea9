package io.lwm2mbridge.scripting.sandbox;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops runs that exceed their CPU budget, wall-clock limit or allocation budget. Checks every active
 * run on its own thread every few milliseconds, so a script in an endless loop is stopped within about
 * a tick, and one that piles up objects within a tick's worth of allocation. Allocation is what the
 * run's thread allocated ({@code com.sun.management.ThreadMXBean}), garbage included, in interpreted
 * and compiled code alike: GraalJS community has no per-context heap limit ({@code sandbox.MaxHeapMemory}
 * is an Oracle GraalVM feature).
 */
final class Watchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    private static final long TICK_MILLIS = 10;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean cpuTimeSupported;
    /** The same bean with HotSpot's per-thread allocation counters, or null where the JVM has none. */
    private final com.sun.management.ThreadMXBean allocations;
    private final Set<SandboxRun> active = ConcurrentHashMap.newKeySet();
    private final Supplier<SandboxSettings> settings;
    private final ScheduledExecutorService ticker;
    private final ExecutorService interrupter;

    Watchdog(Supplier<SandboxSettings> settings) {
        this.settings = settings;
        this.cpuTimeSupported = threads.isThreadCpuTimeSupported();
        if (cpuTimeSupported && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        com.sun.management.ThreadMXBean hotspot = threads instanceof com.sun.management.ThreadMXBean b
                && b.isThreadAllocatedMemorySupported() ? b : null;
        if (hotspot != null && !hotspot.isThreadAllocatedMemoryEnabled()) {
            hotspot.setThreadAllocatedMemoryEnabled(true);
        }
        this.allocations = hotspot;
        if (hotspot == null) {
            LOG.warn("this JVM does not count memory allocated per thread: scripts run without an allocation budget");
        }
        this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("script-watchdog"));
        // interrupting blocks until the script reaches a safepoint, so never on the ticker itself
        this.interrupter = Executors.newCachedThreadPool(daemon("script-interrupter"));
        ticker.scheduleWithFixedDelay(this::check, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** CPU time the current thread has used, or its wall time where the JVM cannot tell. */
    long currentThreadCpuNanos() {
        return cpuTimeSupported ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Bytes the current thread has allocated so far, or -1 where the JVM cannot tell. */
    long currentThreadAllocatedBytes() {
        return allocations == null ? -1 : allocations.getCurrentThreadAllocatedBytes();
    }

    /** Bytes the run's thread allocated since the run started, or 0 where the JVM cannot tell. */
    long allocatedBytes(SandboxRun run) {
        if (allocations == null || run.startAllocatedBytes() < 0) {
            return 0;
        }
        long now = allocations.getThreadAllocatedBytes(run.threadId());
        return now < 0 ? 0 : now - run.startAllocatedBytes();
    }

    long cpuNanos(SandboxRun run) {
        if (!cpuTimeSupported) {
            return System.nanoTime() - run.startNanos();
        }
        long now = threads.getThreadCpuTime(run.threadId());
        return now < 0 ? 0 : now - run.startCpuNanos();
    }

    void watch(SandboxRun run) {
        active.add(run);
    }

    void unwatch(SandboxRun run) {
        active.remove(run);
    }

    private void check() {
        SandboxSettings limits = settings.get();
        long now = System.nanoTime();
        for (SandboxRun run : active) {
            try {
                if (run.isStopped()) {
                    continue;
                }
                run.reclaimSlotIfHog(now);
                if (now - run.startNanos() > limits.wallClockLimit().toNanos()) {
                    stop(run, RunOutcome.Status.WALL_CLOCK_EXCEEDED);
                } else if (cpuNanos(run) > limits.cpuBudget().toNanos()) {
                    stop(run, RunOutcome.Status.CPU_BUDGET_EXCEEDED);
                } else if (allocatedBytes(run) > limits.allocationBudgetBytes()) {
                    stop(run, RunOutcome.Status.ALLOCATION_BUDGET_EXCEEDED);
                }
            } catch (RuntimeException e) {
                LOG.warn("watchdog check failed", e);
            }
        }
    }

    private void stop(SandboxRun run, RunOutcome.Status reason) {
        if (!run.stop(reason)) {
            return;
        }
        PooledContext pooled = run.context();
        interrupter.execute(() -> {
            if (pooled.current() != run) {
                return; // finished on its own meanwhile
            }
            try {
                pooled.context().interrupt(Duration.ofSeconds(2));
            } catch (TimeoutException e) {
                LOG.warn("script did not stop when interrupted; cancelling its context");
                pooled.markNotReusable();
                pooled.close();
            } catch (RuntimeException e) {
                LOG.debug("interrupting a script failed", e);
                pooled.markNotReusable();
            }
        });
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        interrupter.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
