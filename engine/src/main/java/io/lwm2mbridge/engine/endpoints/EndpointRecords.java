package io.lwm2mbridge.engine.endpoints;

import io.lwm2mbridge.engine.events.EndpointRef;
import io.lwm2mbridge.engine.store.RecordStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The endpoint records, keyed by endpoint name, kept in the store, and the {@link EndpointRef} events carry
 * for each. A record is created the first time a device registers (or by the operator, or a bootstrap).
 * Writes to records are serialised on this object: every class of this package that changes a record holds
 * its lock from reading the record to saving it. Reads are lock-free.
 */
public final class EndpointRecords {

    private final RecordStore<EndpointRecord> store;
    private final Clock clock;
    /** {@link #ref} of every endpoint with a record that was asked for since start. */
    private final Map<String, EndpointRef> refs = new ConcurrentHashMap<>();

    EndpointRecords(RecordStore<EndpointRecord> store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Optional<EndpointRecord> get(String key) {
        return store.get(key);
    }

    /** The record of {@code key}. @throws EndpointException NOT_FOUND when there is none */
    public EndpointRecord require(String key) {
        return store.get(key).orElseThrow(() -> new EndpointException(EndpointException.Reason.NOT_FOUND,
                "no endpoint '" + key + "'"));
    }

    /** Whether the endpoint has a record (registered once, provisioned, or created by a bootstrap). */
    public boolean exists(String key) {
        return store.contains(key);
    }

    public List<String> keys() {
        return store.keys();
    }

    void forEach(BiConsumer<String, EndpointRecord> action) {
        store.forEach(action);
    }

    /**
     * The endpoint as events carry it; a bare reference for an endpoint with no record. Served from
     * memory: every notification's event needs one, and decoding the stored record each time cost
     * more than the rest of the notification path.
     */
    public EndpointRef ref(String key) {
        EndpointRef cached = refs.computeIfAbsent(key, k -> store.get(k).map(EndpointRecords::refOf).orElse(null));
        return cached != null ? cached : EndpointRef.of(key);
    }

    private static EndpointRef refOf(EndpointRecord r) {
        return new EndpointRef(r.key(), r.name(), r.tags(), r.statusDetails());
    }

    /** A record not stored yet, created now. */
    EndpointRecord fresh(String key) {
        return EndpointRecord.fresh(key, clock.instant());
    }

    /**
     * Every write of a record goes through here, so the reference served by {@link #ref} follows it.
     * Writers hold this object's lock; a concurrent {@link #ref} that read the record before the write
     * finishes its map update before this one replaces it, so no stale reference survives.
     */
    EndpointRef save(EndpointRecord r) {
        store.put(r.key(), r);
        EndpointRef ref = refOf(r);
        refs.put(r.key(), ref);
        return ref;
    }

    boolean erase(String key) {
        boolean existed = store.remove(key);
        refs.remove(key);
        return existed;
    }
}
