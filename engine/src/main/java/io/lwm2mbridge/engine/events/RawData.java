package io.lwm2mbridge.engine.events;

import java.util.Map;

/**
 * Event data kept as the JSON object it is: stored in a shape no payload record reads (by an older or
 * newer version), shortened on the bus for being over {@code event_data_max_bytes}, or published in the
 * transitional map form.
 */
public record RawData(Map<String, Object> fields) implements EventData {

    public RawData {
        fields = fields == null ? Map.of() : fields;
    }
}
