package io.lwm2mbridge.engine.endpoints.json;

import static io.lwm2mbridge.engine.endpoints.EndpointRecord.CONNECTED;
import static io.lwm2mbridge.engine.endpoints.EndpointRecord.DISCONNECTED;
import static io.lwm2mbridge.engine.endpoints.EndpointRecord.ORIGIN_REGISTRATION;

import io.lwm2mbridge.engine.endpoints.EndpointRecord;
import io.lwm2mbridge.engine.store.JsonValues;
import io.lwm2mbridge.engine.store.RecordCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An {@link EndpointRecord} as the store has always kept it: {@code {key, name, identity, tags, statusDetails,
 * status, registration, created, origin, lastSeen, timeBeforeMissing, missingDeclaredFor, storage}}, then any
 * field a later or earlier version wrote, unchanged.
 */
public final class EndpointRecordCodec implements RecordCodec<EndpointRecord> {

    private static final Set<String> KNOWN = Set.of("key", "name", "identity", "tags", "statusDetails", "status",
            "registration", "created", "origin", "lastSeen", "timeBeforeMissing", "missingDeclaredFor", "storage");

    @Override
    public Map<String, Object> encode(EndpointRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", r.key());
        m.put("name", r.name());
        m.put("identity", r.identity());
        m.put("tags", new LinkedHashMap<>(r.tags()));
        m.put("statusDetails", new LinkedHashMap<>(r.statusDetails()));
        m.put("status", r.connected() ? CONNECTED : DISCONNECTED);
        m.put("registration", r.registration() == null ? null : new LinkedHashMap<>(r.registration()));
        putIfSet(m, "created", JsonValues.text(r.created()));
        putIfSet(m, "origin", r.createdByRegistration() ? ORIGIN_REGISTRATION : null);
        putIfSet(m, "lastSeen", JsonValues.text(r.lastSeen()));
        putIfSet(m, "timeBeforeMissing", r.timeBeforeMissing());
        putIfSet(m, "missingDeclaredFor", JsonValues.text(r.missingDeclaredFor()));
        if (!r.storage().isEmpty()) {
            m.put("storage", new LinkedHashMap<>(r.storage()));
        }
        r.extra().forEach(m::putIfAbsent);
        return m;
    }

    @Override
    public EndpointRecord decode(Map<String, Object> m) {
        String key = JsonValues.text(m.get("key"));
        Object name = m.getOrDefault("name", key);
        Map<String, Object> extra = new LinkedHashMap<>(m);
        extra.keySet().removeAll(KNOWN);
        return new EndpointRecord(key, name == null ? key : String.valueOf(name), JsonValues.text(m.get("identity")),
                JsonValues.objectOrEmpty(m.get("tags")), JsonValues.objectOrEmpty(m.get("statusDetails")),
                CONNECTED.equals(m.get("status")), JsonValues.object(m.get("registration")),
                JsonValues.instant(m.get("created")), JsonValues.instant(m.get("lastSeen")),
                ORIGIN_REGISTRATION.equals(m.get("origin")), JsonValues.whole(m.get("timeBeforeMissing")),
                JsonValues.instant(m.get("missingDeclaredFor")), JsonValues.objectOrEmpty(m.get("storage")), extra);
    }

    private static void putIfSet(Map<String, Object> m, String field, Object value) {
        if (value != null) {
            m.put(field, value);
        }
    }
}
