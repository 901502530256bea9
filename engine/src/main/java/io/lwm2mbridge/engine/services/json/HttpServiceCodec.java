package io.lwm2mbridge.engine.services.json;

import io.lwm2mbridge.engine.services.HttpService;
import io.lwm2mbridge.engine.store.JsonValues;
import io.lwm2mbridge.engine.store.RecordCodec;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@link HttpService} as the store keeps it: {@code {key, type: "http", baseUrl, headers, basicAuth:
 * {username, password}, timeoutSeconds}}. The MQTT services share the map; they are not this codec's.
 */
public final class HttpServiceCodec implements RecordCodec<HttpService> {

    @Override
    public Map<String, Object> encode(HttpService s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", s.key());
        m.put("type", "http");
        m.put("baseUrl", s.baseUrl().toString());
        m.put("headers", new LinkedHashMap<>(s.headers()));
        Map<String, Object> auth = null;
        if (s.username() != null) {
            auth = new LinkedHashMap<>();
            auth.put("username", s.username());
            auth.put("password", s.password());
        }
        m.put("basicAuth", auth);
        m.put("timeoutSeconds", s.timeoutSeconds());
        return m;
    }

    @Override
    public HttpService decode(Map<String, Object> m) {
        if ("mqtt".equals(m.get("type"))) {
            return null;
        }
        Map<String, Object> auth = JsonValues.object(m.get("basicAuth"));
        Map<String, String> headers = new LinkedHashMap<>();
        JsonValues.objectOrEmpty(m.get("headers")).forEach((k, v) -> headers.put(k, String.valueOf(v)));
        Long timeout = JsonValues.whole(m.get("timeoutSeconds"));
        return new HttpService(JsonValues.text(m.get("key")), URI.create(JsonValues.text(m.get("baseUrl"))), headers,
                auth == null ? null : JsonValues.text(auth.get("username")),
                auth == null ? null : JsonValues.text(auth.get("password")),
                timeout == null ? null : timeout.intValue());
    }
}
