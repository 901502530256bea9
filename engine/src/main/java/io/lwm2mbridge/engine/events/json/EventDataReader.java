package io.lwm2mbridge.engine.events.json;

import io.lwm2mbridge.engine.events.BootstrapData;
import io.lwm2mbridge.engine.events.DeregistrationData;
import io.lwm2mbridge.engine.events.DeviceData;
import io.lwm2mbridge.engine.events.EmptyData;
import io.lwm2mbridge.engine.events.ErrorData;
import io.lwm2mbridge.engine.events.EventData;
import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.events.FirmwareCompleteData;
import io.lwm2mbridge.engine.events.FirmwareStatusData;
import io.lwm2mbridge.engine.events.GenericData;
import io.lwm2mbridge.engine.events.MissingData;
import io.lwm2mbridge.engine.events.MqttMessageData;
import io.lwm2mbridge.engine.events.MqttResultData;
import io.lwm2mbridge.engine.events.RawData;
import io.lwm2mbridge.engine.events.RegistrationData;
import io.lwm2mbridge.engine.events.ResultData;
import io.lwm2mbridge.scripting.JsonBridge;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code data} object of a stored or given event back into its {@link EventData} record. A
 * record is only taken when writing it gives back exactly the JSON it was read from (same fields, order
 * and values); anything else, an older or newer shape or a shortened one, stays whole as {@link RawData},
 * so an event log never fails to load and an event never changes on the way through.
 */
public final class EventDataReader {

    /** The fields of {@code lwm2m-result} that are not something a device request gave back. */
    private static final Set<String> RESULT_FIELDS = Set.of("source", "path", "success", "error", "intermediate",
            "partialErrors", "context");

    private EventDataReader() {}

    /** The data of an event of {@code type}, typed when its shape is the one that type is written in. */
    public static EventData read(EventType type, Map<String, Object> fields) {
        if (fields == null) {
            return new RawData(Map.of());
        }
        EventData typed;
        try {
            typed = typed(type, new JsonFields(fields));
        } catch (IllegalArgumentException e) {
            return new RawData(fields);
        }
        boolean same = JsonBridge.toJson(EventDataWriter.write(typed)).equals(JsonBridge.toJson(fields));
        return same ? typed : new RawData(fields);
    }

    private static EventData typed(EventType type, JsonFields f) {
        return switch (type) {
            case LWM2M_REGISTER, LWM2M_UPDATE -> new RegistrationData(f.string("binding"), f.string("credentials"),
                    f.string("remoteAddr"), f.string("version"), f.wholeNumber("lifetime"), f.bool("queueMode"),
                    f.string("session"), f.object("discovery"));
            case LWM2M_DEREGISTER -> new DeregistrationData("expired".equals(f.string("reason")), f.string("session"));
            case LWM2M_MISSING -> new MissingData(f.instant("lastSeen"));
            case LWM2M_BOOTSTRAP -> new BootstrapData(f.string("version"), f.string("remoteAddr"));
            case LWM2M_DATA -> new DeviceData(f.string("source"), f.string("path"), f.object("data"),
                    f.string("translateIds"), f.value("context"), f.string("token"));
            case LWM2M_RESULT -> new ResultData(f.string("source"), f.string("path"), f.bool("success"),
                    f.string("error"), f.has("intermediate") && f.bool("intermediate"), f.texts("partialErrors"),
                    returned(f), f.value("context"));
            case LWM2M_ERROR -> new ErrorData(f.string("source"), f.string("path"), f.string("error"),
                    f.texts("partialErrors"), f.value("context"));
            case LWM2M_FIRMWARE_UPDATE_STATUS -> new FirmwareStatusData(f.string("state"), f.integer("stateCode"),
                    f.string("result"), f.integer("resultCode"), f.string("jobId"), f.value("context"));
            case LWM2M_FIRMWARE_UPDATE_COMPLETE -> new FirmwareCompleteData(f.optionalBool("success"),
                    f.string("result"), f.integer("resultCode"), f.instant("dateStarted"), f.instant("dateDownloading"),
                    f.instant("dateDownloaded"), f.instant("dateUpdating"), f.instant("dateComplete"),
                    f.decimal("duration"), f.string("jobId"), f.string("file"), f.string("uri"), f.value("context"));
            case GENERIC -> new GenericData(f.value("data"), f.string("source"), f.string("method"));
            case CRON_EVENT, ONCE_EVENT -> EmptyData.INSTANCE;
            case MQTT_MESSAGE -> new MqttMessageData(f.string("topic"), f.value("payload"),
                    (int) f.wholeNumber("qos"), f.bool("retain"), f.object("properties"));
            case MQTT_RESULT -> new MqttResultData(f.string("topic"), f.string("error"), f.value("context"));
        };
    }

    private static Map<String, Object> returned(JsonFields f) {
        Map<String, Object> returned = new LinkedHashMap<>();
        f.fields().forEach((k, v) -> {
            if (!RESULT_FIELDS.contains(k)) {
                returned.put(k, v);
            }
        });
        return returned;
    }
}
