package io.lwm2mbridge.engine.endpoints;

import io.lwm2mbridge.engine.store.KeyValueStore;
import io.lwm2mbridge.engine.store.RecordCodec;
import io.lwm2mbridge.engine.store.RecordStore;
import java.time.Clock;

/**
 * The endpoint parts, built together over one store of records since they share it (and its lock): the
 * records themselves, credentials, presence, registrations, the operator's changes, search, tags and script
 * storage. Callers reach the part they use through it.
 */
public record Endpoints(EndpointRecords records, EndpointCredentials credentials, EndpointPresence presence,
        EndpointRegistrations registrations, EndpointProvisioning provisioning, EndpointSearch search,
        EndpointTags tags, EndpointScriptStorage storage) {

    /**
     * @param records where the endpoint records are kept
     * @param codec their stored form ({@code endpoints.json.EndpointRecordCodec})
     * @param credentials where PSKs and thumbprints are kept, apart from the records the API returns
     */
    public static Endpoints open(KeyValueStore records, RecordCodec<EndpointRecord> codec, KeyValueStore credentials,
            Clock clock) {
        EndpointRecords recordStore = new EndpointRecords(new RecordStore<>(records, codec), clock);
        Unprovisioned unprovisioned = new Unprovisioned(recordStore);
        EndpointCredentials creds = new EndpointCredentials(new CredentialStore(credentials), recordStore,
                unprovisioned);
        EndpointPresence presence = new EndpointPresence(recordStore, clock);
        EndpointProvisioning provisioning = new EndpointProvisioning(recordStore, creds, presence, unprovisioned);
        return new Endpoints(recordStore, creds, presence,
                new EndpointRegistrations(recordStore, presence, unprovisioned, creds, provisioning, clock),
                provisioning, new EndpointSearch(recordStore), new EndpointTags(recordStore),
                new EndpointScriptStorage(recordStore));
    }

    /** Credentials then live in memory only: for tests that do not need them to survive a restart. */
    public static Endpoints open(KeyValueStore records, RecordCodec<EndpointRecord> codec, Clock clock) {
        return open(records, codec, CredentialStore.inMemory(), clock);
    }

    /** Whether a name can be an endpoint key the API addresses: 1 to 255 characters, no '/', '\\', spaces, '?', '#', '%'. */
    public static boolean isValidKey(String key) {
        return EndpointFields.isKey(key);
    }
}
