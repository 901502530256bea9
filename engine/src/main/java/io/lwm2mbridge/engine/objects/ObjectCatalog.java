package io.lwm2mbridge.engine.objects;

import io.lwm2mbridge.engine.store.KeyValueStore;
import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.objects.ddf.DdfParser;
import io.lwm2mbridge.objects.ddf.DdfWriter;
import io.lwm2mbridge.objects.ddf.ParseResult;
import io.lwm2mbridge.objects.ddf.RegistryDirectory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The custom object definitions of a running server and where they come from: the built-ins are
 * overridden, per object id and version, first by the files of {@code BRIDGE_OBJECTS_DIR} (read at each
 * start, never stored), then by uploads (kept in the store with their XML text, so they survive a
 * restart; an upload made later thus wins over the folder). A change is one registry change, in effect
 * for every device at once: the next read decodes with it, observations in progress are left alone.
 *
 * <p>Thread-safe: reads go to the registry's lock-free snapshot; uploads and deletions are serialised.
 */
public final class ObjectCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectCatalog.class);

    /** What {@link #delete(int)} found. */
    public enum Deletion {
        /** The custom versions are gone; the built-in definition, if any, applies again. */
        REMOVED,
        /** The object is built in and has no custom definition to remove. */
        BUILT_IN_ONLY,
        /** No definition of that object at all. */
        UNKNOWN
    }

    private final ObjectRegistry registry;
    private final StoredDefinitions stored;
    private final DdfParser parser;
    private final Runnable commit;
    private final Clock clock;
    /** The stored entries by key, to give back their text; a folder definition has none. */
    private final Map<String, StoredDefinitions.Entry> texts = new ConcurrentHashMap<>();
    private final Object changes = new Object();

    private ObjectCatalog(ObjectRegistry registry, KeyValueStore store, DdfParser parser, Runnable commit, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.stored = new StoredDefinitions(Objects.requireNonNull(store, "store"));
        this.parser = parser;
        this.commit = commit;
        this.clock = clock;
    }

    /**
     * Loads the folder (when not null) and the stored uploads into the registry, in one change.
     *
     * @param commit makes the store durable; called after each upload and deletion
     */
    public static ObjectCatalog open(ObjectRegistry registry, KeyValueStore store, Path objectsDir, Runnable commit,
            Clock clock) {
        ObjectCatalog catalog = new ObjectCatalog(registry, store, new DdfParser(), commit, clock);
        catalog.loadAtStart(objectsDir);
        return catalog;
    }

    private void loadAtStart(Path objectsDir) {
        List<ObjectDefinition> folder = ObjectsFolder.load(objectsDir, new RegistryDirectory(parser));
        Map<String, ObjectDefinition> merged = new LinkedHashMap<>();
        folder.forEach(d -> merged.put(ObjectVersions.key(d.id(), d.version()), d));
        List<StoredDefinitions.Entry> uploads = stored.load(parser);
        for (StoredDefinitions.Entry e : uploads) {
            String key = ObjectVersions.key(e.definition().id(), e.definition().version());
            ObjectDefinition fromFolder = merged.put(key, e.definition());
            if (fromFolder != null && !fromFolder.equals(e.definition())) {
                LOG.info("object {} version {}: the uploaded definition overrides the one of the objects folder",
                        fromFolder.id(), fromFolder.version());
            }
            texts.put(key, e);
        }
        registry.putCustom(new ArrayList<>(merged.values()));
        if (!merged.isEmpty()) {
            LOG.info("{} custom object definition(s) in effect: {} uploaded, {} from the objects folder",
                    merged.size(), uploads.size(), folder.size());
        }
    }

    /** The largest DDF document accepted in one file. */
    public long maxDocumentBytes() {
        return parser.maxBytes();
    }

    /**
     * Checks every document and, only when all are sound, puts all their definitions in effect in one
     * registry change and stores them; an object version given twice must be the same both times.
     *
     * @return what was loaded, in document order
     * @throws UploadException when any document has a problem or is too large; then nothing changed
     */
    public List<LoadedObject> upload(List<DdfFile> files) throws UploadException {
        if (files.isEmpty()) {
            throw new UploadException("no DDF document in the request", List.of(), false);
        }
        List<FileProblem> problems = new ArrayList<>();
        boolean tooLarge = false;
        List<Accepted> accepted = new ArrayList<>();
        Map<String, Accepted> byKey = new HashMap<>();
        for (DdfFile file : files) {
            if (file.content().length == 0) {
                problems.add(new FileProblem(file.name(), 1, 1, "the document is empty"));
                continue;
            }
            if (file.content().length > parser.maxBytes()) {
                tooLarge = true;
                problems.add(new FileProblem(file.name(), 1, 1, "the document is " + file.content().length
                        + " bytes, larger than the limit of " + parser.maxBytes() + " bytes for one DDF document"));
                continue;
            }
            ParseResult result = parser.parse(file.content(), file.label());
            if (!result.isOk()) {
                result.problems().forEach(p -> problems.add(FileProblem.of(file, p)));
                continue;
            }
            List<String> xml = DdfTexts.perObject(file.content(), result.objects(), parser);
            for (int i = 0; i < result.objects().size(); i++) {
                ObjectDefinition d = result.objects().get(i);
                Accepted a = new Accepted(d, xml.get(i), file);
                Accepted earlier = byKey.putIfAbsent(ObjectVersions.key(d.id(), d.version()), a);
                if (earlier == null) {
                    accepted.add(a);
                } else if (!earlier.definition.equals(d)) {
                    problems.add(new FileProblem(file.name(), 1, 1, "object " + d.id() + " version " + d.version()
                            + " is also in " + earlier.file.label() + ", defined differently"));
                }
            }
        }
        if (!problems.isEmpty()) {
            String what = tooLarge ? "the upload is too large" : "the object definitions have problems";
            throw new UploadException(what + " (nothing was loaded): " + problems.getFirst()
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""), problems, tooLarge);
        }
        return apply(accepted);
    }

    private record Accepted(ObjectDefinition definition, String xml, DdfFile file) {}

    private List<LoadedObject> apply(List<Accepted> accepted) {
        synchronized (changes) {
            List<LoadedObject> loaded = new ArrayList<>();
            List<ObjectDefinition> definitions = new ArrayList<>();
            List<StoredDefinitions.Entry> entries = new ArrayList<>();
            String now = clock.instant().toString();
            for (Accepted a : accepted) {
                ObjectDefinition d = a.definition;
                boolean replaced = registry.versions(d.id()).stream().anyMatch(v -> ObjectVersions.same(v.version(), d.version()));
                loaded.add(new LoadedObject(d.id(), d.name(), d.version(), replaced));
                definitions.add(d);
                entries.add(new StoredDefinitions.Entry(d, a.xml, a.file.label(), now));
            }
            // per key, what puts back the entry stored before this upload
            Map<String, Runnable> undo = new LinkedHashMap<>();
            try {
                for (StoredDefinitions.Entry e : entries) {
                    undo.computeIfAbsent(ObjectVersions.key(e.definition().id(), e.definition().version()), key -> {
                        Object before = stored.raw(key);
                        return () -> stored.restore(key, before);
                    });
                    stored.put(e);
                }
                registry.putCustom(definitions);
            } catch (RuntimeException e) {
                undo.values().forEach(Runnable::run);
                throw e;
            }
            for (StoredDefinitions.Entry e : entries) {
                texts.put(ObjectVersions.key(e.definition().id(), e.definition().version()), e);
            }
            commit.run();
            LOG.info("object definitions uploaded: {}", loaded);
            return loaded;
        }
    }

    /**
     * Removes every custom version of an object (uploaded or from the objects folder, which brings the
     * folder's back only at the next start), so its built-in definition applies again.
     */
    public Deletion delete(int id) {
        synchronized (changes) {
            if (!registry.isCustom(id)) {
                return registry.get(id).isPresent() ? Deletion.BUILT_IN_ONLY : Deletion.UNKNOWN;
            }
            stored.removeObject(id);
            registry.removeCustom(id);
            texts.keySet().removeIf(k -> k.startsWith(id + "@"));
            commit.run();
            LOG.info("custom definitions of object {} deleted; {}", id,
                    registry.get(id).map(d -> "built-in version " + d.version() + " applies again").orElse("it is now unknown"));
            return Deletion.REMOVED;
        }
    }

    /** The latest definition of an object when {@code version} is null, else exactly that version. */
    public Optional<ObjectDefinition> find(int id, String version) {
        if (version == null || version.isBlank()) {
            return registry.get(id);
        }
        return registry.versions(id).stream().filter(d -> ObjectVersions.same(d.version(), version)).findFirst();
    }

    /** Every effective version of an object, oldest first. */
    public List<String> versions(int id) {
        return registry.versions(id).stream().map(ObjectDefinition::version).toList();
    }

    /** Every known object, with its latest definition, whether it is custom, and its versions. */
    public List<CatalogEntry> list() {
        List<CatalogEntry> items = new ArrayList<>();
        for (ObjectDefinition d : registry.all()) {
            items.add(new CatalogEntry(d, registry.isCustom(d.id()), versions(d.id())));
        }
        return items;
    }

    /** The DDF XML of a definition: the text it was uploaded as, else (built-in, objects folder) as written by {@link DdfWriter}. */
    public String xml(ObjectDefinition definition) {
        StoredDefinitions.Entry entry = texts.get(ObjectVersions.key(definition.id(), definition.version()));
        return entry != null && entry.definition().equals(definition) ? entry.xml() : DdfWriter.toXml(definition);
    }
}
