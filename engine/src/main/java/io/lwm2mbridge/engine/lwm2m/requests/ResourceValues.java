package io.lwm2mbridge.engine.lwm2m.requests;

import io.lwm2mbridge.objects.ResourceType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.leshan.core.link.DefaultLinkParser;
import org.eclipse.leshan.core.link.LinkParseException;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.node.ObjectLink;
import org.eclipse.leshan.core.util.datatype.ULong;

/**
 * Script values converted to the Java types Leshan uses for each LwM2M resource type: strings, whole and
 * unsigned numbers in their natural spellings, booleans, ISO or epoch times, Opaque from bytes or hex,
 * Objlnk from "3:0", Corelnk from link text; and values named as a script author would recognise them in
 * an error message. A value that does not fit is refused with the path and the type.
 */
final class ResourceValues {

    private static final Pattern OBJLNK = Pattern.compile("\\s*(\\d{1,5})\\s*:\\s*(\\d{1,5})\\s*");
    private static final Pattern HEX = Pattern.compile("(?:0x)?((?:[0-9a-fA-F]{2})*)");
    private static final Pattern INTEGER = Pattern.compile("\\s*[-+]?\\d+\\s*");
    /** Epoch numbers above this are milliseconds (seconds this large are past the year 5000). */
    private static final double EPOCH_MILLIS_ABOVE = 1e11;

    private ResourceValues() {}

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
}
