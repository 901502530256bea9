package io.lwm2mbridge.engine.firmware.fota;

import java.util.Locale;
import java.util.Optional;
import org.eclipse.leshan.core.request.ContentFormat;

/**
 * The options of {@code lwm2m.firmwareUpdate} (and of {@code POST /endpoints/{key}/firmware}), read from
 * the caller's JSON by {@code firmware.api.FotaOptionsReader}.
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

    /** The protocol an inventory file is served with: the one asked for, else http. */
    public DownloadProtocol protocolOrDefault() {
        return protocol == null ? DownloadProtocol.HTTP : protocol;
    }

    /**
     * The encoding an option or a stored job names ({@code text}, {@code tlv}, {@code senml_json}, ...), in
     * any case; empty when the name is none of them.
     */
    public static Optional<ContentFormat> encodingNamed(String name) {
        return Optional.ofNullable(switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> ContentFormat.TEXT;
            case "tlv" -> ContentFormat.TLV;
            case "opaque" -> ContentFormat.OPAQUE;
            case "json" -> ContentFormat.JSON;
            case "senml_json", "senml-json" -> ContentFormat.SENML_JSON;
            case "senml_cbor", "senml-cbor" -> ContentFormat.SENML_CBOR;
            case "cbor" -> ContentFormat.CBOR;
            default -> null;
        });
    }

    /** The encoding as the options spell it, for storing a job. */
    public static String encodingName(ContentFormat f) {
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
