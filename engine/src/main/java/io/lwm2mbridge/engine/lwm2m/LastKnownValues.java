package io.lwm2mbridge.engine.lwm2m;

import io.lwm2mbridge.engine.store.KeyValueStore;
import io.lwm2mbridge.engine.lwm2m.json.ObjectTrees;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mResourceInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last value of every resource each endpoint reported (read results, notifications, Sends), with
 * the time it arrived, kept in the store so that it survives a restart. Safe for concurrent use: each
 * endpoint's values are updated in memory under that endpoint's lock and written to the store about
 * every second (and at close), like the store's own commits.
 */
public final class LastKnownValues implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LastKnownValues.class);
    private static final long FLUSH_EVERY_MS = 1000;

    private final KeyValueStore store;
    /** Endpoint key to "3/0/0" (or "3/0/7/1") to [value, ISO time]; loaded from the store on first use. */
    private final Map<String, TreeMap<String, List<Object>>> cache = new ConcurrentHashMap<>();
    /** Endpoints whose values changed since they were last written to the store. */
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final Object flushLock = new Object();
    private final ScheduledExecutorService flusher;

    public LastKnownValues(KeyValueStore store) {
        this.store = store;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "last-known-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_EVERY_MS, FLUSH_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** Records what a device sent for {@code path} at {@code time}. */
    public void record(String endpoint, LwM2mPath path, LwM2mNode node, Instant time) {
        if (endpoint == null || node == null || path == null) {
            return;
        }
        TreeMap<String, List<Object>> values = values(endpoint);
        synchronized (values) {
            put(values, path, node, time.toString());
        }
        dirty.add(endpoint);
    }

    /** Records several nodes that arrived together. */
    public void record(String endpoint, Map<LwM2mPath, LwM2mNode> nodes, Instant time) {
        if (endpoint == null || nodes == null || nodes.isEmpty()) {
            return;
        }
        TreeMap<String, List<Object>> values = values(endpoint);
        synchronized (values) {
            nodes.forEach((path, node) -> put(values, path, node, time.toString()));
        }
        dirty.add(endpoint);
    }

    /** Forgets everything known about an endpoint (when its record is deleted). */
    public void forget(String endpoint) {
        synchronized (flushLock) {
            cache.remove(endpoint);
            dirty.remove(endpoint);
            store.remove(endpoint);
        }
    }

    /**
     * Writes the endpoints whose values changed since the last flush. Called about every second and
     * at close: one write per endpoint per second however many notifications it sent, rather than one
     * encoding of all its values per notification.
     */
    public void flush() {
        synchronized (flushLock) {
            for (Iterator<String> it = dirty.iterator(); it.hasNext(); ) {
                String key = it.next();
                it.remove();
                Map<String, List<Object>> values = cache.get(key);
                if (values == null) {
                    continue;
                }
                Map<String, List<Object>> copy;
                synchronized (values) {
                    copy = new LinkedHashMap<>(values);
                }
                try {
                    store.put(key, copy);
                } catch (RuntimeException e) {
                    LOG.warn("last known values of {} could not be stored", key, e);
                }
            }
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flush();
    }

    /**
     * A copy of everything known of an endpoint: path ("3/0/0" or "3/0/7/1") to [value as JSON, ISO
     * time]. {@link io.lwm2mbridge.engine.lwm2m.json.LastKnownTree} turns it into the tree scripts see.
     */
    public Map<String, List<Object>> snapshot(String endpoint) {
        Map<String, List<Object>> values = values(endpoint);
        synchronized (values) {
            return new LinkedHashMap<>(values);
        }
    }

    @SuppressWarnings("unchecked")
    private TreeMap<String, List<Object>> values(String endpoint) {
        return cache.computeIfAbsent(endpoint, key -> {
            // sorted, so a resource's instances are one range of keys ("3/0/7/" up to "3/0/7/\uffff")
            TreeMap<String, List<Object>> loaded = new TreeMap<>();
            Object stored = store.get(key);
            if (stored instanceof Map<?, ?> m) {
                ((Map<String, Object>) m).forEach((path, entry) -> {
                    if (entry instanceof List<?> l && l.size() == 2) {
                        loaded.put(path, new ArrayList<>(l));
                    }
                });
            }
            return loaded;
        });
    }

    private static void put(TreeMap<String, List<Object>> values, LwM2mPath path, LwM2mNode node, String time) {
        if (node instanceof LwM2mObject object) {
            for (LwM2mObjectInstance instance : object.getInstances().values()) {
                putInstance(values, object.getId(), instance, time);
            }
        } else if (node instanceof LwM2mObjectInstance instance) {
            putInstance(values, path.getObjectId(), instance, time);
        } else if (node instanceof LwM2mResource resource) {
            putResource(values, path.getObjectId() + "/" + path.getObjectInstanceId(), resource, time);
        } else if (node instanceof LwM2mResourceInstance ri) {
            String resourcePath = path.getObjectId() + "/" + path.getObjectInstanceId() + "/" + path.getResourceId();
            values.remove(resourcePath);
            values.put(resourcePath + "/" + ri.getId(), entry(ri.getValue(), time));
        }
    }

    private static void putInstance(TreeMap<String, List<Object>> values, int objectId, LwM2mObjectInstance instance,
            String time) {
        for (LwM2mResource resource : instance.getResources().values()) {
            putResource(values, objectId + "/" + instance.getId(), resource, time);
        }
    }

    private static void putResource(TreeMap<String, List<Object>> values, String instancePath, LwM2mResource resource,
            String time) {
        String resourcePath = instancePath + "/" + resource.getId();
        // a resource read whole replaces what was known of it, instances that are gone included
        String instancesPrefix = resourcePath + "/";
        values.subMap(instancesPrefix, instancesPrefix + '\uffff').clear();
        if (resource.isMultiInstances()) {
            values.remove(resourcePath);
            resource.getInstances().forEach((id, ri) -> values.put(resourcePath + "/" + id, entry(ri.getValue(), time)));
        } else {
            values.put(resourcePath, entry(resource.getValue(), time));
        }
    }

    private static List<Object> entry(Object value, String time) {
        List<Object> e = new ArrayList<>(2);
        e.add(ObjectTrees.value(value));
        e.add(time);
        return e;
    }
}
