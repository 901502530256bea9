package io.lwm2mbridge.scripting.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits every script run is held to.
 *
 * @param cpuBudget CPU time a run may spend executing script code; time spent waiting for devices or
 *     other triggers does not count (default 5 s)
 * @param wallClockLimit total time a run may take, waits included (default 120 s)
 * @param poolSize how many runs may hold a context at once; runs beyond it wait for one
 * @param allocationBudgetBytes bytes a run's thread may allocate, garbage included, before the run is
 *     stopped (default 256 MiB): a script that fills the heap is stopped long before it is full
 */
public record SandboxSettings(Duration cpuBudget, Duration wallClockLimit, int poolSize, long allocationBudgetBytes) {

    public static final Duration DEFAULT_CPU_BUDGET = Duration.ofSeconds(5);
    public static final Duration DEFAULT_WALL_CLOCK_LIMIT = Duration.ofSeconds(120);
    public static final int DEFAULT_POOL_SIZE = 32;
    public static final long DEFAULT_ALLOCATION_BUDGET_BYTES = 256L << 20;

    public SandboxSettings {
        Objects.requireNonNull(cpuBudget, "cpuBudget");
        Objects.requireNonNull(wallClockLimit, "wallClockLimit");
        if (cpuBudget.isNegative() || cpuBudget.isZero()) {
            throw new IllegalArgumentException("cpuBudget must be positive");
        }
        if (wallClockLimit.isNegative() || wallClockLimit.isZero()) {
            throw new IllegalArgumentException("wallClockLimit must be positive");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1");
        }
        if (allocationBudgetBytes < 1) {
            throw new IllegalArgumentException("allocationBudgetBytes must be positive");
        }
    }

    public static SandboxSettings defaults() {
        return new SandboxSettings(DEFAULT_CPU_BUDGET, DEFAULT_WALL_CLOCK_LIMIT, DEFAULT_POOL_SIZE,
                DEFAULT_ALLOCATION_BUDGET_BYTES);
    }

    public SandboxSettings withCpuBudget(Duration budget) {
        return new SandboxSettings(budget, wallClockLimit, poolSize, allocationBudgetBytes);
    }

    public SandboxSettings withWallClockLimit(Duration limit) {
        return new SandboxSettings(cpuBudget, limit, poolSize, allocationBudgetBytes);
    }

    public SandboxSettings withAllocationBudget(long bytes) {
        return new SandboxSettings(cpuBudget, wallClockLimit, poolSize, bytes);
    }
}
