package io.lwm2mbridge.engine.queue;

import io.lwm2mbridge.engine.host.DeviceQueue.HeldCall;
import io.lwm2mbridge.engine.store.KeyValueStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-endpoint FIFO of held calls, kept in the store so that it survives a restart. Keys are
 * {@code endpoint|sequence} with a zero-padded, ever-growing sequence, so the store's key order is the
 * order the calls were made in. Thread-safe.
 */
final class HeldCalls {

    /** One stored call and the key that removes it. */
    record Stored(String key, HeldCall call) {}

    private final KeyValueStore store;
    private final Runnable commit;
    private final AtomicLong sequence = new AtomicLong();

    HeldCalls(KeyValueStore store, Runnable commit) {
        this.store = store;
        this.commit = commit;
        long max = 0;
        for (String key : store.keys()) {
            try {
                max = Math.max(max, Long.parseLong(key.substring(key.lastIndexOf('|') + 1)));
            } catch (NumberFormatException e) {
                // not one of ours: ignored
            }
        }
        sequence.set(max);
    }

    void append(HeldCall call, Instant heldAt) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("endpoint", call.endpoint());
        value.put("function", call.function());
        value.put("args", call.args());
        value.put("source", call.source());
        value.put("paths", call.paths());
        value.put("hasContext", call.hasContext());
        value.put("context", call.context());
        value.put("heldAt", heldAt.toString());
        store.put(call.endpoint() + "|" + String.format("%019d", sequence.incrementAndGet()), value);
        // a held call is a promise to the caller: on disk before the intermediate result says it was held
        commit.run();
    }

    /** The oldest call held for the endpoint, or null. */
    Stored first(String endpoint) {
        for (String key : store.keys()) {
            if (endpointOf(key).equals(endpoint)) {
                Object value = store.get(key);
                if (value instanceof Map<?, ?> m) {
                    return new Stored(key, callOf(m));
                }
            }
        }
        return null;
    }

    boolean has(String endpoint) {
        return store.keys().stream().anyMatch(k -> endpointOf(k).equals(endpoint));
    }

    /** Every held call of the endpoint as stored (with {@code heldAt}), oldest first, for the API. */
    List<Map<String, Object>> viewOf(String endpoint) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String key : store.keys()) {
            if (endpointOf(key).equals(endpoint) && store.get(key) instanceof Map<?, ?> m) {
                Map<String, Object> view = new LinkedHashMap<>();
                m.forEach((k, v) -> view.put(String.valueOf(k), v));
                out.add(view);
            }
        }
        return out;
    }

    /** Every held call of the endpoint, oldest first. */
    List<HeldCall> of(String endpoint) {
        List<HeldCall> out = new ArrayList<>();
        for (String key : store.keys()) {
            if (endpointOf(key).equals(endpoint) && store.get(key) instanceof Map<?, ?> m) {
                out.add(callOf(m));
            }
        }
        return out;
    }

    void remove(String key) {
        store.remove(key);
        commit.run();
    }

    private static String endpointOf(String key) {
        int bar = key.lastIndexOf('|');
        return bar < 0 ? key : key.substring(0, bar);
    }

    @SuppressWarnings("unchecked")
    private static HeldCall callOf(Map<?, ?> m) {
        Object args = m.get("args");
        Object paths = m.get("paths");
        return new HeldCall(String.valueOf(m.get("endpoint")), String.valueOf(m.get("function")),
                args instanceof List<?> l ? new ArrayList<>((List<Object>) l) : new ArrayList<>(),
                String.valueOf(m.get("source")),
                paths instanceof List<?> p ? p.stream().map(String::valueOf).toList() : List.of(),
                Boolean.TRUE.equals(m.get("hasContext")), m.get("context"));
    }
}
