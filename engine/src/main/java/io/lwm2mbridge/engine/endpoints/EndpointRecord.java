package io.lwm2mbridge.engine.endpoints;

import io.lwm2mbridge.engine.store.JsonValues;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the server keeps about one endpoint, under its key. Tags, status details, the registration and the
 * script storage are free JSON the operator, the device or scripts give, so they stay maps; everything the
 * server reads itself is typed. Immutable: a change makes a new record.
 *
 * @param identity the PSK identity shown (primary, else alternate); never the key
 * @param registration what the current registration said, or null when not registered
 * @param lastSeen when the last registration or update came, or null when never
 * @param createdByRegistration a registration created the record and no operator took it over (stored as
 *     {@code origin: "registration"})
 * @param timeBeforeMissing its own silence before declared missing, in seconds; null: the server default
 * @param missingDeclaredFor the {@code lastSeen} a missing event was already fired for, or null
 * @param storage values scripts keep with the endpoint, never shown
 * @param extra fields this version does not know, kept and shown as they were stored
 */
public record EndpointRecord(String key, String name, String identity, Map<String, Object> tags,
        Map<String, Object> statusDetails, boolean connected, Map<String, Object> registration, Instant created,
        Instant lastSeen, boolean createdByRegistration, Long timeBeforeMissing, Instant missingDeclaredFor,
        Map<String, Object> storage, Map<String, Object> extra) {

    /** The {@code status} of a record while its endpoint is registered. */
    public static final String CONNECTED = "connected";
    public static final String DISCONNECTED = "disconnected";
    /** The {@code origin} of a record a registration created, until adopted. */
    public static final String ORIGIN_REGISTRATION = "registration";
    /**
     * Fields never shown: PSKs and whatever key material a record may come to hold (they never leave the
     * server), and what the server keeps for its own use.
     */
    public static final Set<String> HIDDEN = Set.of("psk", "pskHex", "secretKey", "privateKey", "keys", "storage",
            "missingDeclaredFor");

    public EndpointRecord {
        tags = copy(tags);
        statusDetails = copy(statusDetails);
        registration = registration == null ? null : copy(registration);
        storage = copy(storage);
        extra = copy(extra);
    }

    /** An unmodifiable copy that keeps the order and the null values JSON may have. */
    private static Map<String, Object> copy(Map<String, Object> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /**
     * One field of the public view, by its JSON name, as searches read it: the same value the view holds
     * ({@code status} as {@code connected}/{@code disconnected}, times as ISO-8601 text, a field this version
     * does not know as stored), or null when the view has none or it is hidden.
     */
    public Object shown(String field) {
        return switch (field) {
            case "key" -> key;
            case "name" -> name;
            case "identity" -> identity;
            case "tags" -> tags;
            case "statusDetails" -> statusDetails;
            case "status" -> connected ? CONNECTED : DISCONNECTED;
            case "registration" -> registration;
            case "created" -> JsonValues.text(created);
            case "origin" -> createdByRegistration ? ORIGIN_REGISTRATION : null;
            case "lastSeen" -> JsonValues.text(lastSeen);
            case "timeBeforeMissing" -> timeBeforeMissing;
            default -> HIDDEN.contains(field) ? null : extra.get(field);
        };
    }

    /** A record no one has touched yet: named after its key, disconnected. */
    static EndpointRecord fresh(String key, Instant created) {
        return new EndpointRecord(key, key, null, Map.of(), Map.of(), false, null, created, null, false, null, null,
                Map.of(), Map.of());
    }

    /** Its own time before declared missing, or null for the server default. */
    Duration missingLimit() {
        return timeBeforeMissing == null ? null : Duration.ofSeconds(timeBeforeMissing);
    }

    EndpointRecord withIdentity(String identity) {
        return change(b -> b.identity = identity);
    }

    EndpointRecord withCreatedByRegistration(boolean byRegistration) {
        return change(b -> b.createdByRegistration = byRegistration);
    }

    EndpointRecord registered(Map<String, Object> registration, Instant now) {
        return change(b -> {
            b.connected = true;
            b.registration = registration;
            b.lastSeen = now;
        });
    }

    EndpointRecord disconnected() {
        return change(b -> {
            b.connected = false;
            b.registration = null;
        });
    }

    EndpointRecord withMissingDeclaredFor(Instant declaredFor) {
        return change(b -> b.missingDeclaredFor = declaredFor);
    }

    EndpointRecord withName(String name) {
        return change(b -> b.name = name);
    }

    EndpointRecord withTags(Map<String, Object> tags) {
        return change(b -> b.tags = tags);
    }

    EndpointRecord withStatusDetails(Map<String, Object> statusDetails) {
        return change(b -> b.statusDetails = statusDetails);
    }

    EndpointRecord withTimeBeforeMissing(Long seconds) {
        return change(b -> b.timeBeforeMissing = seconds);
    }

    EndpointRecord withStorage(Map<String, Object> storage) {
        return change(b -> b.storage = storage);
    }

    /** A copy with the changes the editor makes to its fields. */
    private EndpointRecord change(Consumer<Fields> editor) {
        Fields f = new Fields(this);
        editor.accept(f);
        return new EndpointRecord(key, f.name, f.identity, f.tags, f.statusDetails, f.connected, f.registration,
                created, f.lastSeen, f.createdByRegistration, f.timeBeforeMissing, f.missingDeclaredFor, f.storage,
                extra);
    }

    /** The changeable fields of a record, while a change is being made. */
    private static final class Fields {
        String name;
        String identity;
        Map<String, Object> tags;
        Map<String, Object> statusDetails;
        boolean connected;
        Map<String, Object> registration;
        Instant lastSeen;
        boolean createdByRegistration;
        Long timeBeforeMissing;
        Instant missingDeclaredFor;
        Map<String, Object> storage;

        Fields(EndpointRecord r) {
            name = r.name;
            identity = r.identity;
            tags = r.tags;
            statusDetails = r.statusDetails;
            connected = r.connected;
            registration = r.registration;
            lastSeen = r.lastSeen;
            createdByRegistration = r.createdByRegistration;
            timeBeforeMissing = r.timeBeforeMissing;
            missingDeclaredFor = r.missingDeclaredFor;
            storage = r.storage;
        }
    }
}
