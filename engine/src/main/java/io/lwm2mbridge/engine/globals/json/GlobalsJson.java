package io.lwm2mbridge.engine.globals.json;

import io.lwm2mbridge.engine.globals.GlobalChange;
import io.lwm2mbridge.engine.globals.GlobalValue;
import io.lwm2mbridge.engine.globals.GlobalValues;
import io.lwm2mbridge.engine.store.RecordCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Global values as JSON: the stored form {@code {value, secret}}, the API's view {@code {name, value, secret}}
 * (a secret's value left out), and the changes of a {@code PUT /globals} body.
 */
public final class GlobalsJson {

    /** The stored form of one value, unchanged since the first version. */
    public static final RecordCodec<GlobalValue> CODEC = RecordCodec.of(GlobalsJson::stored,
            m -> new GlobalValue(m.get("value"), Boolean.TRUE.equals(m.get("secret"))));

    private GlobalsJson() {}

    /** Every value as the API shows it: {@code {name, value, secret}}, a secret's value null. */
    public static List<Map<String, Object>> view(Map<String, GlobalValue> values) {
        return values.entrySet().stream().map(e -> view(e.getKey(), e.getValue())).toList();
    }

    /**
     * The changes a body asks for by name: {@code {value, secret}} sets one (a secret sent without
     * {@code value} keeps its stored value), null removes it.
     *
     * @throws IllegalArgumentException naming the entry that is wrong
     */
    public static List<GlobalChange> changes(Map<String, Object> body) {
        List<GlobalChange> out = new ArrayList<>();
        for (Map.Entry<String, Object> c : body.entrySet()) {
            String name = c.getKey();
            GlobalValues.checkName(name);
            if (c.getValue() == null) {
                out.add(new GlobalChange.Remove(name));
                continue;
            }
            if (!(c.getValue() instanceof Map<?, ?> entry)) {
                throw new IllegalArgumentException(name + " must be {\"value\": ..., \"secret\": true|false} or null");
            }
            for (Object field : entry.keySet()) {
                if (!"value".equals(field) && !"secret".equals(field)) {
                    throw new IllegalArgumentException(name + ": unknown field '" + field + "' (expected value, secret)");
                }
            }
            Object secret = entry.get("secret");
            if (secret != null && !(secret instanceof Boolean)) {
                throw new IllegalArgumentException(name + ".secret must be true or false");
            }
            out.add(new GlobalChange.Put(name, entry.containsKey("value"), entry.get("value"), (Boolean) secret));
        }
        return out;
    }

    private static Map<String, Object> stored(GlobalValue value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", value.value());
        m.put("secret", value.secret());
        return m;
    }

    private static Map<String, Object> view(String name, GlobalValue stored) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("value", stored.secret() ? null : stored.value());
        v.put("secret", stored.secret());
        return v;
    }
}
