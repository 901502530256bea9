package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.scripting.ScriptProblem;
import java.time.Duration;
import java.util.List;

/**
 * What a dry run of a trigger did ({@code POST /triggers/{id}/try}): the calls it made and lines it logged,
 * its reply, how it ended and what it cost.
 *
 * @param problem why the script failed, or null
 * @param status how the run ended, as the run outcome names it ({@code ok}, {@code failed}, ...)
 */
public record TrialResult(List<DryRun.Call> calls, List<DryRun.Line> logs, Object reply, boolean replied,
        ScriptProblem problem, String status, Duration wallTime, Duration cpuTime, int droppedCalls,
        int droppedLogs) {}
