package io.lwm2mbridge.engine.bootstrap.json;

import io.lwm2mbridge.engine.store.JsonValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys in a stored bootstrap configuration ({@code pskHex}, {@code privateKeyHex} of its servers): taken
 * out of what the API shows (as {@code pskSet}, {@code privateKeySet}) and kept when a configuration read
 * back that way is sent again. Works on the configuration document, as the operator gave it.
 */
final class ConfigSecrets {

    static final Set<String> SECRET_FIELDS = Set.of("pskHex", "privateKeyHex");

    private ConfigSecrets() {}

    /**
     * A configuration read back from the API and sent again keeps its secrets: a server entry that says
     * {@code pskSet: true} (or {@code privateKeySet}) instead of giving {@code pskHex} gets the key stored for
     * the same {@code shortServerId}; the {@code ...Set} flags themselves are never stored. A flag with no
     * stored key to keep is refused, naming the field to give.
     */
    static Map<String, Object> keep(Map<String, Object> given, Map<String, Object> stored) {
        if (!(given.get("servers") instanceof List<?> servers)) {
            return given;
        }
        Map<Object, Map<String, Object>> storedById = new LinkedHashMap<>();
        if (stored.get("servers") instanceof List<?> old) {
            for (Object s : old) {
                Map<String, Object> sm = JsonValues.object(s);
                if (sm != null) {
                    storedById.put(String.valueOf(sm.get("shortServerId")), sm);
                }
            }
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            Object s = servers.get(i);
            Map<String, Object> m = JsonValues.object(s);
            if (m == null) {
                out.add(s);
                continue;
            }
            for (String secret : SECRET_FIELDS) {
                String flag = secret.replace("Hex", "Set");
                Object kept = m.remove(flag);
                if (Boolean.TRUE.equals(kept) && m.get(secret) == null) {
                    Map<String, Object> before = storedById.get(String.valueOf(m.get("shortServerId")));
                    Object value = before == null ? null : before.get(secret);
                    if (value == null) {
                        throw new IllegalArgumentException("servers[" + i + "]." + flag + " is true but no " + secret
                                + " is stored for shortServerId " + m.get("shortServerId") + ": give " + secret);
                    }
                    m.put(secret, value);
                }
            }
            out.add(m);
        }
        Map<String, Object> copy = new LinkedHashMap<>(given);
        copy.put("servers", out);
        return copy;
    }

    /** The stored form with its secrets taken out, for API answers. */
    static Map<String, Object> redact(Map<String, Object> stored) {
        Map<String, Object> copy = new LinkedHashMap<>(stored);
        if (copy.get("servers") instanceof List<?> servers) {
            List<Object> out = new ArrayList<>();
            for (Object s : servers) {
                Map<String, Object> m = JsonValues.object(s);
                if (m != null) {
                    for (String secret : SECRET_FIELDS) {
                        if (m.remove(secret) != null) {
                            m.put(secret.replace("Hex", "Set"), true);
                        }
                    }
                    out.add(m);
                } else {
                    out.add(s);
                }
            }
            copy.put("servers", out);
        }
        return copy;
    }
}
