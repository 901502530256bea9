package io.lwm2mbridge.engine.security;

import io.lwm2mbridge.engine.triggers.RunLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where refused handshakes, registrations and bootstraps are written for the operator: a {@code warn}
 * entry in the run log ({@code GET /api/v1/logs?level=warn}) with the endpoint, and the server log. A
 * device that retries in a loop is recorded once per {@link #REPEAT_AFTER} for the same reason. Entries
 * name identities, addresses and thumbprints, never keys. Safe on any thread.
 */
public final class SecurityLog {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityLog.class);
    static final Duration REPEAT_AFTER = Duration.ofSeconds(10);
    private static final int MAX_REMEMBERED = 10_000;

    private final RunLog runLog;
    private final Clock clock;
    private final Map<String, Instant> lastWritten = new ConcurrentHashMap<>();

    public SecurityLog(RunLog runLog, Clock clock) {
        this.runLog = runLog;
        this.clock = clock;
    }

    /**
     * Records a refusal.
     *
     * @param endpoint the endpoint it concerns, or null when it cannot be told (an unknown PSK identity)
     * @param what the kind of refusal ("dtls", "register", "bootstrap"), kept in the entry's data
     */
    public void refused(String endpoint, String what, String message, String remoteAddr) {
        Instant now = clock.instant();
        String key = endpoint + "|" + remoteAddr + "|" + message;
        Instant last = lastWritten.get(key);
        if (last != null && Duration.between(last, now).compareTo(REPEAT_AFTER) < 0) {
            return;
        }
        if (lastWritten.size() > MAX_REMEMBERED) {
            lastWritten.clear();
        }
        lastWritten.put(key, now);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("security", what);
        data.put("remoteAddr", remoteAddr);
        runLog.log("warn", null, endpoint, message, data);
        LOG.warn("{} refused ({}): {}", what, remoteAddr, message);
    }
}
