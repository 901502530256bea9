package io.lwm2mbridge.objects;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The keys of one object and its resources in each {@link IdFormat}, and the way back from a key to
 * a resource id; immutable, built once per definition (the {@link ObjectRegistry} caches them).
 *
 * <p>In {@link IdFormat#STRINGS} two resources whose names normalise alike are told apart by id: the
 * lower id keeps the plain name, each later one becomes {@code name_<id>} (as does a name that equals
 * another resource's combined key, so every key leads back to one id). A name that normalises to
 * nothing (or to digits only) is replaced by the id. {@link IdFormat#COMBINED} is always
 * {@code name_id} and so never collides. Resource ids the definition does not know are written as
 * numbers in every format.
 */
public final class NameTable {

    private final int objectId;
    private final String objectStrings;
    private final String objectCombined;
    private final Map<Integer, String> stringsKeys;
    private final Map<Integer, String> combinedKeys;
    private final Map<String, Integer> reverse;

    private NameTable(int objectId, String objectStrings, String objectCombined,
            Map<Integer, String> stringsKeys, Map<Integer, String> combinedKeys) {
        this.objectId = objectId;
        this.objectStrings = objectStrings;
        this.objectCombined = objectCombined;
        this.stringsKeys = Map.copyOf(stringsKeys);
        this.combinedKeys = Map.copyOf(combinedKeys);
        Map<String, Integer> back = new HashMap<>();
        // Names.stringsKeys keeps strings keys apart from other ids' combined keys, so no key is lost here
        stringsKeys.forEach((id, key) -> back.put(key, id));
        combinedKeys.forEach((id, key) -> back.putIfAbsent(key, id));
        this.reverse = Map.copyOf(back);
    }

    /** The table for a definition on its own, its object keys coming from its own name. */
    public static NameTable of(ObjectDefinition definition) {
        String objectName = Names.normalize(definition.name());
        String strings = Names.usable(objectName) ? objectName : Integer.toString(definition.id());
        return of(definition, strings, Names.combinedKey(objectName, definition.id()));
    }

    /**
     * The table for a definition whose object keys the registry has already resolved against other
     * objects, so every version of one object id gets the same object keys.
     */
    static NameTable of(ObjectDefinition definition, String objectStringsKey, String objectCombinedKey) {
        TreeMap<Integer, String> normalized = new TreeMap<>();
        definition.resources().forEach(r -> normalized.put(r.id(), Names.normalize(r.name())));
        Map<Integer, String> combined = new HashMap<>();
        normalized.forEach((id, name) -> combined.put(id, Names.combinedKey(name, id)));
        return new NameTable(definition.id(), objectStringsKey, objectCombinedKey,
                Names.stringsKeys(normalized), combined);
    }

    /** The table for an object with no definition: numbers in every format. */
    public static NameTable unknown(int objectId) {
        String id = Integer.toString(objectId);
        return new NameTable(objectId, id, id, Map.of(), Map.of());
    }

    public int objectId() {
        return objectId;
    }

    /** The object's key: "3", "device" or "device_3". */
    public String objectKey(IdFormat format) {
        return switch (format) {
            case NUMBERS -> Integer.toString(objectId);
            case STRINGS -> objectStrings;
            case COMBINED -> objectCombined;
        };
    }

    /** A resource's key: "0", "manufacturer" or "manufacturer_0"; the number for an unknown id. */
    public String resourceKey(int resourceId, IdFormat format) {
        String key = switch (format) {
            case NUMBERS -> null;
            case STRINGS -> stringsKeys.get(resourceId);
            case COMBINED -> combinedKeys.get(resourceId);
        };
        return key != null ? key : Integer.toString(resourceId);
    }

    /**
     * The resource id a key in any of the three formats stands for. A decimal key is always an id, even
     * one the definition does not list, since the {@code numbers} format must work for every resource.
     */
    public Optional<Integer> resourceId(String key) {
        if (key == null) {
            return Optional.empty();
        }
        Optional<Integer> number = parseId(key);
        return number.isPresent() ? number : Optional.ofNullable(reverse.get(key));
    }

    /** A decimal id in 0..65535, or empty. */
    static Optional<Integer> parseId(String key) {
        if (key.isEmpty() || key.length() > 5 || !key.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int id = Integer.parseInt(key);
        return id <= ObjectDefinition.MAX_ID ? Optional.of(id) : Optional.empty();
    }

    @Override
    public String toString() {
        return "NameTable[" + objectCombined + "]";
    }
}
