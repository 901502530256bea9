package io.lwm2mbridge.engine.lwm2m.requests;

import io.lwm2mbridge.objects.NameTable;
import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.objects.ResourceDefinition;
import io.lwm2mbridge.objects.ResourceType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.leshan.core.LwM2m;
import org.eclipse.leshan.core.link.DefaultLinkParser;
import org.eclipse.leshan.core.link.LinkParseException;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mResourceInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.ObjectLink;
import org.eclipse.leshan.core.util.datatype.ULong;
import org.eclipse.leshan.server.registration.Registration;

/**
 * Turns the values scripts write into Leshan nodes, following the type each resource has in the
 * object registry at the version the client announced: strings, numbers, booleans, ISO or epoch
 * times, Opaque from bytes or hex, Objlnk from "3:0". A value that does not fit is refused with a
 * message naming the path and the type, before anything is sent. Resources of an object nobody
 * defined take the type of the value given.
 */
public final class WriteValues {

    private static final Pattern OBJLNK = Pattern.compile("\\s*(\\d{1,5})\\s*:\\s*(\\d{1,5})\\s*");
    private static final Pattern HEX = Pattern.compile("(?:0x)?((?:[0-9a-fA-F]{2})*)");
    private static final Pattern INTEGER = Pattern.compile("\\s*[-+]?\\d+\\s*");
    /** Epoch numbers above this are milliseconds (seconds this large are past the year 5000). */
    private static final double EPOCH_MILLIS_ABOVE = 1e11;

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
            return LwM2mResourceInstance.newInstance(path.getResourceInstanceId(), convert(text, t.type, value),
                    leshanType(t.type));
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
                    + " needs an object of resource values like {\"15\": \"UTC\"}, not " + describe(value));
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
                instances.put(e.getKey(), convert(text + "/" + e.getKey(), t.type, e.getValue()));
            }
            return LwM2mMultipleResource.newResource(resourceId, instances, leshanType(t.type));
        }
        return LwM2mSingleResource.newResource(resourceId, convert(text, t.type, value), leshanType(t.type));
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
            return toLong(n) != null ? ResourceType.INTEGER : ResourceType.FLOAT;
        }
        throw new ValueException("value for " + text + " must be a string, number, boolean or bytes, not " + describe(v));
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
        throw new ValueException(text + " is a multiple resource: give {instanceId: value}, not " + describe(value));
    }

    /** A value converted to the Java type Leshan uses for {@code type}. */
    static Object convert(String path, ResourceType type, Object v) throws ValueException {
        Object out = switch (type) {
            case STRING -> v instanceof String || v instanceof Number || v instanceof Boolean ? stringOf(v) : null;
            case INTEGER -> v instanceof Boolean ? null : toLong(v);
            case UNSIGNED_INTEGER -> v instanceof Boolean ? null : toUnsigned(v);
            case FLOAT -> toDouble(v);
            case BOOLEAN -> toBoolean(v);
            case TIME -> toTime(v);
            case OPAQUE -> toBytes(v);
            case OBJLNK -> toObjectLink(v);
            case CORELNK -> v instanceof String s ? toLinks(s) : null;
            case NONE -> null;
        };
        if (out == null) {
            throw new ValueException("value for " + path + " must be " + article(type) + " " + type.ddfName()
                    + hint(type) + ", not " + describe(v));
        }
        return out;
    }

    private static String hint(ResourceType type) {
        return switch (type) {
            case TIME -> " (ISO-8601 text or epoch seconds)";
            case OPAQUE -> " (bytes from convert.hexToBin or a hex string)";
            case OBJLNK -> " (\"objectId:instanceId\", like \"3:0\")";
            default -> "";
        };
    }

    private static String article(ResourceType type) {
        return type == ResourceType.INTEGER || type == ResourceType.OPAQUE || type == ResourceType.OBJLNK
                || type == ResourceType.UNSIGNED_INTEGER ? "an" : "a";
    }

    private static String stringOf(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(v);
    }

    static Long toLong(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? b.longValue() : null;
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9.2e18 ? (long) d : null;
        }
        if (v instanceof String s && INTEGER.matcher(s).matches()) {
            try {
                return Long.parseLong(s.trim().replace("+", ""));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static ULong toUnsigned(Object v) {
        BigInteger big = null;
        if (v instanceof BigInteger b) {
            big = b;
        } else if (v instanceof String s && INTEGER.matcher(s).matches()) {
            big = new BigInteger(s.trim().replace("+", ""));
        } else {
            Long l = toLong(v);
            big = l == null ? null : BigInteger.valueOf(l);
        }
        if (big == null || big.signum() < 0 || big.compareTo(ULong.MAX_VALUE) > 0) {
            return null;
        }
        return ULong.valueOf(big);
    }

    private static Double toDouble(Object v) {
        if (v instanceof Number n && !(v instanceof Boolean)) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        if (v instanceof String s) {
            try {
                double d = Double.parseDouble(s.trim());
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Boolean toBoolean(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "1" -> Boolean.TRUE;
                case "false", "0" -> Boolean.FALSE;
                default -> null;
            };
        }
        Long l = v instanceof Number ? toLong(v) : null;
        return l == null || (l != 0 && l != 1) ? null : l == 1;
    }

    private static Date toTime(Object v) {
        if (v instanceof Number n && !(v instanceof Boolean)) {
            return epoch(n.doubleValue());
        }
        if (v instanceof String s) {
            String t = s.trim();
            try {
                return Date.from(Instant.parse(t));
            } catch (DateTimeParseException e) {
                // not an instant with Z: try an offset, then a plain number
            }
            try {
                return Date.from(OffsetDateTime.parse(t).toInstant());
            } catch (DateTimeParseException e) {
                // not with an offset either
            }
            Double d = toDouble(t);
            return d == null ? null : epoch(d);
        }
        return null;
    }

    private static Date epoch(double value) {
        if (!Double.isFinite(value)) {
            return null;
        }
        long millis = Math.abs(value) > EPOCH_MILLIS_ABOVE ? (long) value : (long) (value * 1000);
        return new Date(millis);
    }

    private static byte[] toBytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof String s) {
            Matcher m = HEX.matcher(s.trim());
            return m.matches() ? HexFormat.of().parseHex(m.group(1)) : null;
        }
        return null;
    }

    private static ObjectLink toObjectLink(Object v) {
        if (!(v instanceof String s)) {
            return null;
        }
        Matcher m = OBJLNK.matcher(s);
        if (!m.matches()) {
            return null;
        }
        int object = Integer.parseInt(m.group(1));
        int instance = Integer.parseInt(m.group(2));
        return object > 65535 || instance > 65535 ? null : new ObjectLink(object, instance);
    }

    private static org.eclipse.leshan.core.link.Link[] toLinks(String s) {
        try {
            return new DefaultLinkParser().parseCoreLinkFormat(s.getBytes(StandardCharsets.UTF_8));
        } catch (LinkParseException e) {
            return null;
        }
    }

    /** The value as a script author would recognise it in an error message. */
    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (v instanceof byte[] b) {
            return b.length + " bytes";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof List<?>) {
            return "an array";
        }
        return String.valueOf(v);
    }

    static ResourceModel.Type leshanType(ResourceType t) {
        return switch (t) {
            case STRING -> ResourceModel.Type.STRING;
            case INTEGER -> ResourceModel.Type.INTEGER;
            case UNSIGNED_INTEGER -> ResourceModel.Type.UNSIGNED_INTEGER;
            case FLOAT -> ResourceModel.Type.FLOAT;
            case BOOLEAN -> ResourceModel.Type.BOOLEAN;
            case OPAQUE -> ResourceModel.Type.OPAQUE;
            case TIME -> ResourceModel.Type.TIME;
            case OBJLNK -> ResourceModel.Type.OBJLNK;
            case CORELNK -> ResourceModel.Type.CORELINK;
            case NONE -> ResourceModel.Type.NONE;
        };
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
