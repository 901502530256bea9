package io.lwm2mbridge.engine.objects;

import io.lwm2mbridge.engine.store.KeyValueStore;
import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.ddf.DdfParser;
import io.lwm2mbridge.objects.ddf.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploaded definitions in the embedded store (map {@code objects}), one entry per object id and version,
 * key {@code "3303@1.1"}, value {@code {id, version, name, source, uploaded, xml}}. The XML text is the
 * source of truth: it is parsed again at start, so a stored entry means what its text says. Not
 * thread-safe on its own; {@link ObjectCatalog} serialises changes.
 */
final class StoredDefinitions {

    private static final Logger LOG = LoggerFactory.getLogger(StoredDefinitions.class);

    /** One stored definition with the text it came from. */
    record Entry(ObjectDefinition definition, String xml, String source, String uploaded) {}

    private final KeyValueStore map;

    StoredDefinitions(KeyValueStore map) {
        this.map = map;
    }

    /**
     * Every stored definition, parsed again from its text. An entry that no longer parses (a stricter
     * parser, a hand-edited store) is logged and left in the store untouched, so nothing is lost.
     */
    List<Entry> load(DdfParser parser) {
        List<Entry> out = new ArrayList<>();
        map.forEach((key, value) -> {
            if (!(value instanceof Map<?, ?> m) || !(m.get("xml") instanceof String xml)) {
                LOG.warn("stored object definition {} has no XML text; ignored", key);
                return;
            }
            ParseResult result = parser.parse(xml.getBytes(StandardCharsets.UTF_8), "stored " + key);
            if (!result.isOk() || result.objects().size() != 1) {
                LOG.warn("stored object definition {} no longer loads ({}); ignored",
                        key, result.isOk() ? "it holds " + result.objects().size() + " objects" : result.problems().getFirst());
                return;
            }
            ObjectDefinition definition = result.objects().getFirst();
            if (!ObjectVersions.key(definition.id(), definition.version()).equals(key)) {
                LOG.warn("stored object definition {} holds object {} version {}; ignored",
                        key, definition.id(), definition.version());
                return;
            }
            out.add(new Entry(definition, xml, String.valueOf(m.get("source")), String.valueOf(m.get("uploaded"))));
        });
        return out;
    }

    void put(Entry entry) {
        ObjectDefinition d = entry.definition();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", d.id());
        value.put("version", d.version());
        value.put("name", d.name());
        value.put("source", entry.source());
        value.put("uploaded", entry.uploaded());
        value.put("xml", entry.xml());
        map.put(ObjectVersions.key(d.id(), d.version()), value);
    }

    /** The raw stored value of one key, to put it back when a change must be undone; null when absent. */
    Object raw(String key) {
        return map.get(key);
    }

    void restore(String key, Object raw) {
        if (raw == null) {
            map.remove(key);
        } else {
            map.put(key, raw);
        }
    }

    /** Removes every stored version of an object. */
    void removeObject(int id) {
        String prefix = id + "@";
        for (String key : map.keys()) {
            if (key.startsWith(prefix)) {
                map.remove(key);
            }
        }
    }
}
