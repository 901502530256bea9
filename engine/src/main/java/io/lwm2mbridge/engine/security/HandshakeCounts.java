package io.lwm2mbridge.engine.security;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * DTLS handshakes since start, per listener, by how they ended: completed, refused (a fatal alert: a
 * wrong key, a certificate turned down) or failed otherwise (a flight timed out, the peer went away).
 * Bumped on DTLS threads by {@link DtlsAudit}; read when {@code GET /metrics} is scraped.
 */
public final class HandshakeCounts {

    /** One listener's counts. */
    public static final class Listener {
        private final LongAdder completed = new LongAdder();
        private final LongAdder refused = new LongAdder();
        private final LongAdder failed = new LongAdder();

        public long completed() {
            return completed.sum();
        }

        public long refused() {
            return refused.sum();
        }

        public long failed() {
            return failed.sum();
        }
    }

    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();

    /**
     * The counts of the listener with that name ("LwM2M server"), kept under a label-friendly key
     * ({@code lwm2m_server}).
     */
    Listener listener(String name) {
        return listeners.computeIfAbsent(name.toLowerCase(Locale.ROOT).replace(' ', '_'), n -> new Listener());
    }

    /** Every listener built so far, by its key. */
    public Map<String, Listener> all() {
        return Map.copyOf(listeners);
    }

    static void completed(Listener l) {
        l.completed.increment();
    }

    static void refused(Listener l) {
        l.refused.increment();
    }

    static void failed(Listener l) {
        l.failed.increment();
    }
}
