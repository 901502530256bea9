package io.lwm2mbridge.engine.endpoints;

import io.lwm2mbridge.engine.store.RecordStore;
import java.time.Clock;
import java.util.Map;

/**
 * The endpoint parts, built together over one store of records since they share it (and its lock): the
 * records themselves, credentials, presence, registrations, the operator's changes, search, tags and script
 * storage. Callers reach the part they use through it.
 */
public record Endpoints(EndpointRecords records, EndpointCredentials credentials, EndpointPresence presence,
        EndpointRegistrations registrations, EndpointProvisioning provisioning, EndpointSearch search,
        EndpointTags tags, EndpointScriptStorage storage) {

    /**
     * @param records the endpoint records, in their stored form ({@code endpoints.json.EndpointRecordCodec})
     * @param credentials PSKs and thumbprints by slot, kept apart from the records the API returns
     *     ({@code endpoints.json.CredentialsCodec})
     */
    public static Endpoints open(RecordStore<EndpointRecord> records,
            RecordStore<Map<Credentials.Slot, Credentials>> credentials, Clock clock) {
        EndpointRecords recordStore = new EndpointRecords(records, clock);
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

    /** Whether a name can be an endpoint key the API addresses: 1 to 255 characters, no '/', '\\', spaces, '?', '#', '%'. */
    public static boolean isValidKey(String key) {
        return EndpointFields.isKey(key);
    }
}
