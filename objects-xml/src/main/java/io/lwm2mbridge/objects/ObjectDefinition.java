package io.lwm2mbridge.objects;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of an LwM2M object definition (a DDF {@code <Object>}); resources are sorted by id and
 * immutable, absent texts are empty strings and absent versions "1.0".
 *
 * @param version the ObjectVersion, "1.0" when the DDF has none
 * @param lwm2mVersion the LWM2MVersion the object was written for, "1.0" when the DDF has none
 * @param urn the ObjectURN, empty when the DDF has none
 * @param multiple {@code true} when the object may have several instances
 */
public record ObjectDefinition(
        int id,
        String name,
        String description,
        String version,
        String lwm2mVersion,
        String urn,
        boolean multiple,
        boolean mandatory,
        List<ResourceDefinition> resources) {

    /** The largest object or resource id, the 16-bit limit of LwM2M paths. */
    public static final int MAX_ID = 65535;

    /** The version a DDF without ObjectVersion or LWM2MVersion stands for. */
    public static final String DEFAULT_VERSION = "1.0";

    public ObjectDefinition {
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException("object id " + id + " is not in 0..65535");
        }
        Objects.requireNonNull(name, "name");
        description = Objects.requireNonNullElse(description, "");
        version = version == null || version.isBlank() ? DEFAULT_VERSION : version;
        lwm2mVersion = lwm2mVersion == null || lwm2mVersion.isBlank() ? DEFAULT_VERSION : lwm2mVersion;
        urn = Objects.requireNonNullElse(urn, "");
        List<ResourceDefinition> sorted = new ArrayList<>(Objects.requireNonNullElse(resources, List.of()));
        sorted.sort(Comparator.comparingInt(ResourceDefinition::id));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).id() == sorted.get(i - 1).id()) {
                throw new IllegalArgumentException(
                        "object " + id + ": duplicate resource id " + sorted.get(i).id());
            }
        }
        resources = List.copyOf(sorted);
    }

    /** The resource with that id, found by binary search over the sorted list. */
    public Optional<ResourceDefinition> resource(int resourceId) {
        int low = 0;
        int high = resources.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int midId = resources.get(mid).id();
            if (midId < resourceId) {
                low = mid + 1;
            } else if (midId > resourceId) {
                high = mid - 1;
            } else {
                return Optional.of(resources.get(mid));
            }
        }
        return Optional.empty();
    }
}
