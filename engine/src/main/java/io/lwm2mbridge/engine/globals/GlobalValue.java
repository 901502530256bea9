package io.lwm2mbridge.engine.globals;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One global value as it is kept: any JSON value, and whether the API hides it. Stored as
 * {@code {value, secret}}.
 */
record GlobalValue(Object value, boolean secret) {

    Map<String, Object> toStored() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", value);
        m.put("secret", secret);
        return m;
    }

    static GlobalValue fromStored(Map<String, Object> m) {
        return new GlobalValue(m.get("value"), Boolean.TRUE.equals(m.get("secret")));
    }
}
