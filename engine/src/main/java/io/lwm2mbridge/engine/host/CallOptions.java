package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.objects.IdFormat;
import io.lwm2mbridge.scripting.HostCallException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.eclipse.leshan.core.request.ContentFormat;

/** The options common to device calls ({@code async}, {@code context}, {@code encoding}, ...); unknown ones are ignored. */
public final class CallOptions {

    private final String function;
    private final Map<String, Object> raw;

    CallOptions(String function, Map<String, Object> raw) {
        this.function = function;
        this.raw = raw;
    }

    /** Default true: return at once and deliver results as events. */
    boolean async() {
        return !Boolean.FALSE.equals(raw.get("async")) && !"false".equals(raw.get("async"));
    }

    boolean composite() {
        return Boolean.TRUE.equals(raw.get("composite")) || "true".equals(raw.get("composite"));
    }

    /** {@code replace: true}: an instance write replaces the instance (PUT) instead of updating it (POST). */
    boolean replace() {
        return flag("replace", false);
    }

    /** {@code includeUpdateTimes} of {@code lastKnown}; default true. */
    boolean includeUpdateTimes() {
        return flag("includeUpdateTimes", true);
    }

    private boolean flag(String name, boolean fallback) {
        Object v = raw.get(name);
        if (v == null) {
            return fallback;
        }
        return Boolean.TRUE.equals(v) || "true".equals(v);
    }

    boolean hasEncoding() {
        return raw.get("encoding") != null;
    }

    /** The encoding's name as errors spell it ("tlv" when none is asked for, the default of writes). */
    String encodingName() {
        Object v = raw.get("encoding");
        return v == null ? "tlv" : String.valueOf(v).toLowerCase(Locale.ROOT).replace('-', '_');
    }

    boolean hasContext() {
        return raw.containsKey("context") && raw.get("context") != null;
    }

    Object context() {
        return raw.get("context");
    }

    boolean returnValue() {
        return "value".equals(raw.get("return"));
    }

    IdFormat idFormat(IdFormat fallback) throws HostCallException {
        Object v = raw.get("translateIds");
        if (v == null) {
            return fallback;
        }
        try {
            return IdFormat.fromOption(String.valueOf(v));
        } catch (IllegalArgumentException e) {
            throw new HostCallException(function + ": translateIds must be combined, strings or numbers, not '" + v + "'",
                    "TypeError");
        }
    }

    Duration timeout(Duration fallback) throws HostCallException {
        Object v = raw.get("timeout");
        if (v == null) {
            return fallback;
        }
        double seconds;
        if (v instanceof Number n) {
            seconds = n.doubleValue();
        } else {
            try {
                seconds = Double.parseDouble(String.valueOf(v));
            } catch (NumberFormatException e) {
                throw new HostCallException(function + ": timeout must be a number of seconds, not '" + v + "'", "TypeError");
            }
        }
        if (!(seconds > 0) || seconds > 86_400) {
            throw new HostCallException(function + ": timeout must be between 0 and 86400 seconds", "RangeError");
        }
        return Duration.ofMillis((long) (seconds * 1000));
    }

    /** The content format asked for, or null to let Leshan and the client choose. */
    ContentFormat contentFormat() throws HostCallException {
        Object v = raw.get("encoding");
        if (v == null) {
            return null;
        }
        return switch (String.valueOf(v).toLowerCase(Locale.ROOT)) {
            case "text" -> ContentFormat.TEXT;
            case "opaque" -> ContentFormat.OPAQUE;
            case "tlv" -> ContentFormat.TLV;
            case "json" -> ContentFormat.JSON;
            case "senml_json", "senml-json" -> ContentFormat.SENML_JSON;
            case "senml_cbor", "senml-cbor" -> ContentFormat.SENML_CBOR;
            case "cbor" -> ContentFormat.CBOR;
            default -> throw new HostCallException(function + ": unknown encoding '" + v
                    + "' (expected text, opaque, tlv, json, senml_json, senml_cbor or cbor)", "TypeError");
        };
    }
}
