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

    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.-]{0,99}");

    private final RecordStore<GlobalValue> store;
    private final Runnable commit;
    private volatile Map<String, Object> snapshot;

    /** @param codec the stored form of one value ({@code {value, secret}}) */
    public GlobalValues(KeyValueStore store, RecordCodec<GlobalValue> codec, Runnable commit) {
        this.store = new RecordStore<>(store, codec);
        this.commit = commit;
        rebuild();
    }

    /** Name to value, secrets included: what {@code global.values} holds in a run. */
    public Map<String, Object> forScripts() {
        return snapshot;
    }

    /** Every value by name, in stored order, secrets included. */
    public Map<String, GlobalValue> values() {
        Map<String, GlobalValue> out = new LinkedHashMap<>();
        store.forEach(out::put);
        return out;
    }

    /** @throws IllegalArgumentException when {@code name} is not a valid global name */
    public static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid name: letters, digits, _ $ . -,"
                    + " starting with a letter, _ or $, at most 100 characters");
        }
    }

    /**
     * Applies changes, all checked before any is kept; names not given stay.
     *
     * @throws IllegalArgumentException naming the entry that is wrong
     */
    public synchronized void update(List<GlobalChange> changes) {
        Map<String, GlobalValue> current = values();
        Map<String, GlobalValue> checked = new LinkedHashMap<>();
        for (GlobalChange change : changes) {
            String name = change.name();
            checkName(name);
            if (change instanceof GlobalChange.Put put) {
                GlobalValue old = current.get(name);
                boolean isSecret = put.secret() != null ? put.secret() : old != null && old.secret();
                if (!put.hasValue() && old == null) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                checked.put(name, new GlobalValue(put.hasValue() ? put.value() : old.value(), isSecret));
            } else {
                checked.put(name, null);
            }
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

    private void rebuild() {
        Map<String, Object> values = new LinkedHashMap<>();
        values().forEach((name, stored) -> values.put(name, stored.value()));
        snapshot = Collections.unmodifiableMap(values);
    }
}
