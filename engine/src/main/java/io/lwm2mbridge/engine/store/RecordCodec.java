package io.lwm2mbridge.engine.store;

import java.util.Map;
import java.util.function.Function;

/**
 * How one kind of record is kept in a {@link KeyValueStore}: as the JSON object it was always stored as, so
 * that a data folder written by an earlier version loads unchanged. The codec is the only place where a
 * record is a map; everything past it works with the record's own type.
 *
 * @param <T> the record type
 */
public interface RecordCodec<T> {

    /** The JSON object to store: the same field names the stored data has always had. */
    Map<String, Object> encode(T record);

    /**
     * The record from a stored JSON object; fields it does not know are kept where the type has room for them.
     * Null when the object is another kind of record (two kinds sharing one map): it is then absent.
     */
    T decode(Map<String, Object> stored);

    /** A codec from the record type's own two conversions. */
    static <T> RecordCodec<T> of(Function<T, Map<String, Object>> encode, Function<Map<String, Object>, T> decode) {
        return new RecordCodec<>() {
            @Override
            public Map<String, Object> encode(T record) {
                return encode.apply(record);
            }

            @Override
            public T decode(Map<String, Object> stored) {
                return decode.apply(stored);
            }
        };
    }
}
