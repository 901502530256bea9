package io.lwm2mbridge.engine.firmware.api;

import io.lwm2mbridge.engine.firmware.fota.Delivery;
import io.lwm2mbridge.engine.firmware.fota.DownloadProtocol;
import io.lwm2mbridge.engine.firmware.fota.FotaException;
import io.lwm2mbridge.engine.firmware.fota.FotaOptions;
import java.util.Locale;
import java.util.Map;
import org.eclipse.leshan.core.request.ContentFormat;

/**
 * Reads {@link FotaOptions} from the options object a script ({@code lwm2m.firmwareUpdate}) or an API caller
 * ({@code POST /endpoints/{key}/firmware}) gave; unknown options are ignored, as for every device call.
 */
final class FotaOptionsReader {

    private FotaOptionsReader() {}

    /**
     * @param raw the options object, or null for none
     * @throws FotaException naming the option and what it accepts
     */
    static FotaOptions read(Map<?, ?> raw) throws FotaException {
        if (raw == null) {
            return FotaOptions.defaults();
        }
        DownloadProtocol protocol = null;
        Object p = raw.get("protocol");
        if (p != null) {
            protocol = DownloadProtocol.ofScheme(String.valueOf(p).trim()).orElseThrow(() ->
                    invalid("protocol must be http, https, coap or coaps, not '" + p + "'"));
        }
        Delivery delivery = Delivery.PULL;
        Object d = raw.get("delivery");
        if (d != null) {
            delivery = switch (String.valueOf(d).trim().toLowerCase(Locale.ROOT)) {
                case "pull" -> Delivery.PULL;
                case "push" -> Delivery.PUSH;
                default -> throw invalid("delivery must be 'pull' or 'push', not '" + d + "'");
            };
        }
        return new FotaOptions(protocol, delivery, instance(raw.get("instance")), raw.get("context"),
                flag(raw, "noEpid"), flag(raw, "resetUri"), encoding(raw.get("encoding")));
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
        throw invalid("instance must be an object instance id from 0 to 65534, not '" + v + "'");
    }

    private static boolean flag(Map<?, ?> raw, String name) throws FotaException {
        Object v = raw.get(name);
        if (v == null || Boolean.FALSE.equals(v) || "false".equals(v)) {
            return false;
        }
        if (Boolean.TRUE.equals(v) || "true".equals(v)) {
            return true;
        }
        throw invalid(name + " must be true or false, not '" + v + "'");
    }

    private static ContentFormat encoding(Object v) throws FotaException {
        if (v == null) {
            return ContentFormat.TEXT;
        }
        return FotaOptions.encodingNamed(String.valueOf(v)).orElseThrow(() -> invalid("unknown encoding '" + v
                + "' (expected text, tlv, opaque, json, senml_json, senml_cbor or cbor)"));
    }

    private static FotaException invalid(String message) {
        return FotaException.badRequest(message);
    }
}
