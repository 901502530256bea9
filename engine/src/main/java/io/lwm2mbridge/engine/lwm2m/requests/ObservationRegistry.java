package io.lwm2mbridge.engine.lwm2m.requests;

import io.lwm2mbridge.objects.IdFormat;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;

/**
 * The observations scripts asked for, by their own tokens. Leshan keeps one observation per
 * registration and path (a second Observe of the same path replaces the first), while scripts may
 * observe a path twice with different contexts; so each script observation gets a token of its own
 * here, and a notification of the Leshan observation is handed to every script observation of the
 * same registration and paths. Thread-safe.
 */
public final class ObservationRegistry {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One observation a script asked for.
     *
     * @param key registration id, kind and paths: the Leshan observation it shares
     */
    public record Entry(String token, String endpoint, String registrationId, List<LwM2mPath> paths, boolean composite,
            IdFormat ids, Object context, String key) {

        public List<String> pathTexts() {
            return paths.stream().map(p -> p.toString().substring(1)).toList();
        }
    }

    private final Map<String, Entry> byToken = new ConcurrentHashMap<>();
    /** Key to its entries by token, kept in step with {@code byToken} under the key's bin lock. */
    private final Map<String, Map<String, Entry>> byKey = new ConcurrentHashMap<>();

    /** Registers a new observation and returns it with its fresh token. */
    public Entry add(String endpoint, String registrationId, List<LwM2mPath> paths, boolean composite, IdFormat ids,
            Object context) {
        String key = key(registrationId, paths, composite);
        while (true) {
            byte[] bytes = new byte[8];
            RANDOM.nextBytes(bytes);
            Entry entry = new Entry(HexFormat.of().formatHex(bytes), endpoint, registrationId, List.copyOf(paths),
                    composite, ids, context, key);
            if (byToken.putIfAbsent(entry.token, entry) == null) {
                byKey.compute(key, (k, entries) -> {
                    Map<String, Entry> m = entries == null ? new ConcurrentHashMap<>() : entries;
                    m.put(entry.token, entry);
                    return m;
                });
                return entry;
            }
        }
    }

    /**
     * Puts an observation back under a new registration of its endpoint (a new session), keeping its
     * token, ids and context, so that the script's token and context go on working.
     */
    public Entry moveTo(Entry old, String registrationId) {
        String key = key(registrationId, old.paths, old.composite);
        Entry entry = new Entry(old.token, old.endpoint, registrationId, old.paths, old.composite, old.ids, old.context,
                key);
        byToken.put(entry.token, entry);
        byKey.compute(key, (k, entries) -> {
            Map<String, Entry> m = entries == null ? new ConcurrentHashMap<>() : entries;
            m.put(entry.token, entry);
            return m;
        });
        return entry;
    }

    public Entry get(String token) {
        return token == null ? null : byToken.get(token);
    }

    public Entry remove(String token) {
        Entry entry = token == null ? null : byToken.remove(token);
        if (entry != null) {
            byKey.computeIfPresent(entry.key, (k, entries) -> {
                entries.remove(token);
                return entries.isEmpty() ? null : entries;
            });
        }
        return entry;
    }

    /**
     * The single (not composite) observations of exactly that path on that endpoint, of any of its
     * registrations. Walks every observation: for cancelling by path, which is rare.
     */
    public List<Entry> ofPath(String endpoint, LwM2mPath path) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : byToken.values()) {
            if (!e.composite && e.endpoint.equals(endpoint) && e.paths.size() == 1 && e.paths.get(0).equals(path)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Every observation of an endpoint, in no particular order. Walks every observation: for the API. */
    public List<Entry> ofEndpoint(String endpoint) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : byToken.values()) {
            if (e.endpoint.equals(endpoint)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The script observations that share one Leshan observation. */
    public List<Entry> sharing(String key) {
        Map<String, Entry> entries = byKey.get(key);
        return entries == null ? List.of() : new ArrayList<>(entries.values());
    }

    /** Forgets every observation sharing that key; returns them. */
    public List<Entry> removeKey(String key) {
        List<Entry> removed = new ArrayList<>();
        Map<String, Entry> entries = byKey.remove(key);
        if (entries != null) {
            for (Entry e : entries.values()) {
                if (byToken.remove(e.token, e)) {
                    removed.add(e);
                }
            }
        }
        return removed;
    }

    /** Forgets every observation of a registration (it ended or was replaced). */
    public List<Entry> removeRegistration(String registrationId) {
        List<Entry> removed = new ArrayList<>();
        for (String key : new ArrayList<>(byKey.keySet())) {
            if (key.startsWith(registrationId + "|")) {
                removed.addAll(removeKey(key));
            }
        }
        return removed;
    }

    public int size() {
        return byToken.size();
    }

    /** What Leshan tells observations apart by: registration, single or composite, and the paths. */
    public static String key(String registrationId, List<LwM2mPath> paths, boolean composite) {
        return registrationId + (composite ? "|c|" : "|s|")
                + paths.stream().map(LwM2mPath::toString).collect(Collectors.joining(","));
    }

    /** The key of the Leshan observation, as {@link Entry#key()} holds it. */
    static String keyOf(Observation o) {
        if (o instanceof CompositeObservation c) {
            return key(o.getRegistrationId(), c.getPaths(), true);
        }
        return key(o.getRegistrationId(), List.of(((SingleObservation) o).getPath()), false);
    }
}
