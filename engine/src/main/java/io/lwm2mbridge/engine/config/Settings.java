package io.lwm2mbridge.engine.config;

import io.lwm2mbridge.engine.store.KeyValueStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The settings operators tune while the server runs ({@code /api/v1/settings}). Values are kept in
 * the store, so they survive a restart; reads are lock-free and listeners hear about every change.
 */
public final class Settings {

    public static final Setting SCRIPT_CPU_BUDGET_MS = Setting.integer("script_cpu_budget_ms",
            "CPU time one trigger run may spend executing script code; waiting for devices does not count",
            5000, "ms", 10, 600_000);
    public static final Setting SCRIPT_WALL_CLOCK_LIMIT_S = Setting.integer("script_wall_clock_limit_s",
            "total time one trigger run may take, waits for devices and other triggers included",
            120, "s", 1, 3600);
    public static final Setting TRANSLATE_IDS = Setting.choice("translateIds",
            "key format of object trees in events and results when a call does not choose one",
            "combined", List.of("combined", "strings", "numbers"));
    public static final Setting DEVICE_TIMEOUT_S = Setting.integer("device_timeout_s",
            "how long a request to a device waits for its answer when the call gives no timeout",
            30, "s", 1, 3600);
    public static final Setting EVENTS_KEPT = Setting.integer("events_kept",
            "how many recent events GET /events can return; older ones are dropped", 10_000, null, 100, 10_000_000);
    public static final Setting LOGS_KEPT = Setting.integer("logs_kept",
            "how many recent script log entries and trigger errors are kept", 10_000, null, 100, 10_000_000);

    public static final List<Setting> ALL = List.of(
            SCRIPT_CPU_BUDGET_MS, SCRIPT_WALL_CLOCK_LIMIT_S, TRANSLATE_IDS, DEVICE_TIMEOUT_S, EVENTS_KEPT, LOGS_KEPT);

    private final KeyValueStore store;
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final List<Consumer<Settings>> listeners = new CopyOnWriteArrayList<>();

    public Settings(KeyValueStore store) {
        this.store = store;
        for (Setting s : ALL) {
            Object stored = store.get(s.name());
            Object value = s.defaultValue();
            if (stored != null) {
                try {
                    value = s.coerce(stored);
                } catch (IllegalArgumentException e) {
                    // a value from an older version that no longer fits: keep the default
                }
            }
            values.put(s.name(), value);
        }
    }

    public long integer(Setting s) {
        return ((Number) values.get(s.name())).longValue();
    }

    public String string(Setting s) {
        return String.valueOf(values.get(s.name()));
    }

    public boolean bool(Setting s) {
        return (Boolean) values.get(s.name());
    }

    /** Every setting with its current value, in declaration order. */
    public Map<String, Object> all() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Setting s : ALL) {
            out.put(s.name(), values.get(s.name()));
        }
        return out;
    }

    /**
     * Applies several changes at once: all are checked first, so a bad value changes nothing.
     *
     * @throws IllegalArgumentException naming the unknown setting or the value that does not fit
     */
    public void update(Map<String, Object> changes) {
        Map<String, Object> checked = new LinkedHashMap<>();
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            Setting s = find(change.getKey());
            checked.put(s.name(), s.coerce(change.getValue()));
        }
        checked.forEach((name, value) -> {
            values.put(name, value);
            store.put(name, value);
        });
        listeners.forEach(l -> l.accept(this));
    }

    /** Called on the thread that changed a setting, after the change. */
    public void addListener(Consumer<Settings> listener) {
        listeners.add(listener);
    }

    private static Setting find(String name) {
        for (Setting s : ALL) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown setting '" + name + "'");
    }
}
