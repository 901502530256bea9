package io.lwm2mbridge.engine.events;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;

/**
 * One trigger's run counters at one moment, as {@code GET /api/v1/stats} and {@code GET /triggers} show
 * them ({@link PipelineStats#triggerSnapshot}); all zero before its first run.
 *
 * @param shedByEventType runs shed before they started, by the wire name of their event's type
 * @param lastRunEndedMs when the latest run ended (epoch ms), or 0
 * @param budgetFailures runs stopped for going over each budget, in the order of {@link PipelineStats.Budget}
 * @param budgetFailuresInARow runs over budget in a row, since the last run that ended within its budgets
 * @param lastAutoStop the latest automatic stop, or null
 */
public record TriggerStats(long runs, long failed, long shed, SortedMap<String, Long> shedByEventType,
        long lastRunEndedMs, Map<PipelineStats.Budget, Long> budgetFailures, long budgetFailuresInARow,
        AutoStop lastAutoStop) {

    /** When and why a trigger was last stopped automatically. */
    public record AutoStop(Instant ts, String reason) {}
}
