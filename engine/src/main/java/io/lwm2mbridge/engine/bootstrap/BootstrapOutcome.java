package io.lwm2mbridge.engine.bootstrap;

import io.lwm2mbridge.engine.store.JsonValues;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one bootstrap session ended, as the history keeps it and the API and run log show it:
 * {@code {ts, result, source, cause, remoteAddr, version}}.
 *
 * @param result {@code success}, {@code failed} or {@code refused}
 * @param source where the configuration came from (a trigger, a stored configuration, ...), or null
 * @param cause why it failed, or what went wrong in a success, or null
 * @param version the version of the trigger that replied, or null
 */
public record BootstrapOutcome(Instant ts, String result, String source, String cause, String remoteAddr,
        String version) {

    /** The JSON form, the same in the store, the API and the run log. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", JsonValues.text(ts));
        m.put("result", result);
        m.put("source", source);
        m.put("cause", cause);
        m.put("remoteAddr", remoteAddr);
        m.put("version", version);
        return m;
    }

    static BootstrapOutcome fromJson(Map<String, Object> m) {
        return new BootstrapOutcome(JsonValues.instant(m.get("ts")), JsonValues.text(m.get("result")),
                JsonValues.text(m.get("source")), JsonValues.text(m.get("cause")), JsonValues.text(m.get("remoteAddr")),
                JsonValues.text(m.get("version")));
    }
}
