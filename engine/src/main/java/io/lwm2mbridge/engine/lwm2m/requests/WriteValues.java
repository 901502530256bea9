package io.lwm2mbridge.engine.lwm2m.requests;

import io.lwm2mbridge.objects.NameTable;
import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.objects.ResourceDefinition;
import io.lwm2mbridge.objects.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.leshan.core.LwM2m;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mResourceInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.server.registration.Registration;

/**
 * Turns the values scripts write into Leshan nodes, following the type each resource has in the
 * object registry at the version the client announced: strings, numbers, booleans, ISO or epoch
 * times, Opaque from bytes or hex, Objlnk from "3:0". A value that does not fit is refused with a
 * message naming the path and the type, before anything is sent. Resources of an object nobody
 * defined take the type of the value given.
 */
public final class WriteValues {

    private final ObjectRegistry registry;

    public WriteValues(ObjectRegistry registry) {
        this.registry = registry;
    }

    /**
     * The node a write of {@code value} at {@code path} sends: a resource, a resource instance, or an
     * object instance from {@code {resId: value}} (ids or resource names as keys).
     *
     * @param codec the encoding's name, for "resource definition not found" ("tlv")
     */
    public LwM2mNode node(Registration reg, LwM2mPath path, Object value, String codec) throws ValueException {
        if (path.isObjectInstance()) {
            return instance(reg, path.getObjectId(), path.getObjectInstanceId(), value, codec);
        }
        if (path.isResource()) {
            return resource(reg, path.getObjectId(), path.getObjectInstanceId(), path.getResourceId(), value, codec);
        }
        if (path.isResourceInstance()) {
            String text = text(path);
            Target t = target(reg, path.getObjectId(), path.getResourceId(), text, value, codec);
            if (t.defined && !t.multiple) {
                throw new ValueException(resourceText(path) + " is a single resource; it has no instance "
                        + path.getResourceInstanceId());
            }
            return LwM2mResourceInstance.newInstance(path.getResourceInstanceId(), ResourceValues.convert(text, t.type, value),
                    ResourceValues.leshanType(t.type));
        }
        throw new ValueException("a write needs a resource or an instance path like '3/0/15' or '3/0', not '"
                + text(path) + "'");
    }

    /** An object instance from {@code {resId or name: value}}. */
    public LwM2mObjectInstance instance(Registration reg, int objectId, int instanceId, Object value, String codec)
            throws ValueException {
        String instancePath = objectId + "/" + instanceId;
        if (!(value instanceof Map<?, ?> map)) {
            throw new ValueException("a write of instance " + instancePath
                    + " needs an object of resource values like {\"15\": \"UTC\"}, not " + ResourceValues.describe(value));
        }
        return new LwM2mObjectInstance(instanceId, resources(reg, objectId, instanceId, map, codec));
    }

    /** The resources of one instance, from {@code {resId or name: value}}. */
    public List<LwM2mResource> resources(Registration reg, int objectId, int instanceId, Map<?, ?> values, String codec)
            throws ValueException {
        NameTable names = registry.names(objectId, version(reg, objectId));
        List<LwM2mResource> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : values.entrySet()) {
            String key = String.valueOf(e.getKey());
            Optional<Integer> id = names.resourceId(key);
            if (id.isEmpty()) {
                throw new ValueException("object " + objectId + " has no resource '" + key + "'");
            }
            out.add(resource(reg, objectId, instanceId, id.get(), e.getValue(), codec));
        }
        return out;
    }

    /** One resource: a single value, or {@code {instanceId: value}} (or an array) for a multiple resource. */
    public LwM2mResource resource(Registration reg, int objectId, int instanceId, int resourceId, Object value,
            String codec) throws ValueException {
        String text = objectId + "/" + instanceId + "/" + resourceId;
        Target t = target(reg, objectId, resourceId, text, value, codec);
        if (t.multiple) {
            Map<Integer, Object> instances = new LinkedHashMap<>();
            for (Map.Entry<Integer, Object> e : instancesOf(text, value).entrySet()) {
                instances.put(e.getKey(), ResourceValues.convert(text + "/" + e.getKey(), t.type, e.getValue()));
            }
            return LwM2mMultipleResource.newResource(resourceId, instances, ResourceValues.leshanType(t.type));
        }
        return LwM2mSingleResource.newResource(resourceId, ResourceValues.convert(text, t.type, value), ResourceValues.leshanType(t.type));
    }

    /** The definition the client uses for an object, if the registry has one. */
    public Optional<ObjectDefinition> definition(Registration reg, int objectId) {
        String version = version(reg, objectId);
        return version == null ? registry.get(objectId) : registry.get(objectId, version);
    }

    private record Target(ResourceType type, boolean multiple, boolean defined) {}

    private Target target(Registration reg, int objectId, int resourceId, String text, Object value, String codec)
            throws ValueException {
        Optional<ObjectDefinition> object = definition(reg, objectId);
        if (object.isEmpty()) {
            // nobody defined this object: the value says what it is
            boolean multiple = value instanceof Map<?, ?> || value instanceof List<?>;
            Object sample = multiple ? first(value) : value;
            return new Target(infer(text, sample), multiple, false);
        }
        ResourceDefinition r = object.get().resource(resourceId).orElseThrow(
                () -> new ValueException(codec + ": resource definition not found: " + text));
        if (r.type() == ResourceType.NONE) {
            throw new ValueException(text + " is an executable resource and holds no value to write");
        }
        return new Target(r.type(), r.multiple(), true);
    }

    private static Object first(Object value) {
        if (value instanceof Map<?, ?> m) {
            return m.isEmpty() ? "" : m.values().iterator().next();
        }
        List<?> l = (List<?>) value;
        return l.isEmpty() ? "" : l.get(0);
    }

    private static ResourceType infer(String text, Object v) throws ValueException {
        if (v instanceof String) {
            return ResourceType.STRING;
        }
        if (v instanceof Boolean) {
            return ResourceType.BOOLEAN;
        }
        if (v instanceof byte[]) {
            return ResourceType.OPAQUE;
        }
        if (v instanceof Number n) {
            return ResourceValues.toLong(n) != null ? ResourceType.INTEGER : ResourceType.FLOAT;
        }
        throw new ValueException("value for " + text + " must be a string, number, boolean or bytes, not " + ResourceValues.describe(v));
    }

    private static Map<Integer, Object> instancesOf(String text, Object value) throws ValueException {
        Map<Integer, Object> out = new LinkedHashMap<>();
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                out.put(i, list.get(i));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (!key.matches("\\d{1,5}") || Integer.parseInt(key) > 65535) {
                    throw new ValueException("resource instance ids of " + text + " must be numbers, not '" + key + "'");
                }
                out.put(Integer.parseInt(key), e.getValue());
            }
            return out;
        }
        throw new ValueException(text + " is a multiple resource: give {instanceId: value}, not " + ResourceValues.describe(value));
    }

    private static String version(Registration reg, int objectId) {
        if (reg == null) {
            return null;
        }
        LwM2m.Version v = reg.getSupportedVersion(objectId);
        return v == null ? null : v.toString();
    }

    private static String text(LwM2mPath path) {
        String s = path.toString();
        return s.startsWith("/") ? s.substring(1) : s;
    }

    private static String resourceText(LwM2mPath path) {
        return path.getObjectId() + "/" + path.getObjectInstanceId() + "/" + path.getResourceId();
    }
}
