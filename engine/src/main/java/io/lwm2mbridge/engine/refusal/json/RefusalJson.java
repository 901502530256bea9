package io.lwm2mbridge.engine.refusal.json;

import io.lwm2mbridge.engine.refusal.RefusalDetails;
import java.util.LinkedHashMap;
import java.util.Map;

/** A refusal's details as the API writes them: the parts that apply, in the order index, field, id, line, column, message. */
public final class RefusalJson {

    private RefusalJson() {}

    /** The {@code details} object of an error answer, or null when the refusal has none. */
    public static Map<String, Object> details(RefusalDetails details) {
        if (details == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        putIfSet(out, "index", details.index());
        putIfSet(out, "field", details.field());
        putIfSet(out, "id", details.id());
        putIfSet(out, "line", details.line());
        putIfSet(out, "column", details.column());
        putIfSet(out, "message", details.message());
        return out;
    }

    private static void putIfSet(Map<String, Object> out, String name, Object value) {
        if (value != null) {
            out.put(name, value);
        }
    }
}
