package io.lwm2mbridge.engine.objects.api;

import io.lwm2mbridge.engine.objects.CatalogEntry;
import io.lwm2mbridge.engine.objects.FileProblem;
import io.lwm2mbridge.objects.json.ObjectDefView;
import java.util.LinkedHashMap;
import java.util.Map;

/** The object catalog as {@code /api/v1/objects} writes it: list entries, what an upload loaded, its problems. */
public final class ObjectsJson {

    private ObjectsJson() {}

    /**
     * A list entry: the {@code lwm2m.getObjectDef} shape of the latest definition plus {@code custom} and
     * {@code versions}.
     */
    public static Map<String, Object> entry(CatalogEntry e) {
        Map<String, Object> item = ObjectDefView.toDef(e.latest());
        item.put("custom", e.custom());
        item.put("versions", e.versions());
        return item;
    }

    /** {@code {file?, line, column, message}}. */
    public static Map<String, Object> problem(FileProblem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (p.file() != null) {
            m.put("file", p.file());
        }
        m.put("line", p.line());
        m.put("column", p.column());
        m.put("message", p.message());
        return m;
    }
}
