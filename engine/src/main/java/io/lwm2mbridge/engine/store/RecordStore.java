package io.lwm2mbridge.engine.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * A {@link KeyValueStore} seen as records of one type, converted by a {@link RecordCodec}. Safe for
 * concurrent use as the underlying store is; iteration is in key order. A stored value that is not a JSON
 * object, or that the codec does not take as its kind, is treated as absent; {@link #contains} and
 * {@link #keys} still see it, since they speak for the key space.
 *
 * @param <T> the record type
 */
public final class RecordStore<T> {

    private final KeyValueStore store;
    private final RecordCodec<T> codec;

    public RecordStore(KeyValueStore store, RecordCodec<T> codec) {
        this.store = store;
        this.codec = codec;
    }

    public Optional<T> get(String key) {
        return Optional.ofNullable(decode(store.get(key)));
    }

    public boolean contains(String key) {
        return store.contains(key);
    }

    public void put(String key, T record) {
        store.put(key, codec.encode(record));
    }

    public boolean remove(String key) {
        return store.remove(key);
    }

    public List<String> keys() {
        return store.keys();
    }

    /** Visits every record in key order. */
    public void forEach(BiConsumer<String, T> action) {
        store.forEach((key, value) -> {
            T record = decode(value);
            if (record != null) {
                action.accept(key, record);
            }
        });
    }

    public int size() {
        return store.size();
    }

    private T decode(Object stored) {
        Map<String, Object> object = JsonValues.object(stored);
        return object == null ? null : codec.decode(object);
    }
}
