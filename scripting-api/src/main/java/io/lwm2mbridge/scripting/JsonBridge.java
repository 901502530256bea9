package io.lwm2mbridge.scripting;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values cross between scripts and host functions as JSON text: plain, copy-on-cross, and with no
 * host object ever reaching a script. Bytes travel as {@code {"__bytes__": "<hex>"}} so that
 * {@code convert.hexToBin} results survive the trip as {@code Uint8Array} on the script side and
 * {@code byte[]} on the Java side.
 */
public final class JsonBridge {

    static final String BYTES_KEY = "__bytes__";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(byte[].class, new BytesSerializer()));

    private static final JavaType ARGS = MAPPER.getTypeFactory().constructCollectionType(List.class, Object.class);

    private JsonBridge() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Java value (maps, lists, scalars, byte arrays, records) to JSON text. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be given to a script: " + e.getOriginalMessage(), e);
        }
    }

    /** JSON text to plain Java values, tagged bytes turned back into {@code byte[]}. */
    public static Object fromJson(String json) {
        try {
            return untag(MAPPER.readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A host call's arguments, sent by the prelude as one JSON array, as Java values. */
    public static List<Object> argsFromJson(String json) {
        try {
            List<Object> raw = MAPPER.readValue(json, ARGS);
            List<Object> out = new ArrayList<>(raw.size());
            for (Object o : raw) {
                out.add(untag(o));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("arguments are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object untag(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get(BYTES_KEY) instanceof String hex) {
                return HexFormat.of().parseHex(hex);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, untag(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(untag(o));
            }
            return out;
        }
        return value;
    }

    private static final class BytesSerializer extends JsonSerializer<byte[]> {
        @Override
        public void serialize(byte[] value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeStartObject();
            gen.writeStringField(BYTES_KEY, HexFormat.of().formatHex(value));
            gen.writeEndObject();
        }
    }
}
