package io.lwm2mbridge.engine.lwm2m.json;

import io.lwm2mbridge.objects.IdFormat;
import io.lwm2mbridge.objects.NameTable;
import io.lwm2mbridge.objects.ObjectRegistry;
import java.math.BigInteger;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.leshan.core.LwM2m;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mResourceInstance;
import org.eclipse.leshan.core.node.ObjectLink;
import org.eclipse.leshan.core.util.datatype.ULong;
import org.eclipse.leshan.server.registration.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what devices send (Leshan nodes) into the object trees scripts see: object, instance,
 * resource, resource instance, with keys in the chosen {@link IdFormat} and values as plain JSON
 * (numbers, booleans, strings, ISO times, hex for opaque, "3:0" for object links).
 */
public final class ObjectTrees {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectTrees.class);

    private final ObjectRegistry registry;
    private final Set<Integer> warnedUnknown = ConcurrentHashMap.newKeySet();

    public ObjectTrees(ObjectRegistry registry) {
        this.registry = registry;
    }

    public ObjectRegistry registry() {
        return registry;
    }

    /** Adds a node read at {@code path} into {@code tree} (which may already hold other paths). */
    public void merge(ObjectTree into, LwM2mPath path, LwM2mNode node, IdFormat format, Registration reg) {
        Map<String, Object> tree = into.json();
        if (node instanceof LwM2mObject object) {
            NameTable names = names(object.getId(), reg);
            Map<String, Object> objectMap = childMap(tree, names.objectKey(format));
            for (LwM2mObjectInstance instance : object.getInstances().values()) {
                putInstance(childMap(objectMap, Integer.toString(instance.getId())), instance, names, format);
            }
        } else if (node instanceof LwM2mObjectInstance instance) {
            NameTable names = names(path.getObjectId(), reg);
            Map<String, Object> objectMap = childMap(tree, names.objectKey(format));
            putInstance(childMap(objectMap, Integer.toString(instance.getId())), instance, names, format);
        } else if (node instanceof LwM2mResource resource) {
            NameTable names = names(path.getObjectId(), reg);
            Map<String, Object> instanceMap = childMap(childMap(tree, names.objectKey(format)),
                    Integer.toString(path.getObjectInstanceId()));
            instanceMap.put(names.resourceKey(resource.getId(), format), resourceValue(resource));
        } else if (node instanceof LwM2mResourceInstance ri) {
            NameTable names = names(path.getObjectId(), reg);
            Map<String, Object> resourceMap = childMap(childMap(childMap(tree, names.objectKey(format)),
                    Integer.toString(path.getObjectInstanceId())), names.resourceKey(path.getResourceId(), format));
            resourceMap.put(Integer.toString(ri.getId()), value(ri.getValue()));
        }
    }

    /** The value of a single node, for {@code return: "value"}: a scalar, or a map for several instances. */
    public Object valueOf(LwM2mNode node) {
        if (node instanceof LwM2mResource resource) {
            return resourceValue(resource);
        }
        if (node instanceof LwM2mResourceInstance ri) {
            return value(ri.getValue());
        }
        return null;
    }

    private void putInstance(Map<String, Object> target, LwM2mObjectInstance instance, NameTable names, IdFormat format) {
        for (LwM2mResource resource : instance.getResources().values()) {
            target.put(names.resourceKey(resource.getId(), format), resourceValue(resource));
        }
    }

    private Object resourceValue(LwM2mResource resource) {
        if (!resource.isMultiInstances()) {
            return value(resource.getValue());
        }
        Map<String, Object> instances = new LinkedHashMap<>();
        for (Map.Entry<Integer, LwM2mResourceInstance> e : resource.getInstances().entrySet()) {
            instances.put(Integer.toString(e.getKey()), value(e.getValue().getValue()));
        }
        return instances;
    }

    /** A resource value as JSON. */
    public static Object value(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Double || v instanceof Float) {
            return v;
        }
        if (v instanceof ULong u) {
            BigInteger big = u.toBigInteger();
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (v instanceof Date d) {
            return d.toInstant().toString();
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        if (v instanceof ObjectLink link) {
            return link.getObjectId() + ":" + link.getObjectInstanceId();
        }
        if (v instanceof Link[] links) {
            return Stream.of(links).map(Link::toCoreLinkFormat).collect(Collectors.joining(","));
        }
        return v.toString();
    }

    private NameTable names(int objectId, Registration reg) {
        if (registry.get(objectId).isEmpty() && warnedUnknown.add(objectId)) {
            LOG.warn("object {} has no definition: its data is decoded with numeric keys", objectId);
        }
        return versionedNames(objectId, reg);
    }

    /** The names of an object in the version the registration announced (the registry's default without one). */
    NameTable versionedNames(int objectId, Registration reg) {
        String version = null;
        if (reg != null) {
            LwM2m.Version v = reg.getSupportedVersion(objectId);
            version = v == null ? null : v.toString();
        }
        return registry.names(objectId, version);
    }

    /** The object under {@code key} in {@code parent}, created (in insertion order) when absent. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> childMap(Map<String, Object> parent, String key) {
        Object existing = parent.get(key);
        if (existing instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        parent.put(key, created);
        return created;
    }
}
