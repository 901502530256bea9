package io.lwm2mbridge.engine.queue;

import io.lwm2mbridge.engine.device.CallParser;
import io.lwm2mbridge.engine.device.CallRequest;
import io.lwm2mbridge.engine.device.json.ScriptForm;
import io.lwm2mbridge.engine.queue.json.HeldCallJson;
import io.lwm2mbridge.engine.store.KeyValueStore;
import io.lwm2mbridge.scripting.HostCallException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-endpoint FIFO of held calls, kept in the store so that it survives a restart. Keys are
 * {@code endpoint|sequence} with a zero-padded, ever-growing sequence, so the store's key order is the
 * order the calls were made in. A call is kept as the script call that makes it ({@link ScriptForm}: function
 * and arguments, read back by the same {@link CallParser} as a script's), with the {@code source} and
 * {@code paths} of its events. Thread-safe.
 */
final class HeldCalls {

    /** One stored call as kept, and the key that removes it. */
    record Stored(String key, Map<?, ?> value) {

        String endpoint() {
            return String.valueOf(value.get("endpoint"));
        }

        String source() {
            return String.valueOf(value.get("source"));
        }

        /** The comma-joined {@code path} of its events. */
        String path() {
            return value.get("paths") instanceof List<?> p
                    ? String.join(",", p.stream().map(String::valueOf).toList()) : "";
        }

        boolean hasContext() {
            return Boolean.TRUE.equals(value.get("hasContext"));
        }

        Object context() {
            return value.get("context");
        }
    }

    private final KeyValueStore store;
    private final Runnable commit;
    private final CallParser parser;
    private final AtomicLong sequence = new AtomicLong();

    HeldCalls(KeyValueStore store, Runnable commit, CallParser parser) {
        this.store = store;
        this.commit = commit;
        this.parser = parser;
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

    void append(CallRequest call, Instant heldAt) {
        store.put(call.endpoint() + "|" + String.format("%019d", sequence.incrementAndGet()),
                HeldCallJson.stored(call, heldAt));
        // a held call is a promise to the caller: on disk before the intermediate result says it was held
        commit.run();
    }

    /** The oldest call held for the endpoint, or null. */
    Stored first(String endpoint) {
        for (String key : store.keys()) {
            if (endpointOf(key).equals(endpoint)) {
                Object value = store.get(key);
                if (value instanceof Map<?, ?> m) {
                    return new Stored(key, m);
                }
            }
        }
        return null;
    }

    boolean has(String endpoint) {
        return store.keys().stream().anyMatch(k -> endpointOf(k).equals(endpoint));
    }

    /** Every held call of the endpoint as stored (with {@code heldAt}), oldest first, for the API. */
    List<Map<?, ?>> storedOf(String endpoint) {
        List<Map<?, ?>> out = new ArrayList<>();
        for (String key : store.keys()) {
            if (endpointOf(key).equals(endpoint) && store.get(key) instanceof Map<?, ?> m) {
                out.add(m);
            }
        }
        return out;
    }

    /** Every held call of the endpoint that can still be read, oldest first. */
    List<CallRequest> of(String endpoint) {
        List<CallRequest> out = new ArrayList<>();
        for (String key : store.keys()) {
            if (endpointOf(key).equals(endpoint) && store.get(key) instanceof Map<?, ?> m) {
                try {
                    out.add(call(new Stored(key, m)));
                } catch (HostCallException e) {
                    // no longer a call: QueueMode reports it when it comes to it
                }
            }
        }
        return out;
    }

    /**
     * The stored call read back.
     *
     * @throws HostCallException when its arguments no longer make a call (an object since removed, say)
     */
    CallRequest call(Stored stored) throws HostCallException {
        List<Object> args = new ArrayList<>();
        if (stored.value().get("args") instanceof List<?> l) {
            args.addAll(l);
        }
        return parser.parse(String.valueOf(stored.value().get("function")), args);
    }

    void remove(String key) {
        store.remove(key);
        commit.run();
    }

    private static String endpointOf(String key) {
        int bar = key.lastIndexOf('|');
        return bar < 0 ? key : key.substring(0, bar);
    }
}
