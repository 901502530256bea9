package io.lwm2mbridge.engine.lwm2m.json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registration gate's counters at one moment: what {@code GET /api/v1/stats} shows under
 * {@code registrations}.
 *
 * @param current registrations held now
 * @param max the bound on them ({@code max_registrations})
 * @param unprovisionedRecords endpoint records nobody provisioned, held now
 * @param unprovisionedMax the bound on them ({@code max_unprovisioned_endpoints})
 * @param refusedFull Registers answered 5.03 because {@code max} registrations were held
 * @param refusedUnprovisioned Registers answered 5.03 because {@code unprovisionedMax} records were held
 * @param refusedParameters Registers and Updates answered 4.00 for their parameters
 * @param expiredRecords unprovisioned records deleted for not being seen
 */
public record RegistrationCounts(int current, long max, int unprovisionedRecords, long unprovisionedMax,
        long refusedFull, long refusedUnprovisioned, long refusedParameters, long expiredRecords) {

    /** The JSON object of the stats, in API.md's field order. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("current", current);
        m.put("max", max);
        m.put("unprovisionedRecords", unprovisionedRecords);
        m.put("unprovisionedMax", unprovisionedMax);
        m.put("refusedFull", refusedFull);
        m.put("refusedUnprovisioned", refusedUnprovisioned);
        m.put("refusedParameters", refusedParameters);
        m.put("expiredRecords", expiredRecords);
        return m;
    }
}
