package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.mqtt.TopicFilter;
import io.lwm2mbridge.engine.store.KeyValueStore;
import io.lwm2mbridge.scripting.ScriptProblem;
import io.lwm2mbridge.scripting.sandbox.ScriptSandbox;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
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

    private final KeyValueStore store;
    private final ScriptSandbox sandbox;
    private final Clock clock;
    private final Runnable commit;
    private final List<Consumer<Trigger>> startListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private volatile List<Trigger> all;
    private volatile Map<EventType, List<Trigger>> byType = Map.of();

    public TriggerService(KeyValueStore store, ScriptSandbox sandbox, Clock clock, Runnable commit) {
        this.store = store;
        this.sandbox = sandbox;
        this.clock = clock;
        this.commit = commit;
        reload();
    }

    @SuppressWarnings("unchecked")
    private void reload() {
        List<Trigger> loaded = new ArrayList<>();
        store.forEach((id, value) -> loaded.add(new Trigger((Map<String, Object>) value)));
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
        Trigger t = validate(new Trigger(order(f)), null);
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
                validate(new Trigger(f), null);
            } catch (TriggerException e) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("index", i);
                if (e.details() != null) {
                    details.putAll(e.details());
                }
                throw new TriggerException(e.reason(), "trigger " + i + ": " + e.getMessage(), details);
            }
            String name = String.valueOf(item.get("name"));
            if (names.contains(name)) {
                throw new TriggerException(TriggerException.Reason.CONFLICT,
                        "trigger " + i + ": name '" + name + "' appears twice in the import", Map.of("index", i));
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
        Map<String, Object> f = new LinkedHashMap<>(current.fields());
        f.putAll(changes);
        f.put("id", id);
        f.put("version", current.version() + 1);
        f.put("created", current.fields().get("created"));
        f.put("updated", clock.instant().toString());
        Trigger t = validate(new Trigger(order(f)), id);
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

    private void save(Trigger t) {
        store.put(t.id(), t.fields());
        commit.run();
        reload();
        changed();
    }

    private Trigger validate(Trigger t, String selfId) {
        Map<String, Object> f = t.fields();
        if (!(f.get("name") instanceof String name) || name.isBlank()) {
            throw invalid("name is required (a non-empty string)", "name");
        }
        if (name.length() > 200) {
            throw invalid("name is longer than 200 characters", "name");
        }
        for (Trigger other : all) {
            if (other.name().equals(name) && !other.id().equals(selfId)) {
                throw new TriggerException(TriggerException.Reason.CONFLICT,
                        "a trigger named '" + name + "' already exists", Map.of("field", "name", "id", other.id()));
            }
        }
        if (!(f.get("type") instanceof String type) || !List.of(Trigger.TYPE_SCRIPT, Trigger.TYPE_LIBRARY).contains(type)) {
            throw invalid("type must be 'script' or 'library'", "type");
        }
        Object def = f.get("def");
        if (def != null && !(def instanceof String)) {
            throw invalid("def must be the script's source as a string", "def");
        }
        for (String flag : List.of("enabled")) {
            if (f.get(flag) != null && !(f.get(flag) instanceof Boolean)) {
                throw invalid(flag + " must be true or false", flag);
            }
        }
        if (Trigger.TYPE_SCRIPT.equals(type)) {
            Object filterType = f.get("filterType");
            if (!(filterType instanceof String ft) || EventType.parse(ft).isEmpty()) {
                throw invalid("filterType must be one of " + Arrays.stream(EventType.values())
                        .map(EventType::wireName).toList() + " (or the dotted spelling), not " + describe(filterType),
                        "filterType");
            }
            if (EventType.parse(ft).get() == EventType.GENERIC
                    && !(f.get("filterGeneric") instanceof String g && !g.isBlank())) {
                throw invalid("a generic trigger needs filterGeneric: the name it is called by", "filterGeneric");
            }
            validateMqtt(EventType.parse(ft).get(), f);
            if (EventType.parse(ft).get() == EventType.CRON_EVENT) {
                if (f.get("filterCron") != null && !(f.get("filterCron") instanceof String)) {
                    throw invalid("filterCron must be a Quartz cron expression as a string", "filterCron");
                }
                try {
                    CronFilter.parse((String) f.get("filterCron"));
                } catch (IllegalArgumentException e) {
                    throw invalid(e.getMessage(), "filterCron");
                }
            }
        }
        validateFilterCustom(f.get("filterCustom"));
        if (def instanceof String code && !code.isBlank()) {
            Optional<ScriptProblem> problem = sandbox.checkSyntax(name, code);
            if (problem.isPresent()) {
                ScriptProblem p = problem.get();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("field", "def");
                details.put("line", p.line());
                details.put("column", p.column());
                details.put("message", p.message());
                throw new TriggerException(TriggerException.Reason.INVALID,
                        "script does not compile: line " + p.line() + ": " + p.message(), details);
            }
        }
        return t;
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

    /**
     * An {@code mqtt-message} trigger names the service it listens on and a valid topic filter; an
     * {@code mqtt-result} trigger may name either to narrow its events. The service need not exist yet (an
     * import may bring triggers before services): until it does, nothing arrives.
     */
    private static void validateMqtt(EventType type, Map<String, Object> f) {
        if (type != EventType.MQTT_MESSAGE && type != EventType.MQTT_RESULT) {
            return;
        }
        boolean required = type == EventType.MQTT_MESSAGE;
        Object service = f.get("filterServiceId");
        if (service != null || required) {
            if (!(service instanceof String key) || key.isBlank()) {
                throw invalid(required
                        ? "an mqtt-message trigger needs filterServiceId: the key of the MQTT service (/api/v1/services,"
                                + " type mqtt) whose messages it runs on"
                        : "filterServiceId must be the key of an MQTT service, not " + describe(service),
                        "filterServiceId");
            }
        }
        Object topic = f.get("filterTopic");
        if (topic != null || required) {
            if (!(topic instanceof String filter) || filter.isBlank()) {
                throw invalid(required
                        ? "an mqtt-message trigger needs filterTopic: the topic filter it runs on ('+' matches one"
                                + " level, '#' the rest), such as sensors/+/temp"
                        : "filterTopic must be a topic filter ('+' and '#' allowed), not " + describe(topic),
                        "filterTopic");
            }
            String problem = TopicFilter.filterProblem(filter);
            if (problem != null) {
                throw invalid("filterTopic: " + problem, "filterTopic");
            }
        }
    }

    private static void validateFilterCustom(Object filterCustom) {
        if (filterCustom == null) {
            return;
        }
        if (!(filterCustom instanceof Map<?, ?> conditions)) {
            throw invalid("filterCustom must be an object of {\"path\": {\"comp\": ..., \"value\": ...}}", "filterCustom");
        }
        for (Map.Entry<?, ?> c : conditions.entrySet()) {
            if (!(c.getValue() instanceof Map<?, ?> rule)) {
                throw invalid("filterCustom." + c.getKey() + " must be {\"comp\": ..., \"value\": ...}", "filterCustom");
            }
            if (!TriggerFilter.COMPARISONS.contains(String.valueOf(rule.get("comp")))) {
                throw invalid("filterCustom." + c.getKey() + ".comp must be one of " + TriggerFilter.COMPARISONS,
                        "filterCustom");
            }
        }
    }

    private static String describe(Object v) {
        return v == null ? "nothing" : "'" + v + "'";
    }

    private static TriggerException invalid(String message, String field) {
        return new TriggerException(TriggerException.Reason.INVALID, message, Map.of("field", field));
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
