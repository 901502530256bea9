package io.lwm2mbridge.engine.mqtt;

import io.lwm2mbridge.engine.store.JsonValues;
import io.lwm2mbridge.engine.store.RecordCodec;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@link MqttService} as the store keeps it: {@code {key, type: "mqtt", uri, clientId, username, password,
 * keepAliveSeconds, cleanStart, protocolVersion, caCertificate, clientCertificate, clientKey}}, in the map
 * the HTTP services use too; those are not this codec's.
 */
final class MqttServiceCodec implements RecordCodec<MqttService> {

    static final int DEFAULT_KEEP_ALIVE_S = 60;

    @Override
    public Map<String, Object> encode(MqttService s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", s.key());
        m.put("type", MqttServices.TYPE);
        m.put("uri", s.uri().toString());
        m.put("clientId", s.clientId());
        m.put("username", s.username());
        m.put("password", s.password());
        m.put("keepAliveSeconds", s.keepAliveSeconds());
        m.put("cleanStart", s.cleanStart());
        m.put("protocolVersion", s.protocolVersion());
        m.put("caCertificate", s.caCertificate());
        m.put("clientCertificate", s.clientCertificate());
        m.put("clientKey", s.clientKey());
        return m;
    }

    @Override
    public MqttService decode(Map<String, Object> m) {
        if (!MqttServices.TYPE.equals(m.get("type"))) {
            return null;
        }
        Long keepAlive = JsonValues.whole(m.get("keepAliveSeconds"));
        String version = JsonValues.text(m.get("protocolVersion"));
        return new MqttService(JsonValues.text(m.get("key")), URI.create(JsonValues.text(m.get("uri"))),
                JsonValues.text(m.get("clientId")), JsonValues.text(m.get("username")),
                JsonValues.text(m.get("password")), keepAlive == null ? DEFAULT_KEEP_ALIVE_S : keepAlive.intValue(),
                !Boolean.FALSE.equals(m.get("cleanStart")), version == null ? MqttService.V5 : version,
                JsonValues.text(m.get("caCertificate")), JsonValues.text(m.get("clientCertificate")),
                JsonValues.text(m.get("clientKey")));
    }
}
