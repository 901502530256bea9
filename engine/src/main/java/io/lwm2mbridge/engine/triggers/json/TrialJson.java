package io.lwm2mbridge.engine.triggers.json;

import io.lwm2mbridge.engine.triggers.DryRun;
import io.lwm2mbridge.engine.triggers.TrialResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A dry run's answer as {@code POST /triggers/{id}/try} writes it. */
public final class TrialJson {

    private TrialJson() {}

    /** {@code {calls, logs, reply, replied, error, status, durationMs, cpuMs, dropped}}. */
    public static Map<String, Object> of(TrialResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("calls", r.calls().stream().map(TrialJson::call).toList());
        out.put("logs", r.logs().stream().map(TrialJson::line).toList());
        out.put("reply", r.reply());
        out.put("replied", r.replied());
        if (r.problem() == null) {
            out.put("error", null);
        } else {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", r.problem().message());
            error.put("line", r.problem().line() > 0 ? r.problem().line() : null);
            out.put("error", error);
        }
        out.put("status", r.status().toLowerCase(Locale.ROOT));
        out.put("durationMs", r.wallTime().toMillis());
        out.put("cpuMs", r.cpuTime().toMillis());
        out.put("dropped", Map.of("calls", r.droppedCalls(), "logs", r.droppedLogs()));
        return out;
    }

    /** {@code {fn, args, done, result}}, or {@code error} in place of {@code result}. */
    private static Map<String, Object> call(DryRun.Call call) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("fn", call.fn());
        c.put("args", new ArrayList<>(call.args()));
        c.put("done", call.done());
        if (call.error() != null) {
            c.put("error", call.error());
        } else {
            c.put("result", call.result());
        }
        return c;
    }

    /** {@code {ts, level, endpoint, message, data}}. */
    private static Map<String, Object> line(DryRun.Line line) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("ts", line.ts().toString());
        l.put("level", line.level());
        l.put("endpoint", line.endpoint());
        l.put("message", line.message());
        l.put("data", line.data());
        return l;
    }
}
