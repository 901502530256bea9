package io.lwm2mbridge.engine.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.reports.json.ReportJson;
import io.lwm2mbridge.engine.store.KeyValueStore;
import io.lwm2mbridge.engine.store.MemoryKeyValueStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reports and rows stored by earlier versions load, and are written back in the same form. */
class ReportStoredFormTest {

    @Test
    void a_report_in_todays_stored_form_loads_and_keeps_its_form() {
        MemoryKeyValueStore definitions = new MemoryKeyValueStore();
        MemoryKeyValueStore rows = new MemoryKeyValueStore();
        Map<String, Object> definition = Map.of("key", "r", "name", "Readings",
                "fields", List.of(Map.of("key", "temp", "name", "Temperature", "type", "number")),
                "created", "2026-01-02T03:04:05Z", "updated", "2026-01-02T03:04:05Z");
        definitions.put("r", definition);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", "a");
        row.put("name", null);
        row.put("ts", "2026-01-02T04:00:00Z");
        row.put("values", Map.of("temp", 21.5));
        rows.put("a", row);
        ReportService reports = new ReportService(definitions, key -> (KeyValueStore) rows, ReportJson.CODECS,
                Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC), () -> { });

        assertThat(ReportJson.definition(reports.definition("r").orElseThrow())).isEqualTo(definition);
        assertThat(ReportJson.row(reports.rows("r", null, 10).items().getFirst())).isEqualTo(row);

        reports.publish("r", "a", null, null, Map.of("rssi", -60));
        Map<String, Object> merged = new LinkedHashMap<>(row);
        merged.put("ts", "2026-02-01T00:00:00Z");
        merged.put("values", Map.of("temp", 21.5, "rssi", -60));
        assertThat(rows.get("a")).isEqualTo(merged);
    }
}
