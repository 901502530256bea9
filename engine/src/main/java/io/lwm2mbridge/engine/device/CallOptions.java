package io.lwm2mbridge.engine.device;

import io.lwm2mbridge.objects.IdFormat;
import io.lwm2mbridge.scripting.HostCallException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.eclipse.leshan.core.request.ContentFormat;

/**
 * How a device call is made, from the options object of SCRIPTING.md ({@code async}, {@code context},
 * {@code encoding}, {@code timeout}, {@code translateIds}, {@code replace}, {@code return}); unknown
 * options are ignored. {@code composite} belongs to the operation ({@link DeviceOperation}), since it
 * makes another LwM2M operation.
 *
 * @param async return at once and end in events (the default)
 * @param context echoed into every event of the call; null for none
 * @param timeout how long the device may take; null for {@code device_timeout_s}
 * @param format the content format asked for; null to let Leshan and the client choose
 * @param encoding the encoding's name as errors spell it ("senml_json"); null when none is asked for
 * @param ids the key format of the data; null for {@code translate_ids}
 * @param replace an instance write replaces the instance (PUT) instead of updating it (POST)
 * @param returnValue {@code return: 'value'}: a read of one resource returns {@code {value}}
 */
public record CallOptions(boolean async, Object context, Duration timeout, ContentFormat format, String encoding,
        IdFormat ids, boolean replace, boolean returnValue) {

    public boolean hasContext() {
        return context != null;
    }

    public boolean hasEncoding() {
        return encoding != null;
    }

    /** The encoding's name as errors spell it: "tlv", the default of writes, when none is asked for. */
    public String encodingName() {
        return encoding == null ? "tlv" : encoding;
    }

    /** {@code options} without checking them: only {@code async} and {@code context}, for a call that asks nothing. */
    static CallOptions unchecked(Map<?, ?> options) {
        return new CallOptions(async(options), options.get("context"), null, null, null, null, false, false);
    }

    /**
     * Reads and checks the options. The content format and the key format are checked only for the
     * calls that use them ({@code withFormat}, {@code withIds}), so another call ignores them as it
     * ignores any unknown option.
     */
    static CallOptions parse(String function, Map<?, ?> options, boolean withFormat, boolean withIds)
            throws HostCallException {
        ContentFormat format = withFormat ? contentFormat(function, options.get("encoding")) : null;
        IdFormat ids = withIds ? idFormat(function, options.get("translateIds")) : null;
        Object encoding = options.get("encoding");
        return new CallOptions(async(options), options.get("context"), timeout(function, options.get("timeout")), format,
                encoding == null ? null : String.valueOf(encoding).toLowerCase(Locale.ROOT).replace('-', '_'), ids,
                flag(options.get("replace")), "value".equals(options.get("return")));
    }

    private static boolean async(Map<?, ?> options) {
        return !Boolean.FALSE.equals(options.get("async")) && !"false".equals(options.get("async"));
    }

    /** {@code true} or {@code "true"}. */
    static boolean flag(Object v) {
        return Boolean.TRUE.equals(v) || "true".equals(v);
    }

    /** {@code translateIds}; null when not given. */
    static IdFormat idFormat(String function, Object v) throws HostCallException {
        if (v == null) {
            return null;
        }
        try {
            return IdFormat.fromOption(String.valueOf(v));
        } catch (IllegalArgumentException e) {
            throw HostCallException.typeError(function + ": translateIds must be combined, strings or numbers, not '"
                    + v + "'");
        }
    }

    private static Duration timeout(String function, Object v) throws HostCallException {
        if (v == null) {
            return null;
        }
        double seconds;
        if (v instanceof Number n) {
            seconds = n.doubleValue();
        } else {
            try {
                seconds = Double.parseDouble(String.valueOf(v));
            } catch (NumberFormatException e) {
                throw HostCallException.typeError(function + ": timeout must be a number of seconds, not '" + v + "'");
            }
        }
        if (!(seconds > 0) || seconds > 86_400) {
            throw HostCallException.rangeError(function + ": timeout must be between 0 and 86400 seconds");
        }
        return Duration.ofMillis((long) (seconds * 1000));
    }

    private static ContentFormat contentFormat(String function, Object v) throws HostCallException {
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
            default -> throw HostCallException.typeError(function + ": unknown encoding '" + v
                    + "' (expected text, opaque, tlv, json, senml_json, senml_cbor or cbor)");
        };
    }
}
