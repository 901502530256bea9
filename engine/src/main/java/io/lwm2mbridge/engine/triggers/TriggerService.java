package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.refusal.RefusalDetails;
import io.lwm2mbridge.engine.store.KeyValueStore;
import io.lwm2mbridge.engine.store.RecordCodec;
import io.lwm2mbridge.engine.store.RecordStore;
import io.lwm2mbridge.scripting.ScriptProblem;
import io.lwm2mbridge.scripting.sandbox.ScriptSandbox;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores triggers and keeps the in-memory list the runner matches events against. Every write is
 * checked first (fields, filter, name unique, script compiles), so a bad upload changes nothing.
 * Writes are serialised; reads are lock-free.
 */
public final class TriggerService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = LoggerFactory.getLogger(TriggerService.class);

    private final RecordStore<Trigger> store;
    /** The JSON fields of a trigger ({@code triggers.json.TriggerJson}): changes are made and checked on them. */
    private final RecordCodec<Trigger> codec;
    private final ScriptSandbox sandbox;
    private final TriggerValidator validator;
    private final Clock clock;
    private final Runnable commit;
    private final List<Consumer<Trigger>> startListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private volatile List<Trigger> all;
    private volatile Map<EventType, List<Trigger>> byType = Map.of();

    /** @param codec the JSON fields of a trigger, as the API gives them and the store keeps them */
    public TriggerService(KeyValueStore store, RecordCodec<Trigger> codec, ScriptSandbox sandbox, Clock clock,
            Runnable commit) {
        this.store = new RecordStore<>(store, codec);
        this.codec = codec;
        this.sandbox = sandbox;
        this.validator = new TriggerValidator(sandbox);
        this.clock = clock;
        this.commit = commit;
        reload();
    }

    private void reload() {
        List<Trigger> loaded = new ArrayList<>();
        store.forEach((id, t) -> loaded.add(t));
        all = List.copyOf(loaded);
        Map<EventType, List<Trigger>> index = new EnumMap<>(EventType.class);
        for (Trigger t : all) {
            if (Trigger.TYPE_SCRIPT.equals(t.type()) && t.enabled()) {
                EventType.parse(t.filterType()).ifPresent(type ->
                        index.computeIfAbsent(type, k -> new ArrayList<>()).add(t));
            }
        }
        index.replaceAll((type, list) -> List.copyOf(list));
        byType = index;
    }

    public List<Trigger> list() {
        return all;
    }

    /**
     * The enabled script triggers whose {@code filterType} is {@code type}: the only ones an event of
     * that type can match, so the runner never scans every trigger per event.
     */
    public List<Trigger> candidates(EventType type) {
        return byType.getOrDefault(type, List.of());
    }

    public Optional<Trigger> get(String id) {
        return all.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public Optional<Trigger> byName(String name) {
        return all.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Called, on the thread that started it, when a trigger is created enabled or is started. */
    public void onStarted(Consumer<Trigger> listener) {
        startListeners.add(listener);
    }

    /**
     * Called after every stored change (created, updated, started, stopped, deleted), on the thread that made
     * it and while writes are held: must return quickly. What it throws is logged, never fails the change.
     * The MQTT connections re-read the topics the {@code mqtt-message} triggers want here.
     */
    public void onChanged(Runnable listener) {
        changeListeners.add(listener);
    }

    private void changed() {
        for (Runnable l : changeListeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warn("a listener of trigger changes failed", e);
            }
        }
    }

    public synchronized Trigger create(Map<String, Object> fields) {
        Map<String, Object> f = new LinkedHashMap<>(fields);
        f.remove("id");
        f.put("id", newId());
        f.putIfAbsent("type", Trigger.TYPE_SCRIPT);
        f.putIfAbsent("enabled", Boolean.TRUE);
        f.put("version", 1);
        String now = clock.instant().toString();
        f.put("created", now);
        f.put("updated", now);
        Trigger t = checked(order(f), null);
        save(t);
        if (t.enabled()) {
            startListeners.forEach(l -> l.accept(t));
        }
        return t;
    }

    /** Creates several at once: all are checked before any is stored. */
    public synchronized List<Trigger> importAll(List<Map<String, Object>> items) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> item = items.get(i);
            try {
                Map<String, Object> f = new LinkedHashMap<>(item);
                f.put("id", "pending-" + i);
                f.putIfAbsent("type", Trigger.TYPE_SCRIPT);
                validator.validate(f, null, all);
            } catch (TriggerException e) {
                throw new TriggerException(e.reason(), "trigger " + i + ": " + e.getMessage(),
                        RefusalDetails.atIndex(i, e.details()));
            }
            String name = String.valueOf(item.get("name"));
            if (names.contains(name)) {
                throw new TriggerException(TriggerException.Reason.CONFLICT,
                        "trigger " + i + ": name '" + name + "' appears twice in the import", RefusalDetails.atIndex(i, null));
            }
            names.add(name);
        }
        List<Trigger> created = new ArrayList<>();
        for (Map<String, Object> item : items) {
            created.add(create(item));
        }
        return created;
    }

    /** Changes the fields given, keeps the others; the version goes up by one. */
    public synchronized Trigger update(String id, Map<String, Object> changes) {
        Trigger current = get(id).orElseThrow(() -> notFound(id));
        Map<String, Object> stored = codec.encode(current);
        Map<String, Object> f = new LinkedHashMap<>(stored);
        f.putAll(changes);
        f.put("id", id);
        f.put("version", current.version() + 1);
        f.put("created", stored.get("created")); // as stored, whatever a change says
        f.put("updated", clock.instant().toString());
        Trigger t = checked(order(f), id);
        save(t);
        if (t.enabled() && !current.enabled()) {
            startListeners.forEach(l -> l.accept(t));
        }
        return t;
    }

    public synchronized boolean delete(String id) {
        if (get(id).isEmpty()) {
            return false;
        }
        store.remove(id);
        commit.run();
        reload();
        changed();
        return true;
    }

    public Trigger setEnabled(String id, boolean enabled) {
        Trigger current = get(id).orElseThrow(() -> notFound(id));
        if (current.enabled() == enabled) {
            if (enabled) {
                startListeners.forEach(l -> l.accept(current));
            }
            return current;
        }
        return update(id, Map.of("enabled", enabled));
    }

    /** The trigger the fields make, once checked. */
    private Trigger checked(Map<String, Object> fields, String selfId) {
        validator.validate(fields, selfId, all);
        return codec.decode(fields);
    }

    private void save(Trigger t) {
        store.put(t.id(), t);
        commit.run();
        reload();
        changed();
    }

    /**
     * Checks a script as saving it would, without saving anything: the problem the parser finds, with its
     * line and column in the script, or empty. For editors that show errors while the user types.
     */
    public Optional<ScriptProblem> checkScript(String name, String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        return sandbox.checkSyntax(name == null || name.isBlank() ? "script" : name, code);
    }

    private static TriggerException notFound(String id) {
        return new TriggerException(TriggerException.Reason.NOT_FOUND, "no trigger with id '" + id + "'", null);
    }

    /** Puts the identity fields first so stored and returned records read well. */
    private static Map<String, Object> order(Map<String, Object> f) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : List.of("id", "name", "desc", "type", "enabled", "version", "filterType", "filterGeneric",
                "filterCron", "filterServiceId", "filterTopic", "filterCustom")) {
            if (f.containsKey(k)) {
                out.put(k, f.get(k));
            }
        }
        f.forEach(out::putIfAbsent);
        return out;
    }

    private static String newId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
