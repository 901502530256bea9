package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.triggers.RunLog;
import io.lwm2mbridge.engine.triggers.TriggerRun;
import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.JsonBridge;
import java.util.List;

/** The {@code log} host object: {@code trace}, {@code debug}, {@code info}, {@code warn}, {@code error} (message, optional object). */
public record LogFunctions(RunLog runLog) {

    public void register(HostApi.Builder api) {
        for (String level : RunLog.LEVELS) {
            api.add("log." + level, (run, args) -> {
                TriggerRun tr = (TriggerRun) run.attachment();
                Object message = args.isEmpty() ? "" : args.get(0);
                String text = message instanceof String s ? s : JsonBridge.toJson(message);
                runLog.log(level, tr == null ? null : tr.trigger(), tr == null ? null : tr.endpointKey(), text,
                        args.size() > 1 ? args.get(1) : null);
                return null;
            });
        }
    }

    static List<String> levels() {
        return RunLog.LEVELS;
    }
}
