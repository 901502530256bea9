package io.lwm2mbridge.engine.endpoints;

import static io.lwm2mbridge.engine.refusal.RefusedException.Reason.INVALID;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The operator's changes to endpoints ({@code POST}, {@code PUT}, {@code DELETE /endpoints}): fields are
 * checked by {@link EndpointFields}, credentials go to {@link EndpointCredentials}, and a record the
 * operator touched is no longer "unprovisioned".
 */
public final class EndpointProvisioning {

    private final List<Consumer<String>> deleteListeners = new CopyOnWriteArrayList<>();
    private final EndpointRecords records;
    private final EndpointCredentials credentials;
    private final EndpointPresence presence;
    private final Unprovisioned unprovisioned;

    EndpointProvisioning(EndpointRecords records, EndpointCredentials credentials, EndpointPresence presence,
            Unprovisioned unprovisioned) {
        this.records = records;
        this.credentials = credentials;
        this.presence = presence;
        this.unprovisioned = unprovisioned;
    }

    /**
     * Creates the record of an endpoint before it ever connects ({@code POST /endpoints}); its
     * {@code identity} and {@code psk} (hex) become its primary credentials, kept apart from the record.
     *
     * @param fields {@code endpoint} (required), {@code identity} and {@code psk} (both or neither),
     *     {@code x509Thumbprint}, {@code name}, {@code tags}, {@code statusDetails}, {@code timeBeforeMissing}
     * @return the record as saved
     * @throws EndpointException INVALID for a bad field, CONFLICT when the key or identity is taken
     */
    public EndpointRecord provision(Map<String, Object> fields) {
        String key = EndpointFields.key(fields.containsKey("endpoint") ? fields.get("endpoint") : fields.get("key"));
        synchronized (records) {
            if (records.exists(key)) {
                throw new EndpointException(EndpointException.Reason.CONFLICT, "endpoint '" + key
                        + "' already exists; change it with PUT /api/v1/endpoints/" + key);
            }
            Map<String, Object> changes = new LinkedHashMap<>(fields);
            changes.remove("endpoint");
            changes.remove("key");
            return apply(records.fresh(key), changes, true);
        }
    }

    /**
     * Changes the writable fields a PUT gives ({@code name}, {@code tags}, {@code statusDetails},
     * {@code timeBeforeMissing}, {@code identity} with {@code psk}); the server's own fields
     * ({@code status}, {@code registration}, ...) may be sent back as they were and are ignored.
     */
    public EndpointRecord change(String key, Map<String, Object> fields) {
        synchronized (records) {
            EndpointRecord r = records.require(key);
            Map<String, Object> changes = new LinkedHashMap<>(fields);
            changes.keySet().removeAll(EndpointFields.READ_ONLY);
            if (changes.containsKey("identity") && !changes.containsKey("psk")
                    && Objects.equals(changes.get("identity"), r.identity())) {
                changes.remove("identity"); // sent back unchanged from a GET
            }
            return apply(r, changes, false);
        }
    }

    /** Forgets an endpoint and its credentials; a device still registered gets a new record at its next update. */
    public boolean delete(String key) {
        synchronized (records) {
            boolean existed = records.erase(key);
            unprovisioned.remove(key);
            presence.states().forget(key);
            credentials.forget(key);
            deleteListeners.forEach(l -> l.accept(key));
            return existed;
        }
    }

    /**
     * Called, on the deleting thread and with the records' lock held (so keep it short), after an
     * endpoint was forgotten: other keepers of per-endpoint state (last-known values) drop theirs.
     */
    public void onDeleted(Consumer<String> listener) {
        deleteListeners.add(listener);
    }

    private EndpointRecord apply(EndpointRecord record, Map<String, Object> changes, boolean created) {
        String key = record.key();
        EndpointRecord r = unprovisioned.adopt(record); // the operator created or changed it
        for (String field : changes.keySet()) {
            if (!EndpointFields.WRITABLE.contains(field)) {
                throw new EndpointException(INVALID, "unknown field '" + field + "' (writable: "
                        + String.join(", ", EndpointFields.WRITABLE.stream().sorted().toList()) + ")");
            }
        }
        if (changes.containsKey("name")) {
            r = r.withName(EndpointFields.name(changes.get("name")));
        }
        if (changes.containsKey("tags")) {
            r = r.withTags(EndpointFields.tags(changes.get("tags"), "tags"));
        }
        if (changes.containsKey("statusDetails")) {
            r = r.withStatusDetails(EndpointFields.statusDetails(changes.get("statusDetails")));
        }
        if (changes.containsKey("timeBeforeMissing")) {
            r = r.withTimeBeforeMissing(EndpointFields.timeBeforeMissing(changes.get("timeBeforeMissing")));
        }
        boolean changesPrimary = changes.containsKey("identity") || changes.containsKey("psk")
                || changes.containsKey("x509Thumbprint");
        Credentials primary = changesPrimary ? primary(key, changes, created) : null;
        records.save(r);
        try {
            if (primary != null) {
                credentials.set(key, Credentials.Slot.PRIMARY, primary);
            } else if (changesPrimary) {
                credentials.clear(key, Credentials.Slot.PRIMARY);
            }
        } catch (IllegalArgumentException e) {
            if (created) {
                records.erase(key);
            }
            throw new EndpointException(EndpointException.Reason.CONFLICT, e.getMessage());
        }
        EndpointRecord saved = records.get(key).orElse(r);
        presence.states().limit(key, saved.missingLimit());
        return saved;
    }

    /** The primary credentials a change asks for (null: none); what it leaves out stays as it is. */
    private Credentials primary(String key, Map<String, Object> changes, boolean created) {
        // a new psk keeps the identity, a thumbprint keeps the PSK
        Credentials current = created ? null : credentials.get(key, Credentials.Slot.PRIMARY).orElse(null);
        Object identity = changes.containsKey("identity") ? changes.get("identity")
                : current == null ? null : current.identity();
        byte[] psk = changes.containsKey("psk")
                ? (changes.get("psk") == null ? null : HexFormat.of().parseHex(EndpointFields.psk(changes.get("psk"))))
                : current == null ? null : current.psk();
        Object thumbprint = changes.containsKey("x509Thumbprint") ? changes.get("x509Thumbprint")
                : current == null ? null : current.x509Thumbprint();
        if (identity == null && psk == null && thumbprint == null) {
            return null;
        }
        if ((identity == null) != (psk == null)) {
            throw new EndpointException(INVALID, "identity and psk go together: give both, or set both to null");
        }
        Credentials primary;
        try {
            primary = new Credentials(identity == null ? null : EndpointFields.identity(identity), psk,
                    thumbprint == null ? null : String.valueOf(thumbprint));
        } catch (IllegalArgumentException e) {
            throw new EndpointException(INVALID, e.getMessage());
        }
        Optional<String> owner = primary.hasPsk() ? credentials.endpointForIdentity(primary.identity()) : Optional.empty();
        if (owner.isPresent() && !owner.get().equals(key)) {
            throw new EndpointException(EndpointException.Reason.CONFLICT,
                    "identity '" + primary.identity() + "' is already used by endpoint '" + owner.get() + "'");
        }
        return primary;
    }
}
