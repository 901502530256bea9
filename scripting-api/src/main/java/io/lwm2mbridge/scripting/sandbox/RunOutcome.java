package io.lwm2mbridge.scripting.sandbox;

import io.lwm2mbridge.scripting.ScriptProblem;
import java.time.Duration;

/**
 * How a script run ended.
 *
 * @param status how it ended
 * @param reply the first value the script passed to {@code trigger.reply}, or null
 * @param replied whether the script called {@code trigger.reply} at all (a reply may be null)
 * @param problem why it failed, for {@link Status#FAILED} and the budgets ({@link Status#isBudget()});
 *     null otherwise
 * @param cpuTime CPU time the run used
 * @param wallTime how long the run took
 */
public record RunOutcome(
        Status status, Object reply, boolean replied, ScriptProblem problem, Duration cpuTime, Duration wallTime) {

    /** The ways a run ends. */
    public enum Status {
        /** Ran to its end, or called {@code trigger.exit()}. */
        OK,
        /** Threw, or a host call failed and the script did not catch it. */
        FAILED,
        /** Spent more CPU time than its budget and was stopped. */
        CPU_BUDGET_EXCEEDED,
        /** Took longer than the wall-clock limit and was stopped. */
        WALL_CLOCK_EXCEEDED,
        /** Allocated more memory than its allocation budget and was stopped. */
        ALLOCATION_BUDGET_EXCEEDED;

        /** Whether the run was stopped for going over one of its budgets (CPU, wall clock, allocation). */
        public boolean isBudget() {
            return this == CPU_BUDGET_EXCEEDED || this == WALL_CLOCK_EXCEEDED || this == ALLOCATION_BUDGET_EXCEEDED;
        }
    }

    public boolean ok() {
        return status == Status.OK;
    }
}
