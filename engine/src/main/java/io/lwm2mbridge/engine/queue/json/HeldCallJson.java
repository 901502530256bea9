package io.lwm2mbridge.engine.queue.json;

import io.lwm2mbridge.engine.device.CallRequest;
import io.lwm2mbridge.engine.device.json.ScriptForm;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A held call as the store keeps it and {@code GET /api/v1/endpoints/{key}/queue} lists it: the script call
 * that makes it ({@link ScriptForm}: {@code function} and {@code args}, read back by the same parser as a
 * script's), the {@code source} and {@code paths} of its events, its {@code context}, and when it was held.
 */
public final class HeldCallJson {

    private HeldCallJson() {}

    public static Map<String, Object> stored(CallRequest call, Instant heldAt) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("endpoint", call.endpoint());
        value.put("function", ScriptForm.function(call.operation()));
        value.put("args", ScriptForm.args(call));
        value.put("source", call.operation().source());
        value.put("paths", call.operation().pathNames());
        value.put("hasContext", call.options().hasContext());
        value.put("context", call.options().context());
        value.put("heldAt", heldAt.toString());
        return value;
    }
}
