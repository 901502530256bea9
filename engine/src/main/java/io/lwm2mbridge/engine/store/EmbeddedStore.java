package io.lwm2mbridge.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default storage: one H2 MVStore file ({@code store.mv}) in the data folder, needing no setup.
 * Values are kept as JSON text so the file stays readable across versions of our classes. Writes are
 * committed in the background about every second and on {@link #commit()} and {@link #close()}.
 */
public final class EmbeddedStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStore.class);

    private final MVStore store;
    private final ObjectMapper mapper;
    private final Map<String, Maps> maps = new ConcurrentHashMap<>();
    private final Map<String, MvLog> logs = new ConcurrentHashMap<>();

    public EmbeddedStore(Path dataDir, ObjectMapper mapper) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("store.mv");
        this.mapper = mapper;
        this.store = new MVStore.Builder()
                .fileName(file.toString())
                .compress()
                .open();
        this.store.setAutoCommitDelay(1000);
        LOG.info("embedded store at {}", file.toAbsolutePath());
    }

    /** The map of that name, created on first use. */
    public KeyValueStore map(String name) {
        return maps.computeIfAbsent(name, n -> new Maps(store.openMap(n)));
    }

    /** The append-only log of that name, created on first use. */
    public OrderedLog log(String name) {
        return logs.computeIfAbsent(name, n -> new MvLog(store.openMap(n)));
    }

    /** Makes everything written so far durable now. */
    public void commit() {
        store.commit();
    }

    @Override
    public void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }

    private final class Maps implements KeyValueStore {
        private final MVMap<String, String> map;

        Maps(MVMap<String, String> map) {
            this.map = map;
        }

        @Override
        public Object get(String key) {
            String json = map.get(key);
            return json == null ? null : decode(json);
        }

        @Override
        public boolean contains(String key) {
            return map.containsKey(key);
        }

        @Override
        public void put(String key, Object value) {
            try {
                map.put(key, mapper.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("value cannot be stored: " + e.getOriginalMessage(), e);
            }
        }

        @Override
        public boolean remove(String key) {
            return map.remove(key) != null;
        }

        @Override
        public List<String> keys() {
            return new ArrayList<>(map.keySet());
        }

        @Override
        public void forEach(BiConsumer<String, Object> action) {
            for (Map.Entry<String, String> e : map.entrySet()) {
                action.accept(e.getKey(), decode(e.getValue()));
            }
        }

        @Override
        public int size() {
            return map.size();
        }

        private Object decode(String json) {
            try {
                return mapper.readValue(json, Object.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored value is not JSON: " + e.getOriginalMessage(), e);
            }
        }
    }

    private final class MvLog implements OrderedLog {
        private final MVMap<Long, String> map;

        MvLog(MVMap<Long, String> map) {
            this.map = map;
        }

        @Override
        public long lastSequence() {
            Long last = map.lastKey();
            return last == null ? 0 : last;
        }

        @Override
        public void put(long sequence, Object value) {
            try {
                map.put(sequence, mapper.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("value cannot be stored: " + e.getOriginalMessage(), e);
            }
        }

        @Override
        public void putJson(long sequence, String json) {
            map.put(sequence, json);
        }

        @Override
        public void scanJson(long fromSequence, boolean forward, JsonVisitor visitor) {
            Long key = forward ? map.higherKey(fromSequence) : map.lowerKey(fromSequence);
            while (key != null) {
                String json = map.get(key);
                if (json != null && !visitor.visit(key, json)) {
                    return;
                }
                key = forward ? map.higherKey(key) : map.lowerKey(key);
            }
        }

        @Override
        public void trimTo(long keep) {
            long excess = map.size() - keep;
            while (excess-- > 0) {
                Long first = map.firstKey();
                if (first == null) {
                    return;
                }
                map.remove(first);
            }
        }

        @Override
        public long size() {
            return map.sizeAsLong();
        }
    }
}
