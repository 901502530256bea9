package io.lwm2mbridge.engine.events.json;

import io.lwm2mbridge.engine.events.BootstrapData;
import io.lwm2mbridge.engine.events.DeregistrationData;
import io.lwm2mbridge.engine.events.DeviceData;
import io.lwm2mbridge.engine.events.EmptyData;
import io.lwm2mbridge.engine.events.ErrorData;
import io.lwm2mbridge.engine.events.EventData;
import io.lwm2mbridge.engine.events.FirmwareCompleteData;
import io.lwm2mbridge.engine.events.FirmwareStatusData;
import io.lwm2mbridge.engine.events.GenericData;
import io.lwm2mbridge.engine.events.MissingData;
import io.lwm2mbridge.engine.events.MqttMessageData;
import io.lwm2mbridge.engine.events.MqttResultData;
import io.lwm2mbridge.engine.events.RawData;
import io.lwm2mbridge.engine.events.RegistrationData;
import io.lwm2mbridge.engine.events.ResultData;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes {@link EventData} as the {@code data} object of an event: the one place that knows the field
 * names and their order, which scripts, {@code GET /events}, the event stream, the MQTT bridge and the
 * stored event log all share. Fields marked "left out" in a record's Javadoc are absent, not null.
 */
final class EventDataWriter {

    private EventDataWriter() {}

    static Map<String, Object> write(EventData data) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (data) {
            case RegistrationData r -> {
                m.put("binding", r.binding());
                m.put("credentials", r.credentials());
                m.put("remoteAddr", r.remoteAddr());
                m.put("version", r.version());
                m.put("lifetime", r.lifetime());
                m.put("queueMode", r.queueMode());
                m.put("session", r.session());
                m.put("discovery", r.discovery());
            }
            case DeregistrationData d -> {
                m.put("reason", d.reason());
                m.put("session", d.session());
            }
            case MissingData d -> m.put("lastSeen", text(d.lastSeen()));
            case BootstrapData b -> {
                m.put("version", b.version());
                m.put("remoteAddr", b.remoteAddr());
            }
            case DeviceData d -> {
                m.put("source", d.source());
                m.put("path", d.path());
                m.put("data", d.data());
                m.put("translateIds", d.translateIds());
                m.put("context", d.context());
                putIfSet(m, "token", d.token());
            }
            case ResultData r -> result(m, r);
            case ErrorData e -> {
                m.put("source", e.source());
                m.put("path", e.path());
                m.put("error", e.error());
                putIfSet(m, "partialErrors", e.partialErrors() == null ? null : new LinkedHashMap<>(e.partialErrors()));
                m.put("context", e.context());
            }
            case FirmwareStatusData s -> {
                m.put("state", s.state());
                m.put("stateCode", s.stateCode());
                m.put("result", s.result());
                m.put("resultCode", s.resultCode());
                m.put("jobId", s.jobId());
                m.put("context", s.context());
            }
            case FirmwareCompleteData c -> complete(m, c);
            case GenericData g -> {
                m.put("data", g.payload());
                m.put("source", g.source());
                putIfSet(m, "method", g.method());
            }
            case EmptyData e -> { }
            case MqttMessageData mm -> {
                m.put("topic", mm.topic());
                m.put("payload", mm.payload());
                m.put("qos", mm.qos());
                m.put("retain", mm.retain());
                m.put("properties", mm.properties() == null ? null : new LinkedHashMap<>(mm.properties()));
            }
            case MqttResultData r -> {
                m.put("topic", r.topic());
                m.put("success", r.success());
                m.put("error", r.error());
                m.put("context", r.context());
            }
            case RawData r -> m.putAll(r.fields());
        }
        return m;
    }

    private static void result(Map<String, Object> m, ResultData r) {
        m.put("source", r.source());
        m.put("path", r.path());
        m.put("success", r.success());
        putIfSet(m, "error", r.error());
        if (r.intermediate()) {
            m.put("intermediate", true);
        }
        putIfSet(m, "partialErrors", r.partialErrors() == null ? null : new LinkedHashMap<>(r.partialErrors()));
        r.returned().forEach(m::putIfAbsent);
        m.put("context", r.context());
    }

    private static void complete(Map<String, Object> m, FirmwareCompleteData c) {
        m.put("success", c.success());
        m.put("result", c.result());
        m.put("resultCode", c.resultCode());
        m.put("dateStarted", text(c.dateStarted()));
        m.put("dateDownloading", text(c.dateDownloading()));
        m.put("dateDownloaded", text(c.dateDownloaded()));
        m.put("dateUpdating", text(c.dateUpdating()));
        m.put("dateComplete", text(c.dateComplete()));
        m.put("duration", c.duration());
        m.put("jobId", c.jobId());
        m.put("file", c.file());
        m.put("uri", c.uri());
        m.put("context", c.context());
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
