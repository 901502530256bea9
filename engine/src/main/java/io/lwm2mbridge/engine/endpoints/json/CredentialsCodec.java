package io.lwm2mbridge.engine.endpoints.json;

import io.lwm2mbridge.engine.endpoints.Credentials;
import io.lwm2mbridge.engine.store.RecordCodec;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An endpoint's credentials as the credentials store keeps them: {@code {primary: {identity, pskHex,
 * x509Thumbprint}, alternate: {...}}}, a slot present only when set.
 */
public final class CredentialsCodec implements RecordCodec<Map<Credentials.Slot, Credentials>> {

    @Override
    public Map<String, Object> encode(Map<Credentials.Slot, Credentials> slots) {
        Map<String, Object> stored = new LinkedHashMap<>();
        new EnumMap<>(slots).forEach((slot, c) -> stored.put(slot.label(), stored(c)));
        return stored;
    }

    @Override
    public Map<Credentials.Slot, Credentials> decode(Map<String, Object> stored) {
        Map<Credentials.Slot, Credentials> out = new EnumMap<>(Credentials.Slot.class);
        for (Credentials.Slot slot : Credentials.Slot.values()) {
            if (stored.get(slot.label()) instanceof Map<?, ?> c) {
                out.put(slot, credentials(c));
            }
        }
        return out;
    }

    private static Map<String, Object> stored(Credentials c) {
        byte[] psk = c.psk();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("identity", c.identity());
        m.put("pskHex", psk == null ? null : HexFormat.of().formatHex(psk));
        m.put("x509Thumbprint", c.x509Thumbprint());
        return m;
    }

    private static Credentials credentials(Map<?, ?> m) {
        Object hex = m.get("pskHex");
        return new Credentials((String) m.get("identity"),
                hex == null ? null : HexFormat.of().parseHex((String) hex), (String) m.get("x509Thumbprint"));
    }
}
