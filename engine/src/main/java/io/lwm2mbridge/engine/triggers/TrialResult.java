package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.scripting.ScriptProblem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a dry run of a trigger did ({@code POST /triggers/{id}/try}): the calls it made and lines it logged,
 * its reply, how it ended and what it cost.
 *
 * @param problem why the script failed, or null
 * @param status how the run ended, as the run outcome names it ({@code ok}, {@code failed}, ...)
 */
public record TrialResult(List<DryRun.Call> calls, List<DryRun.Line> logs, Object reply, boolean replied,
        ScriptProblem problem, String status, Duration wallTime, Duration cpuTime, int droppedCalls,
        int droppedLogs) {

    /** {@code {calls, logs, reply, replied, error, status, durationMs, cpuMs, dropped}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("calls", calls.stream().map(DryRun.Call::toJson).toList());
        out.put("logs", logs.stream().map(DryRun.Line::toJson).toList());
        out.put("reply", reply);
        out.put("replied", replied);
        if (problem == null) {
            out.put("error", null);
        } else {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", problem.message());
            error.put("line", problem.line() > 0 ? problem.line() : null);
            out.put("error", error);
        }
        out.put("status", status.toLowerCase(Locale.ROOT));
        out.put("durationMs", wallTime.toMillis());
        out.put("cpuMs", cpuTime.toMillis());
        out.put("dropped", Map.of("calls", droppedCalls, "logs", droppedLogs));
        return out;
    }
}
