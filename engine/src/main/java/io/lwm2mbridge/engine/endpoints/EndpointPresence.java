package io.lwm2mbridge.engine.endpoints;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * "Heard from" and the {@code lwm2m-missing} check: when each endpoint was last heard from, kept in
 * {@link Presence} (loaded from the records on first use) so hearing from a device writes no record.
 */
public final class EndpointPresence {

    private final EndpointRecords records;
    private final Clock clock;
    private final Presence presence = new Presence();
    private volatile boolean loaded;

    EndpointPresence(EndpointRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    Presence states() {
        if (!loaded) {
            synchronized (presence) {
                if (!loaded) {
                    records.forEach((key, r) -> presence.load(key, r.lastSeen(), r.missingLimit(),
                            r.missingDeclaredFor()));
                    loaded = true;
                }
            }
        }
        return presence;
    }

    /**
     * Notes that the endpoint was just heard from (a message, a response, a notification). Cheap and
     * safe on protocol threads: it writes no record (a registration keeps the stored {@code lastSeen}).
     */
    public void touch(String key) {
        if (key != null) {
            states().heard(key, clock.instant());
        }
    }

    /** When the endpoint was last heard from, or empty when never. */
    public Optional<Instant> lastSeen(String key) {
        return Optional.ofNullable(states().lastSeen(key));
    }

    /**
     * The endpoints silent for longer than their {@code timeBeforeMissing} (else {@code defaultLimit};
     * zero: never), each returned once per silence. The declaration is kept in the record so that a
     * restart does not repeat it.
     */
    public List<MissingEndpoint> declareMissing(Instant now, Duration defaultLimit) {
        synchronized (records) {
            List<MissingEndpoint> missing = states().declare(now, defaultLimit);
            for (MissingEndpoint m : missing) {
                records.get(m.key()).ifPresent(r -> records.save(r.withMissingDeclaredFor(m.lastSeen())));
            }
            return missing;
        }
    }
}
