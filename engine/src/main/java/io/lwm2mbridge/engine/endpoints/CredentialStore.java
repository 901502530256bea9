package io.lwm2mbridge.engine.endpoints;

import io.lwm2mbridge.engine.store.RecordStore;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoints' DTLS credentials, kept in their own store map so that no endpoint record (and so no API
 * answer built from one) ever carries a key. Keeps an index from PSK identity to endpoint, since every
 * DTLS handshake looks a key up by identity. Writes are serialised; reads are lock-free.
 */
final class CredentialStore {

    private final RecordStore<Map<Credentials.Slot, Credentials>> store;
    private final Map<String, String> endpointByIdentity = new ConcurrentHashMap<>();

    CredentialStore(RecordStore<Map<Credentials.Slot, Credentials>> store) {
        this.store = store;
        for (String endpoint : store.keys()) {
            all(endpoint).values().forEach(c -> {
                if (c.hasPsk()) {
                    endpointByIdentity.put(c.identity(), endpoint);
                }
            });
        }
    }

    Map<Credentials.Slot, Credentials> all(String endpoint) {
        Map<Credentials.Slot, Credentials> out = new EnumMap<>(Credentials.Slot.class);
        store.get(endpoint).ifPresent(out::putAll);
        return out;
    }

    Optional<String> endpointForIdentity(String identity) {
        return identity == null ? Optional.empty() : Optional.ofNullable(endpointByIdentity.get(identity));
    }

    /** @throws IllegalArgumentException when another endpoint already uses the PSK identity */
    synchronized void put(String endpoint, Credentials.Slot slot, Credentials credentials) {
        if (credentials.hasPsk()) {
            String owner = endpointByIdentity.get(credentials.identity());
            if (owner != null && !owner.equals(endpoint)) {
                throw new IllegalArgumentException("PSK identity '" + credentials.identity()
                        + "' already belongs to endpoint '" + owner + "'");
            }
            Credentials other = all(endpoint).get(slot == Credentials.Slot.PRIMARY
                    ? Credentials.Slot.ALTERNATE : Credentials.Slot.PRIMARY);
            if (other != null && credentials.identity().equals(other.identity())) {
                throw new IllegalArgumentException("PSK identity '" + credentials.identity()
                        + "' is already this endpoint's " + (slot == Credentials.Slot.PRIMARY ? "alternate" : "primary")
                        + " identity");
            }
        }
        Map<Credentials.Slot, Credentials> current = all(endpoint);
        Credentials old = current.put(slot, credentials);
        if (old != null && old.hasPsk()) {
            endpointByIdentity.remove(old.identity(), endpoint);
        }
        write(endpoint, current);
        if (credentials.hasPsk()) {
            endpointByIdentity.put(credentials.identity(), endpoint);
        }
    }

    /** Removes one slot, or every slot when {@code slot} is null. */
    synchronized void remove(String endpoint, Credentials.Slot slot) {
        Map<Credentials.Slot, Credentials> current = all(endpoint);
        for (Credentials.Slot s : Credentials.Slot.values()) {
            if (slot == null || slot == s) {
                Credentials old = current.remove(s);
                if (old != null && old.hasPsk()) {
                    endpointByIdentity.remove(old.identity(), endpoint);
                }
            }
        }
        write(endpoint, current);
    }

    private void write(String endpoint, Map<Credentials.Slot, Credentials> slots) {
        if (slots.isEmpty()) {
            store.remove(endpoint);
            return;
        }
        store.put(endpoint, slots);
    }
}
