package io.lwm2mbridge.engine.globals;

import io.lwm2mbridge.engine.store.KeyValueStore;
import io.lwm2mbridge.engine.store.RecordCodec;
import io.lwm2mbridge.engine.store.RecordStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The values scripts read as {@code global.values.<name>}, kept in the store. Each has a name, a
 * JSON value and a {@code secret} flag: scripts see secret values like any other, the API never
 * returns them. Writes are serialised; {@link #forScripts()} is a lock-free snapshot.
 */
public final class GlobalValues {

    static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.-]{0,99}");

    private final RecordStore<GlobalValue> store;
    private final Runnable commit;
    private volatile Map<String, Object> snapshot;

    public GlobalValues(KeyValueStore store, Runnable commit) {
        this.store = new RecordStore<>(store, RecordCodec.of(GlobalValue::toStored, GlobalValue::fromStored));
        this.commit = commit;
        rebuild();
    }

    /** Name to value, secrets included: what {@code global.values} holds in a run. */
    public Map<String, Object> forScripts() {
        return snapshot;
    }

    /** Every value as the API shows it: {@code {name, value, secret}}, a secret's value left out (null). */
    public List<Map<String, Object>> forApi() {
        return entries().entrySet().stream().map(e -> view(e.getKey(), e.getValue())).toList();
    }

    /**
     * Applies changes by name, all checked before any is kept: {@code {value, secret}} sets one (a
     * secret sent without {@code value} keeps its stored value), null removes it; names not given stay.
     *
     * @throws IllegalArgumentException naming the entry that is wrong
     */
    public synchronized void update(Map<String, Object> changes) {
        Map<String, GlobalValue> current = entries();
        Map<String, GlobalValue> checked = new LinkedHashMap<>();
        for (Map.Entry<String, Object> c : changes.entrySet()) {
            String name = c.getKey();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a valid name: letters, digits, _ $ . -,"
                        + " starting with a letter, _ or $, at most 100 characters");
            }
            if (c.getValue() == null) {
                checked.put(name, null);
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
            GlobalValue old = current.get(name);
            boolean isSecret = secret != null ? (Boolean) secret : old != null && old.secret();
            Object value;
            if (entry.containsKey("value")) {
                value = entry.get("value");
            } else if (old != null) {
                value = old.value();
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            checked.put(name, new GlobalValue(value, isSecret));
        }
        checked.forEach((name, stored) -> {
            if (stored == null) {
                store.remove(name);
            } else {
                store.put(name, stored);
            }
        });
        commit.run();
        rebuild();
    }

    private Map<String, GlobalValue> entries() {
        Map<String, GlobalValue> out = new LinkedHashMap<>();
        store.forEach(out::put);
        return out;
    }

    private static Map<String, Object> view(String name, GlobalValue stored) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("value", stored.secret() ? null : stored.value());
        v.put("secret", stored.secret());
        return v;
    }

    private void rebuild() {
        Map<String, Object> values = new LinkedHashMap<>();
        entries().forEach((name, stored) -> values.put(name, stored.value()));
        snapshot = Collections.unmodifiableMap(values);
    }
}
