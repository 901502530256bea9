package io.lwm2mbridge.engine.events.json;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.lwm2mbridge.engine.store.LogPages;
import io.lwm2mbridge.scripting.JsonBridge;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each payload record writes exactly the {@code data} object its event type always had (same fields, same
 * order, absent fields left out rather than null), and reads back from it into the same record.
 */
class EventDataTest {

    private static final Instant T = Instant.parse("2025-01-02T03:04:05Z");

    @Test
    void registration() {
        Map<String, Object> discovery = map("children", map("3", map("children", map("0", map()))),
                "attributes", map("raw", "</3/0>"));
        assertShape(EventType.LWM2M_REGISTER,
                new RegistrationData("UQ", "primary", "10.0.0.1:5683", "1.1", 300, true, "reg-1", discovery),
                map("binding", "UQ", "credentials", "primary", "remoteAddr", "10.0.0.1:5683", "version", "1.1",
                        "lifetime", 300L, "queueMode", true, "session", "reg-1", "discovery", discovery));
        assertShape(EventType.LWM2M_UPDATE,
                new RegistrationData("U", "none", "10.0.0.1:5683", "1.0", 60, false, "reg-2", discovery),
                map("binding", "U", "credentials", "none", "remoteAddr", "10.0.0.1:5683", "version", "1.0",
                        "lifetime", 60L, "queueMode", false, "session", "reg-2", "discovery", discovery));
    }

    @Test
    void deregistration() {
        assertShape(EventType.LWM2M_DEREGISTER, new DeregistrationData(true, "reg-1"),
                map("reason", "expired", "session", "reg-1"));
        assertShape(EventType.LWM2M_DEREGISTER, new DeregistrationData(false, "reg-1"),
                map("reason", "deregistered", "session", "reg-1"));
    }

    @Test
    void missing_and_bootstrap() {
        assertShape(EventType.LWM2M_MISSING, new MissingData(T), map("lastSeen", "2025-01-02T03:04:05Z"));
        assertShape(EventType.LWM2M_BOOTSTRAP, new BootstrapData("1.1", "10.0.0.1:5684"),
                map("version", "1.1", "remoteAddr", "10.0.0.1:5684"));
    }

    @Test
    void device_data_with_and_without_a_token() {
        Map<String, Object> tree = map("device_3", map("0", map("manufacturer_0", "Acme")));
        assertShape(EventType.LWM2M_DATA, new DeviceData("read", "3/0/0", tree, "name", null, null),
                map("source", "read", "path", "3/0/0", "data", tree, "translateIds", "name", "context", null));
        assertShape(EventType.LWM2M_DATA, new DeviceData("notify", "3/0", tree, "id", map("job", 7), "ab12"),
                map("source", "notify", "path", "3/0", "data", tree, "translateIds", "id", "context", map("job", 7),
                        "token", "ab12"));
    }

    @Test
    void results_as_device_calls_and_the_held_queue_write_them() {
        // a call that succeeded, with what the device request gave back
        assertShape(EventType.LWM2M_RESULT, new ResultData("observe", "3/0/13", true, null, false, null,
                map("tokens", map("3/0/13", "ab")), "ctx"),
                map("source", "observe", "path", "3/0/13", "success", true, "tokens", map("3/0/13", "ab"),
                        "context", "ctx"));
        // several paths, some failing
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("3/0/100", "coap: not found");
        assertShape(EventType.LWM2M_RESULT, new ResultData("read", "3/0/0,3/0/100", false, "partial success", false,
                errors, Map.of(), 1),
                map("source", "read", "path", "3/0/0,3/0/100", "success", false, "error", "partial success",
                        "partialErrors", map("3/0/100", "coap: not found"), "context", 1));
        // held for a sleeping device
        assertShape(EventType.LWM2M_RESULT, new ResultData("write", "3/0/14", true, null, true, null, null, "c"),
                map("source", "write", "path", "3/0/14", "success", true, "intermediate", true, "context", "c"));
        // a held call that could not be sent again
        assertShape(EventType.LWM2M_RESULT, new ResultData("write", "3/0/14", false, "gone", false, null, null, "c"),
                map("source", "write", "path", "3/0/14", "success", false, "error", "gone", "context", "c"));
    }

    @Test
    void errors() {
        assertShape(EventType.LWM2M_ERROR, new ErrorData("read", "3/0/0", "timeout", null, null),
                map("source", "read", "path", "3/0/0", "error", "timeout", "context", null));
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("3/0/0", "timeout");
        errors.put("3/0/1", "timeout");
        assertShape(EventType.LWM2M_ERROR, new ErrorData("read", "3/0/0,3/0/1", "timeout", errors, "c"),
                map("source", "read", "path", "3/0/0,3/0/1", "error", "timeout",
                        "partialErrors", map("3/0/0", "timeout", "3/0/1", "timeout"), "context", "c"));
    }

