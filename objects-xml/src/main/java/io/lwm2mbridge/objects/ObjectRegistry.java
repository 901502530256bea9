package io.lwm2mbridge.objects;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The object definitions the server knows: built-in ones, overridden per id and version by custom ones,
 * several versions per object id. Thread-safe: reads are lock-free on an immutable snapshot that each
 * change replaces (copy-on-write); changes are serialised.
 */
public final class ObjectRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectRegistry.class);

    private final Map<Integer, NavigableMap<String, ObjectDefinition>> builtIns;
    private final List<Consumer<Set<Integer>>> listeners = new CopyOnWriteArrayList<>();
    private final Object writeLock = new Object();
    private volatile Snapshot snapshot;

    /**
     * @param builtIns the definitions shipped with the server; equal duplicates are merged
     * @throws IllegalArgumentException if two different definitions share an id and version
     */
    public ObjectRegistry(Collection<ObjectDefinition> builtIns) {
        this.builtIns = byIdAndVersion(builtIns, "built-in");
        this.snapshot = new Snapshot(0, this.builtIns, Map.of());
    }

    /** The effective latest definition of an object: the highest version, custom ones overriding built-ins. */
    public Optional<ObjectDefinition> get(int id) {
        return Optional.ofNullable(snapshot.latest.get(id));
    }

    /**
     * The definition of that exact version (compared numerically, "1" = "1.0"), else the latest; so a
     * client announcing {@code </3303>;ver=1.1} gets 1.1 when it is known. {@code null} means latest.
     */
    public Optional<ObjectDefinition> get(int id, String version) {
        return Optional.ofNullable(snapshot.find(id, version));
    }

    /** The effective latest definition of every object, sorted by id. */
    public List<ObjectDefinition> all() {
        return snapshot.all;
    }

    /** Every effective version of an object, oldest first; empty when unknown. */
    public List<ObjectDefinition> versions(int id) {
        NavigableMap<String, ObjectDefinition> versions = snapshot.effective.get(id);
        return versions == null ? List.of() : List.copyOf(versions.values());
    }

    /** Whether any version of that object comes from a custom definition. */
    public boolean isCustom(int id) {
        return snapshot.customs.containsKey(id);
    }

    /** Every custom definition, by id then version, e.g. for saving them. */
    public List<ObjectDefinition> customs() {
        List<ObjectDefinition> all = new ArrayList<>();
        snapshot.customs.values().forEach(v -> all.addAll(v.values()));
        return all;
    }

    /**
     * Adds or replaces custom definitions, all in one change (readers see all of them or none).
     *
     * @return the definitions that were in effect for the same id and version before (built-in or
     *     custom), in input order; empty when all are new
     * @throws IllegalArgumentException if the list holds two different definitions of one id and version
     */
    public List<ObjectDefinition> putCustom(List<ObjectDefinition> definitions) {
        Map<Integer, NavigableMap<String, ObjectDefinition>> added = byIdAndVersion(definitions, "custom");
        if (added.isEmpty()) {
            return List.of();
        }
        List<ObjectDefinition> replaced = new ArrayList<>();
        synchronized (writeLock) {
            Snapshot before = snapshot;
            Map<Integer, NavigableMap<String, ObjectDefinition>> customs = new HashMap<>(before.customs);
            added.forEach((id, versions) -> {
                NavigableMap<String, ObjectDefinition> merged = new TreeMap<>(Versions.ORDER);
                merged.putAll(customs.getOrDefault(id, Collections.emptyNavigableMap()));
                versions.forEach((version, definition) -> {
                    ObjectDefinition previous = before.exact(id, version);
                    if (previous != null) {
                        replaced.add(previous);
                    }
                    merged.put(version, definition);
                });
                customs.put(id, Collections.unmodifiableNavigableMap(merged));
            });
            snapshot = new Snapshot(before.generation + 1, builtIns, customs);
        }
        notifyListeners(added.keySet());
        return List.copyOf(replaced);
    }

    /**
     * Removes every custom version of an object, so its built-in definition (if any) applies again.
     *
     * @return whether there was anything to remove
     */
    public boolean removeCustom(int id) {
        synchronized (writeLock) {
            Snapshot before = snapshot;
            if (!before.customs.containsKey(id)) {
                return false;
            }
            Map<Integer, NavigableMap<String, ObjectDefinition>> customs = new HashMap<>(before.customs);
            customs.remove(id);
            snapshot = new Snapshot(before.generation + 1, builtIns, customs);
        }
        notifyListeners(Set.of(id));
        return true;
    }

    /**
     * The key table of an object in that version ({@code null}: latest), cached per definition; an
     * object with no definition gets a table of numbers. Object keys are resolved across the registry
     * from each id's latest definition, so all versions of one object share its object keys; when two
     * objects' names normalise alike, the lower id keeps the plain name and the other gets {@code name_<id>}.
     */
    public NameTable names(int id, String versionOrNull) {
        return snapshot.names(id, versionOrNull);
    }

    /** The object id a key in any format stands for: "3", "device" or "device_3"; any decimal id is accepted. */
    public Optional<Integer> objectIdForKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        Optional<Integer> number = NameTable.parseId(key);
        return number.isPresent() ? number : Optional.ofNullable(snapshot.objectKeyIndex.get(key));
    }

    /** A counter that goes up on every change, so callers can tell whether what they derived is stale. */
    public long generation() {
        return snapshot.generation;
    }

    /**
     * Registers a listener told the ids of the objects that changed. It is called synchronously, on the
     * thread that made the change, after the change is visible and outside the registry's lock; it
     * should return quickly and read the registry rather than assume, as a later change may already be
     * in effect. An exception it throws is logged and does not stop the other listeners.
     */
    public void addListener(Consumer<Set<Integer>> changedIds) {
        listeners.add(Objects.requireNonNull(changedIds, "listener"));
    }

    public void removeListener(Consumer<Set<Integer>> changedIds) {
        listeners.remove(changedIds);
    }

    private void notifyListeners(Set<Integer> ids) {
        Set<Integer> changed = Collections.unmodifiableSet(new TreeSet<>(ids));
        for (Consumer<Set<Integer>> listener : listeners) {
            try {
                listener.accept(changed);
            } catch (RuntimeException e) {
                LOG.warn("object registry listener {} failed for objects {}", listener, changed, e);
            }
        }
    }

    private static Map<Integer, NavigableMap<String, ObjectDefinition>> byIdAndVersion(
            Collection<ObjectDefinition> definitions, String kind) {
        Map<Integer, NavigableMap<String, ObjectDefinition>> result = new HashMap<>();
        for (ObjectDefinition definition : Objects.requireNonNull(definitions, "definitions")) {
            Objects.requireNonNull(definition, "definition");
            NavigableMap<String, ObjectDefinition> versions =
                    result.computeIfAbsent(definition.id(), id -> new TreeMap<>(Versions.ORDER));
            ObjectDefinition other = versions.putIfAbsent(definition.version(), definition);
            if (other != null && !other.equals(definition)) {
                throw new IllegalArgumentException("two different " + kind + " definitions of object "
                        + definition.id() + " version " + definition.version());
            }
        }
        result.replaceAll((id, versions) -> Collections.unmodifiableNavigableMap(versions));
        return result;
    }

    /** One immutable state of the registry with everything derived from it; NameTables fill in lazily. */
    private static final class Snapshot {
        final long generation;
        final Map<Integer, NavigableMap<String, ObjectDefinition>> customs;
        final Map<Integer, NavigableMap<String, ObjectDefinition>> effective = new HashMap<>();
        final Map<Integer, ObjectDefinition> latest = new HashMap<>();
        final List<ObjectDefinition> all;
        final Map<Integer, String> objectStringsKeys;
        final Map<Integer, String> objectCombinedKeys = new HashMap<>();
        final Map<String, Integer> objectKeyIndex = new HashMap<>();
        /** By id, then version: looked up for every value named, so without building a key. */
        final Map<Integer, Map<String, NameTable>> nameCache = new ConcurrentHashMap<>();

        Snapshot(long generation, Map<Integer, NavigableMap<String, ObjectDefinition>> builtIns,
                Map<Integer, NavigableMap<String, ObjectDefinition>> customs) {
            this.generation = generation;
            this.customs = Map.copyOf(customs);
            Set<Integer> ids = new LinkedHashSet<>(builtIns.keySet());
            ids.addAll(customs.keySet());
            TreeMap<Integer, String> normalized = new TreeMap<>();
            for (int id : ids) {
                NavigableMap<String, ObjectDefinition> merged = new TreeMap<>(Versions.ORDER);
                merged.putAll(builtIns.getOrDefault(id, Collections.emptyNavigableMap()));
                merged.putAll(customs.getOrDefault(id, Collections.emptyNavigableMap()));
                effective.put(id, Collections.unmodifiableNavigableMap(merged));
                ObjectDefinition newest = merged.lastEntry().getValue();
                latest.put(id, newest);
                normalized.put(id, Names.normalize(newest.name()));
            }
            all = latest.values().stream()
                    .sorted(Comparator.comparingInt(ObjectDefinition::id))
                    .toList();
            objectStringsKeys = Names.stringsKeys(normalized);
            normalized.forEach((id, name) -> objectCombinedKeys.put(id, Names.combinedKey(name, id)));
            objectStringsKeys.forEach((id, key) -> objectKeyIndex.put(key, id));
            objectCombinedKeys.forEach((id, key) -> objectKeyIndex.putIfAbsent(key, id));
        }

        ObjectDefinition exact(int id, String version) {
            NavigableMap<String, ObjectDefinition> versions = effective.get(id);
            return versions == null ? null : versions.get(version);
        }

        ObjectDefinition find(int id, String version) {
            NavigableMap<String, ObjectDefinition> versions = effective.get(id);
            if (versions == null) {
                return null;
            }
            ObjectDefinition exact = version == null || version.isBlank() ? null : versions.get(version);
            return exact != null ? exact : versions.lastEntry().getValue();
        }

        NameTable names(int id, String version) {
            ObjectDefinition definition = find(id, version);
            if (definition == null) {
                return NameTable.unknown(id);
            }
            return nameCache.computeIfAbsent(id, k -> new ConcurrentHashMap<>()).computeIfAbsent(definition.version(),
                    v -> NameTable.of(definition, objectStringsKeys.get(id), objectCombinedKeys.get(id)));
        }
    }
}
