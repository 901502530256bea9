package io.lwm2mbridge.engine.endpoints;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each endpoint was last heard from, kept in memory so that hearing from a device (on protocol
 * threads, often) costs no store write, and so the "missing" check scans no records. A silence is
 * declared missing once: hearing from the device again re-arms it.
 */
final class Presence {

    /**
     * @param lastSeen when the endpoint was last heard from
     * @param limit its own time before declared missing, or null for the server default
     * @param declaredFor the {@code lastSeen} a missing event was already fired for, or null
     */
    record State(Instant lastSeen, Duration limit, Instant declaredFor) {}

    private final Map<String, State> states = new ConcurrentHashMap<>();

    void load(String endpoint, Instant lastSeen, Duration limit, Instant declaredFor) {
        states.put(endpoint, new State(lastSeen, limit, declaredFor));
    }

    void heard(String endpoint, Instant when) {
        states.compute(endpoint, (k, s) -> s == null ? new State(when, null, null)
                : new State(s.lastSeen() == null || when.isAfter(s.lastSeen()) ? when : s.lastSeen(), s.limit(),
                        s.declaredFor()));
    }

    void limit(String endpoint, Duration limit) {
        states.compute(endpoint, (k, s) -> s == null ? new State(null, limit, null)
                : new State(s.lastSeen(), limit, s.declaredFor()));
    }

    void forget(String endpoint) {
        states.remove(endpoint);
    }

    Instant lastSeen(String endpoint) {
        State s = states.get(endpoint);
        return s == null ? null : s.lastSeen();
    }

    /**
     * Marks and returns the endpoints silent for longer than their limit and not yet declared for
     * this silence. A zero limit never declares.
     */
    List<MissingEndpoint> declare(Instant now, Duration defaultLimit) {
        List<MissingEndpoint> out = new ArrayList<>();
        for (Map.Entry<String, State> e : states.entrySet()) {
            State s = e.getValue();
            Duration limit = s.limit() != null ? s.limit() : defaultLimit;
            if (s.lastSeen() == null || limit.isZero() || s.lastSeen().equals(s.declaredFor())) {
                continue;
            }
            if (!now.isBefore(s.lastSeen().plus(limit))) {
                State declared = new State(s.lastSeen(), s.limit(), s.lastSeen());
                // only if nothing was heard meanwhile: a device heard just now is not missing
                if (states.replace(e.getKey(), s, declared)) {
                    out.add(new MissingEndpoint(e.getKey(), s.lastSeen()));
                }
            }
        }
        return out;
    }
}