    @Test
    void firmware_status_and_complete() {
        assertShape(EventType.LWM2M_FIRMWARE_UPDATE_STATUS,
                new FirmwareStatusData("downloading", 1, "Initial value", 0, "job-1", map("k", "v")),
                map("state", "downloading", "stateCode", 1, "result", "Initial value", "resultCode", 0,
                        "jobId", "job-1", "context", map("k", "v")));
        assertShape(EventType.LWM2M_FIRMWARE_UPDATE_COMPLETE,
                new FirmwareCompleteData(true, "Firmware updated successfully", 1, T, T.plusSeconds(1),
                        T.plusSeconds(2), T.plusSeconds(3), T.plusSeconds(4), 4.0, "job-1", "fw.bin",
                        "coap://h/fw.bin", null),
                map("success", true, "result", "Firmware updated successfully", "resultCode", 1,
                        "dateStarted", "2025-01-02T03:04:05Z", "dateDownloading", "2025-01-02T03:04:06Z",
                        "dateDownloaded", "2025-01-02T03:04:07Z", "dateUpdating", "2025-01-02T03:04:08Z",
                        "dateComplete", "2025-01-02T03:04:09Z", "duration", 4.0, "jobId", "job-1", "file", "fw.bin",
                        "uri", "coap://h/fw.bin", "context", null));
        assertShape(EventType.LWM2M_FIRMWARE_UPDATE_COMPLETE,
                new FirmwareCompleteData(false, "Timed out while downloading", null, T, null, null, null, T, 0.0,
                        "job-2", null, "coap://h/x", "c"),
                map("success", false, "result", "Timed out while downloading", "resultCode", null,
                        "dateStarted", "2025-01-02T03:04:05Z", "dateDownloading", null, "dateDownloaded", null,
                        "dateUpdating", null, "dateComplete", "2025-01-02T03:04:05Z", "duration", 0.0,
                        "jobId", "job-2", "file", null, "uri", "coap://h/x", "context", "c"));
    }

    @Test
    void generic_cron_and_once() {
        assertShape(EventType.GENERIC, new GenericData(map("keys", List.of("a")), "exec.now", null),
                map("data", map("keys", List.of("a")), "source", "exec.now"));
        assertShape(EventType.GENERIC, new GenericData("text", "http", "POST"),
                map("data", "text", "source", "http", "method", "POST"));
        assertShape(EventType.CRON_EVENT, EmptyData.INSTANCE, map());
        assertShape(EventType.ONCE_EVENT, EmptyData.INSTANCE, map());
    }

    @Test
    void mqtt_message_and_result() {
        assertShape(EventType.MQTT_MESSAGE, new MqttMessageData("a/b", map("t", 21.5), 1, false, map("contentType", "x")),
                map("topic", "a/b", "payload", map("t", 21.5), "qos", 1, "retain", false,
                        "properties", map("contentType", "x")));
        assertShape(EventType.MQTT_RESULT, new MqttResultData("a/b", null, "c"),
                map("topic", "a/b", "success", true, "error", null, "context", "c"));
        assertShape(EventType.MQTT_RESULT, new MqttResultData("a/b", "not connected", null),
                map("topic", "a/b", "success", false, "error", "not connected", "context", null));
    }

    @Test
    void bytes_of_a_message_are_written_tagged_and_read_back_to_the_same_text() {
        MqttMessageData bytes = new MqttMessageData("a/b", new byte[] {(byte) 0xff, 0}, 0, true, Map.of());
        String json = JsonBridge.toJson(EventJson.data(bytes));
        assertThat(json).contains("\"payload\":{\"__bytes__\":\"ff00\"}");
        EventData back = EventDataReader.read(EventType.MQTT_MESSAGE, parse(json));
        assertThat(back).isInstanceOf(MqttMessageData.class);
        assertThat(JsonBridge.toJson(EventJson.data(back))).isEqualTo(json);
    }

    @Test
    void data_in_no_known_shape_stays_whole() {
        // a field this version does not write, a field missing, a field of another kind, fields out of order
        List<Map<String, Object>> foreign = List.of(
                map("reason", "expired", "session", "reg-1", "newField", 1),
                map("reason", "expired"),
                map("lastSeen", 12),
                map("session", "reg-1", "reason", "expired"),
                map("reason", "rebooted", "session", "reg-1"));
        EventType[] types = {EventType.LWM2M_DEREGISTER, EventType.LWM2M_DEREGISTER, EventType.LWM2M_MISSING,
                EventType.LWM2M_DEREGISTER, EventType.LWM2M_DEREGISTER};
        for (int i = 0; i < types.length; i++) {
            EventData read = EventDataReader.read(types[i], foreign.get(i));
            assertThat(read).isEqualTo(new RawData(foreign.get(i)));
            assertThat(JsonBridge.toJson(EventJson.data(read))).isEqualTo(JsonBridge.toJson(foreign.get(i)));
        }
        assertThat(EventDataReader.read(EventType.CRON_EVENT, map("n", 1))).isInstanceOf(RawData.class);
    }

    /** The record writes {@code expected} exactly, and reads back from its JSON into an equal record. */
    private static void assertShape(EventType type, EventData data, Map<String, Object> expected) {
        String json = JsonBridge.toJson(EventJson.data(data));
        assertThat(json).isEqualTo(JsonBridge.toJson(expected));
        EventData back = EventDataReader.read(type, parse(json));
        assertThat(back).isNotInstanceOf(RawData.class);
        assertThat(JsonBridge.toJson(EventJson.data(back))).isEqualTo(json);
    }

    /** As the event log reads what it stored. */
    private static Map<String, Object> parse(String json) {
        return LogPages.decode(json);
    }

    /** An ordered map of key, value pairs (null values allowed, unlike {@code Map.of}). */
    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
