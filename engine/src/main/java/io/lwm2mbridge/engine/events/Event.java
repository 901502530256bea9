package io.lwm2mbridge.engine.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event, exactly as scripts and the API see it: {@code id}, {@code ts}, {@code type},
 * {@code endpoint} and {@code data}.
 *
 * @param sequence position in the event log; the {@code id} is its decimal text
 * @param endpoint null for events about no endpoint (generic, cron)
 */
public record Event(long sequence, Instant ts, EventType type, EndpointRef endpoint, Map<String, Object> data) {

    public String id() {
        return Long.toString(sequence);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id());
        m.put("ts", ts.toString());
        m.put("type", type.wireName());
        m.put("endpoint", endpoint == null ? null : endpoint.toMap());
        m.put("data", data);
        return m;
    }
}
