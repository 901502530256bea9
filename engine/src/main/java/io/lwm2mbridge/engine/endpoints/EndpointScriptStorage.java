package io.lwm2mbridge.engine.endpoints;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Values scripts keep with an endpoint ({@code endpoint.storageGet}, {@code endpoint.storageSet}): stored in
 * its record, never shown in its public view.
 */
public final class EndpointScriptStorage {

    private final EndpointRecords records;

    EndpointScriptStorage(EndpointRecords records) {
        this.records = records;
    }

    /** A value a script kept with {@code endpoint.storageSet}, or empty. */
    public Optional<Object> get(String key, String name) {
        EndpointRecord r = records.require(key);
        return Optional.ofNullable(r.storage().get(name));
    }

    /** Keeps a value with the endpoint for scripts; null removes it. */
    public void set(String key, String name, Object value) {
        synchronized (records) {
            EndpointRecord r = records.require(key);
            Map<String, Object> storage = new LinkedHashMap<>(r.storage());
            if (value == null) {
                storage.remove(name);
            } else {
                storage.put(name, value);
            }
            records.save(r.withStorage(storage));
        }
    }
}
