package io.lwm2mbridge.objects;

import java.util.Objects;

/**
 * One resource of an LwM2M object as its DDF describes it. Absent texts are empty strings, never null.
 *
 * @param id resource id, 0..65535
 * @param multiple {@code true} for a multiple-instance resource
 * @param rangeEnumeration the DDF RangeEnumeration text, e.g. "0..100"
 */
public record ResourceDefinition(
        int id,
        String name,
        Operations operations,
        boolean multiple,
        boolean mandatory,
        ResourceType type,
        String rangeEnumeration,
        String units,
        String description) {

    public ResourceDefinition {
        if (id < 0 || id > ObjectDefinition.MAX_ID) {
            throw new IllegalArgumentException("resource id " + id + " is not in 0..65535");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operations, "operations");
        Objects.requireNonNull(type, "type");
        rangeEnumeration = Objects.requireNonNullElse(rangeEnumeration, "");
        units = Objects.requireNonNullElse(units, "");
        description = Objects.requireNonNullElse(description, "");
    }
}
