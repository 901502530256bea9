package io.lwm2mbridge.engine.lwm2m.json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inbound CoAP load at one moment: what {@code GET /api/v1/stats} shows under {@code queues.coap}.
 *
 * @param notificationsShed notifications dropped at the socket since start
 * @param overloadSpells how many times shedding began
 * @param overloaded whether notifications are being dropped now
 * @param lastWaitMs how long the latest sampled message waited for a protocol thread
 */
public record CoapLoad(long notificationsShed, long overloadSpells, boolean overloaded, long lastWaitMs) {

    /** The JSON object of the stats, in API.md's field order. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("notificationsShed", notificationsShed);
        m.put("overloadSpells", overloadSpells);
        m.put("overloaded", overloaded);
        m.put("lastWaitMs", lastWaitMs);
        return m;
    }
}
