package io.lwm2mbridge.engine.store;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * A named map of JSON-like values ({@code Map}, {@code List}, scalars) that survives a restart.
 * Safe for concurrent use; iteration is in key order.
 */
public interface KeyValueStore {

    Object get(String key);

    /** Whether a value is stored under the key; cheaper than {@link #get} where values are decoded. */
    default boolean contains(String key) {
        return get(key) != null;
    }

    void put(String key, Object value);

    boolean remove(String key);

    List<String> keys();

    void forEach(BiConsumer<String, Object> action);

    int size();
}
