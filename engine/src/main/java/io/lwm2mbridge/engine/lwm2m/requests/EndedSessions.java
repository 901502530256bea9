package io.lwm2mbridge.engine.lwm2m.requests;

import io.lwm2mbridge.engine.lwm2m.requests.ObservationRegistry.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.leshan.core.node.LwM2mPath;

/**
 * The script observations of registrations that just ended, by endpoint, kept until the endpoint's next
 * registration says whether it replaced the old one (then they are re-established on it) or not (then
 * they are forgotten). Safe on protocol threads.
 */
final class EndedSessions {

    private final Map<String, List<Entry>> byEndpoint = new ConcurrentHashMap<>();

    /** Keeps the entries of a registration that ended. */
    void keep(String endpoint, List<Entry> entries) {
        if (!entries.isEmpty()) {
            byEndpoint.computeIfAbsent(endpoint, k -> new CopyOnWriteArrayList<>()).addAll(entries);
        }
    }

    /** Takes (and forgets) the kept entries of the endpoint's ended registrations. */
    List<Entry> take(String endpoint) {
        List<Entry> kept = byEndpoint.remove(endpoint);
        return kept == null ? List.of() : kept;
    }

    /** Forgets the kept single observations of exactly {@code path}; returns their tokens. */
    List<String> takePath(String endpoint, LwM2mPath path) {
        List<String> tokens = new ArrayList<>();
        List<Entry> waiting = byEndpoint.get(endpoint);
        if (waiting != null) {
            for (Entry e : waiting) {
                if (!e.composite() && e.paths().equals(List.of(path)) && waiting.remove(e)) {
                    tokens.add(e.token());
                }
            }
        }
        return tokens;
    }
}
