package io.lwm2mbridge.engine.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;

/**
 * A {@link KeyValueStore} that lives only in memory, for services built without the embedded store
 * (tests of one service). Like the real store it hands out copies, so a caller that changes a map it
 * put or got changes nothing stored until it puts again; the copy is one level deep.
 */
public final class MemoryKeyValueStore implements KeyValueStore {

    private final Map<String, Object> map = new ConcurrentSkipListMap<>();

    @Override
    public Object get(String key) {
        return copy(map.get(key));
    }

    @Override
    public void put(String key, Object value) {
        map.put(key, copy(value));
    }

    @Override
    public boolean remove(String key) {
        return map.remove(key) != null;
    }

    @Override
    public List<String> keys() {
        return List.copyOf(map.keySet());
    }

    @Override
    public void forEach(BiConsumer<String, Object> action) {
        map.forEach(action);
    }

    @Override
    public int size() {
        return map.size();
    }

    private static Object copy(Object value) {
        return value instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : value;
    }
}
