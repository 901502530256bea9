package io.lwm2mbridge.engine.endpoints;

import io.lwm2mbridge.engine.events.EndpointRef;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What registrations do to the records: a registration creates the record if needed and marks it
 * connected, a deregistration marks it disconnected. A record a registration created stays
 * "unprovisioned" until the operator takes it over; those are counted and expired here, since any client
 * that reaches the server can make one.
 */
public final class EndpointRegistrations {

    private final EndpointRecords records;
    private final EndpointPresence presence;
    private final Unprovisioned unprovisioned;
    private final EndpointCredentials credentials;
    private final EndpointProvisioning provisioning;
    private final Clock clock;

    EndpointRegistrations(EndpointRecords records, EndpointPresence presence, Unprovisioned unprovisioned,
            EndpointCredentials credentials, EndpointProvisioning provisioning, Clock clock) {
        this.records = records;
        this.presence = presence;
        this.unprovisioned = unprovisioned;
        this.credentials = credentials;
        this.provisioning = provisioning;
        this.clock = clock;
    }

    /**
     * Records a registration or update: creates the record if needed (marked {@code origin:
     * "registration"} and counted as unprovisioned while it has no credentials), marks it connected.
     */
    public EndpointRef registered(String key, Map<String, Object> registration) {
        synchronized (records) {
            EndpointRecord r = records.get(key).orElseGet(() -> {
                EndpointRecord fresh = records.fresh(key);
                if (credentials.all(key).isEmpty()) {
                    unprovisioned.add(key);
                    return fresh.withCreatedByRegistration(true);
                }
                return fresh;
            });
            Instant now = clock.instant();
            EndpointRef ref = records.save(r.registered(registration, now));
            presence.states().heard(key, now);
            return ref;
        }
    }

    public EndpointRef deregistered(String key) {
        synchronized (records) {
            return records.save(records.get(key).orElseGet(() -> records.fresh(key)).disconnected());
        }
    }

    /** After a restart no registration is known until devices come back. */
    public void markAllDisconnected() {
        synchronized (records) {
            records.forEach((key, r) -> {
                if (r.connected()) {
                    records.save(r.disconnected());
                }
            });
        }
    }

    /**
     * How many records registrations created that no operator took over (no credentials, no change over
     * the API; script changes such as tags do not count as taking over). Lock-free.
     */
    public int unprovisionedCount() {
        return unprovisioned.count();
    }

    /**
     * Deletes the records registrations created and nobody took over, of endpoints not registered now
     * and not heard from since {@code notSeenSince}, as {@link EndpointProvisioning#delete} does. Records
     * written before records had an {@code origin} are never expired: nothing tells who made them. Reads only
     * the records of endpoints not heard from lately, and takes the records' lock one record at a time, so a
     * sweep over many records never holds up registrations.
     *
     * @return the keys deleted
     */
    public List<String> expireUnprovisioned(Instant notSeenSince) {
        List<String> expired = new ArrayList<>();
        for (String key : unprovisioned.snapshot()) {
            Instant heard = presence.states().lastSeen(key);
            if (heard != null && !heard.isBefore(notSeenSince)) {
                continue; // heard from lately: no record to read, no lock to take
            }
            synchronized (records) {
                EndpointRecord r = records.get(key).orElse(null);
                if (r == null) {
                    unprovisioned.remove(key);
                    continue;
                }
                Instant seen = presence.states().lastSeen(key);
                if (seen == null) {
                    seen = r.lastSeen();
                }
                if (seen == null) {
                    seen = r.created();
                }
                if (!r.connected() && r.createdByRegistration() && seen != null && seen.isBefore(notSeenSince)) {
                    provisioning.delete(key);
                    expired.add(key);
                }
            }
        }
        return expired;
    }
}
