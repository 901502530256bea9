package io.lwm2mbridge.engine.firmware.fota;

import java.util.Locale;
import java.util.Map;
import org.eclipse.leshan.core.request.ContentFormat;

/**
 * The options of {@code lwm2m.firmwareUpdate} (and of {@code POST /endpoints/{key}/firmware}); unknown
 * ones are ignored, as for every device call.
 *
 * @param protocol how an inventory file is downloaded; null for a full URI, which says it itself
 * @param delivery pull (write 5/x/1) or push (write 5/x/0)
 * @param instance the Firmware Update object instance, 0 unless the device has several
 * @param context echoed in every event of the update; null when none was given
 * @param noEpid leave {@code epid=<endpoint>} out of inventory URIs
 * @param resetUri write an empty Package URI first, to bring the device's state machine back to Idle
 * @param encoding the content format of that reset write
 */
public record FotaOptions(DownloadProtocol protocol, Delivery delivery, int instance, Object context, boolean noEpid,
        boolean resetUri, ContentFormat encoding) {

    /** The defaults: http, pull, instance 0, no context, epid on, no reset, text. */
    public static FotaOptions defaults() {
        return new FotaOptions(null, Delivery.PULL, 0, null, false, false, ContentFormat.TEXT);
    }

    /**
     * Reads the options a script or API caller gave.
     *
     * @throws FotaException naming the option and what it accepts
     */
    public static FotaOptions parse(Map<String, Object> raw) throws FotaException {
        if (raw == null) {
            return defaults();
        }
        DownloadProtocol protocol = null;
        Object p = raw.get("protocol");
        if (p != null) {
            protocol = DownloadProtocol.ofScheme(String.valueOf(p).trim()).orElseThrow(() ->
                    FotaException.badRequest("protocol must be http, https, coap or coaps, not '" + p + "'"));
        }
        Delivery delivery = Delivery.PULL;
        Object d = raw.get("delivery");
        if (d != null) {
            delivery = switch (String.valueOf(d).trim().toLowerCase(Locale.ROOT)) {
                case "pull" -> Delivery.PULL;
                case "push" -> Delivery.PUSH;
                default -> throw FotaException.badRequest("delivery must be 'pull' or 'push', not '" + d + "'");
            };
        }
        return new FotaOptions(protocol, delivery, instance(raw.get("instance")), raw.get("context"),
                flag(raw, "noEpid"), flag(raw, "resetUri"), encoding(raw.get("encoding")));
    }

    /** The protocol an inventory file is served with: the one asked for, else http. */
    public DownloadProtocol protocolOrDefault() {
        return protocol == null ? DownloadProtocol.HTTP : protocol;
    }

    private static int instance(Object v) throws FotaException {
        if (v == null) {
            return 0;
        }
        String text = v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                ? Long.toString(n.longValue()) : String.valueOf(v).trim();
        if (text.matches("\\d{1,5}") && Integer.parseInt(text) <= 65534) {
            return Integer.parseInt(text);
        }
        throw FotaException.badRequest("instance must be an object instance id from 0 to 65534, not '" + v + "'");
    }

    private static boolean flag(Map<String, Object> raw, String name) throws FotaException {
        Object v = raw.get(name);
        if (v == null || Boolean.FALSE.equals(v) || "false".equals(v)) {
            return false;
        }
        if (Boolean.TRUE.equals(v) || "true".equals(v)) {
            return true;
        }
        throw FotaException.badRequest(name + " must be true or false, not '" + v + "'");
    }

    private static ContentFormat encoding(Object v) throws FotaException {
        if (v == null) {
            return ContentFormat.TEXT;
        }
        return switch (String.valueOf(v).trim().toLowerCase(Locale.ROOT)) {
            case "text" -> ContentFormat.TEXT;
            case "tlv" -> ContentFormat.TLV;
            case "opaque" -> ContentFormat.OPAQUE;
            case "json" -> ContentFormat.JSON;
            case "senml_json", "senml-json" -> ContentFormat.SENML_JSON;
            case "senml_cbor", "senml-cbor" -> ContentFormat.SENML_CBOR;
            case "cbor" -> ContentFormat.CBOR;
            default -> throw FotaException.badRequest("unknown encoding '" + v
                    + "' (expected text, tlv, opaque, json, senml_json, senml_cbor or cbor)");
        };
    }

    /** A stored encoding name read back; text when it is missing or unknown. */
    static ContentFormat encodingOrText(Object name) {
        try {
            return encoding(name);
        } catch (FotaException e) {
            return ContentFormat.TEXT;
        }
    }

    /** The encoding as the options spell it, for storing a job. */
    static String encodingName(ContentFormat f) {
        if (f == null) {
            return "text";
        }
        return switch (f.getCode()) {
            case ContentFormat.TLV_CODE -> "tlv";
            case ContentFormat.OPAQUE_CODE -> "opaque";
            case ContentFormat.JSON_CODE -> "json";
            case ContentFormat.SENML_JSON_CODE -> "senml_json";
            case ContentFormat.SENML_CBOR_CODE -> "senml_cbor";
            case ContentFormat.CBOR_CODE -> "cbor";
            default -> "text";
        };
    }
}
