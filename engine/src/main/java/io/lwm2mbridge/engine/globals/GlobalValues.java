package io.lwm2mbridge.engine.globals;

import io.lwm2mbridge.engine.store.KeyValueStore;
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

    private final KeyValueStore store;
    private final Runnable commit;
    private volatile Map<String, Object> snapshot;

    public GlobalValues(KeyValueStore store, Runnable commit) {
        this.store = store;
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
        Map<String, Map<String, Object>> current = entries();
        Map<String, Map<String, Object>> checked = new LinkedHashMap<>();
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
            Map<String, Object> old = current.get(name);
            boolean isSecret = secret != null ? (Boolean) secret : old != null && Boolean.TRUE.equals(old.get("secret"));
            Object value;
            if (entry.containsKey("value")) {
                value = entry.get("value");
            } else if (old != null) {
                value = old.get("value");
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            Map<String, Object> stored = new LinkedHashMap<>();
            stored.put("value", value);
            stored.put("secret", isSecret);
            checked.put(name, stored);
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

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> entries() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        store.forEach((name, v) -> {
            if (v instanceof Map<?, ?> m) {
                out.put(name, (Map<String, Object>) m);
            }
        });
        return out;
    }

    private static Map<String, Object> view(String name, Map<String, Object> stored) {
        boolean secret = Boolean.TRUE.equals(stored.get("secret"));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("value", secret ? null : stored.get("value"));
        v.put("secret", secret);
        return v;
    }

    private void rebuild() {
        Map<String, Object> values = new LinkedHashMap<>();
        entries().forEach((name, stored) -> values.put(name, stored.get("value")));
        snapshot = Collections.unmodifiableMap(values);
    }
}
