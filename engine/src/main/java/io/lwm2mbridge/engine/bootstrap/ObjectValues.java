package io.lwm2mbridge.engine.bootstrap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.ObjectLink;
import org.eclipse.leshan.core.util.datatype.ULong;

/**
 * Turns the {@code objects} values of a bootstrap configuration into an object instance to write, typed
 * by the object's model (a resource the model does not know is typed by its JSON value). Errors name the
 * path and the type.
 */
final class ObjectValues {

    private ObjectValues() {}

    static LwM2mObjectInstance instance(ObjectModel model, int objectId, int instanceId, Map<Integer, Object> values) {
        List<LwM2mResource> resources = new ArrayList<>();
        for (Map.Entry<Integer, Object> e : values.entrySet()) {
            String where = objectId + "/" + instanceId + "/" + e.getKey();
            ResourceModel rm = model == null ? null : model.resources.get(e.getKey());
            Object v = e.getValue();
            if (v instanceof Map<?, ?> multi) {
                Object sample = multi.isEmpty() ? "" : multi.values().iterator().next();
                Type type = rm != null ? rm.type : guess(sample);
                Map<Integer, Object> converted = new LinkedHashMap<>();
                for (Map.Entry<?, ?> ri : multi.entrySet()) {
                    int id = Fields.intKey(ri.getKey(), where, 0, 65535);
                    converted.put(id, convert(ri.getValue(), type, where + "/" + id));
                }
                resources.add(LwM2mMultipleResource.newResource(e.getKey(), converted, type));
            } else {
                Type type = rm != null ? rm.type : guess(v);
                resources.add(LwM2mSingleResource.newResource(e.getKey(), convert(v, type, where), type));
            }
        }
        return new LwM2mObjectInstance(instanceId, resources);
    }

    private static Type guess(Object v) {
        if (v instanceof Boolean) {
            return Type.BOOLEAN;
        }
        if (v instanceof Number n) {
            return n.doubleValue() == Math.rint(n.doubleValue()) ? Type.INTEGER : Type.FLOAT;
        }
        return Type.STRING;
    }

    private static Object convert(Object v, Type type, String where) {
        if (v == null) {
            throw new IllegalArgumentException("objects: " + where + " has no value");
        }
        try {
            return switch (type) {
                case STRING -> v instanceof String s ? s : String.valueOf(v);
                case INTEGER -> ((Number) number(v)).longValue();
                case UNSIGNED_INTEGER -> {
                    long n = ((Number) number(v)).longValue();
                    if (n < 0) {
                        throw new IllegalArgumentException();
                    }
                    yield ULong.valueOf(n);
                }
                case FLOAT -> ((Number) number(v)).doubleValue();
                case BOOLEAN -> v instanceof Boolean b ? b : Boolean.valueOf(bool(v));
                case OPAQUE -> BootstrapReply.hex(String.valueOf(v), "objects: " + where);
                case TIME -> v instanceof Number n ? new Date(n.longValue() < 100_000_000_000L ? n.longValue() * 1000 : n.longValue())
                        : Date.from(Instant.parse(String.valueOf(v)));
                case OBJLNK -> ObjectLink.decodeFromString(String.valueOf(v));
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("objects:")) {
                throw e;
            }
            throw new IllegalArgumentException("objects: " + where + " must be a " + typeName(type) + " value, not '"
                    + v + "'");
        }
    }

    private static Object number(Object v) {
        if (v instanceof Number n) {
            return n;
        }
        return Double.valueOf(String.valueOf(v));
    }

    private static boolean bool(Object v) {
        String s = String.valueOf(v);
        if (!s.equals("true") && !s.equals("false")) {
            throw new IllegalArgumentException();
        }
        return Boolean.parseBoolean(s);
    }

    private static String typeName(Type t) {
        return switch (t) {
            case UNSIGNED_INTEGER -> "Unsigned Integer";
            case OBJLNK -> "Objlnk";
            case CORELINK -> "Corelnk";
            default -> t.name().charAt(0) + t.name().substring(1).toLowerCase(java.util.Locale.ROOT);
        };
    }

}
