package io.lwm2mbridge.engine.endpoints.json;

import io.lwm2mbridge.engine.endpoints.EndpointRecord;
import java.util.Map;

/**
 * An endpoint record as the API and scripts see it: its stored form without what is secret or internal
 * ({@link EndpointRecord#HIDDEN}). {@link EndpointRecord#shown} reads the same fields one at a time.
 */
public final class EndpointJson {

    private static final EndpointRecordCodec CODEC = new EndpointRecordCodec();

    private EndpointJson() {}

    /** {@code {key, name, identity, tags, statusDetails, status, registration, created, origin, lastSeen, ...}}. */
    public static Map<String, Object> view(EndpointRecord record) {
        Map<String, Object> v = CODEC.encode(record);
        v.keySet().removeAll(EndpointRecord.HIDDEN);
        return v;
    }
}
