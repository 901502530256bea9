package io.lwm2mbridge.engine.objects;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One definition an upload put in effect.
 *
 * @param replaced whether a definition of the same id and version (built-in or custom) was in effect before
 */
public record LoadedObject(int id, String name, String version, boolean replaced) {

    /** {@code {id, name, version, replaced}}, as the API returns it. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("version", version);
        m.put("replaced", replaced);
        return m;
    }
}
