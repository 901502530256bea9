package io.lwm2mbridge.engine.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lwm2mbridge.engine.reports.json.ReportJson;
import io.lwm2mbridge.engine.store.KeyValueStore;
import io.lwm2mbridge.engine.store.MemoryKeyValueStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each report rule of the trigger contract, on an in-memory store. */
class ReportServiceTest {

    private static final Instant T1 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2024-05-01T11:00:00Z");

    private final Map<String, KeyValueStore> rowStores = new HashMap<>();
    private final ReportService reports = new ReportService(new MemoryKeyValueStore(),
            key -> rowStores.computeIfAbsent(key, k -> new MemoryKeyValueStore()),
            ReportJson.CODECS, Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC), () -> {});

    private Map<String, Object> row(String report, String key) {
        return reports.rows(report, null, 1000).items().stream().filter(r -> key.equals(r.key())).findFirst()
                .map(ReportJson::row).orElseThrow();
    }

    /** Defines a report as {@code POST /reports} does. */
    private ReportDefinition create(Map<String, Object> body) {
        return reports.create(ReportJson.key(body), () -> ReportJson.draft(body));
    }

    @Test
    void publish_creates_the_report_on_first_use_with_no_declared_fields() {
        reports.publish("connectivity", "dev-1", T1, "Device 1", Map.of("status", "up"));
        Map<String, Object> d = ReportJson.definition(reports.definition("connectivity").orElseThrow());
        assertThat(d).containsEntry("key", "connectivity").containsEntry("name", "connectivity")
                .containsEntry("fields", List.of());
        assertThat(row("connectivity", "dev-1")).isEqualTo(Map.of("key", "dev-1", "name", "Device 1",
                "ts", "2024-05-01T10:00:00Z", "values", Map.of("status", "up")));
    }

    @Test
    void publish_uses_the_definition_made_over_the_api_and_keeps_its_fields() {
        create(Map.of("key", "r", "name", "Readings", "fields",
                List.of(Map.of("key", "temp", "name", "Temperature", "type", "number"))));
        reports.publish("r", "a", T1, null, Map.of("temp", 21.5));
        Map<String, Object> d = ReportJson.definition(reports.definition("r").orElseThrow());
        assertThat(d.get("name")).isEqualTo("Readings");
        assertThat(d.get("fields")).isEqualTo(List.of(Map.of("key", "temp", "name", "Temperature", "type", "number")));
    }

    @Test
    void publish_merges_values_field_by_field_so_several_triggers_fill_one_row() {
        reports.publish("r", "a", T1, null, Map.of("battery", 80, "rssi", -70));
        reports.publish("r", "a", T2, null, Map.of("firmware", "1.2", "rssi", -60));
        assertThat(row("r", "a").get("values")).isEqualTo(Map.of("battery", 80, "rssi", -60, "firmware", "1.2"));
        assertThat(row("r", "a").get("ts")).isEqualTo("2024-05-01T11:00:00Z");
    }

    @Test
    void name_is_optional_and_an_absent_name_keeps_the_rows_name() {
        reports.publish("r", "a", T1, null, Map.of("x", 1));
        assertThat(row("r", "a").get("name")).isNull();
        reports.publish("r", "a", T1, "Pump A", Map.of());
        reports.publish("r", "a", T2, null, Map.of("y", 2));
        assertThat(row("r", "a").get("name")).isEqualTo("Pump A");
    }

    @Test
    void values_of_undeclared_fields_and_of_another_type_are_kept_as_given() {
        create(Map.of("key", "typed", "fields", List.of(Map.of("key", "count", "type", "number"),
                Map.of("key", "ok", "type", "boolean"))));
        reports.publish("typed", "a", T1, null, Map.of("count", "twelve", "ok", "yes", "extra", Map.of("n", 1)));
        assertThat(row("typed", "a").get("values")).isEqualTo(Map.of("count", "twelve", "ok", "yes",
                "extra", Map.of("n", 1)));
    }

    @Test
    void a_missing_ts_is_now() {
        reports.publish("r", "a", null, null, Map.of());
        assertThat(row("r", "a").get("ts")).isEqualTo("2024-06-01T00:00:00Z");
    }

    @Test
    void clone_copies_the_definition_and_not_the_rows() {
        create(Map.of("key", "src", "name", "Source", "fields", List.of(Map.of("key", "v", "type", "number"))));
        reports.publish("src", "a", T1, null, Map.of("v", 1));
        Map<String, Object> copy = ReportJson.definition(reports.clone("src", "dst", "Copy"));
        assertThat(copy).containsEntry("key", "dst").containsEntry("name", "Copy");
        assertThat(copy.get("fields")).isEqualTo(ReportJson.definition(reports.definition("src").orElseThrow()).get("fields"));
        assertThat(reports.rows("dst", null, 10).items()).isEmpty();
        assertThat(reports.rows("src", null, 10).items()).hasSize(1);
        assertThat(reports.clone("src", "dst2", null).name()).as("no name: the source's").isEqualTo("Source");
    }

    @Test
    void clone_onto_an_existing_key_only_renames_it_and_never_throws() {
        create(Map.of("key", "target", "name", "Old", "fields", List.of(Map.of("key", "keep"))));
        reports.publish("target", "row", T1, null, Map.of("keep", 1));
        Map<String, Object> renamed = ReportJson.definition(reports.clone("does-not-exist", "target", "New"));
        assertThat(renamed.get("name")).isEqualTo("New");
        assertThat(renamed.get("fields")).isEqualTo(List.of(Map.of("key", "keep", "name", "keep", "type", "string")));
        assertThat(reports.rows("target", null, 10).items()).hasSize(1);
    }

    @Test
    void clone_of_an_unknown_report_onto_a_new_key_says_so() {
        assertThatThrownBy(() -> reports.clone("nope", "fresh", null)).isInstanceOf(ReportException.class)
                .hasMessage("no report 'nope'");
    }

    @Test
    void bad_definitions_and_keys_are_refused_with_the_reason() {
        assertThatThrownBy(() -> create(Map.of("key", "has space"))).hasMessageContaining("key must be 1 to 100");
        assertThatThrownBy(() -> create(Map.of("key", "k", "fields", List.of(Map.of("key", "a", "type", "date")))))
                .hasMessage("fields[0].type must be one of string, number, timestamp, boolean, not 'date'");
        assertThatThrownBy(() -> create(Map.of("key", "k", "fields", List.of(Map.of("key", "a"), Map.of("key", "a")))))
                .hasMessage("fields[1].key 'a' appears twice");
        create(Map.of("key", "dup"));
        assertThatThrownBy(() -> create(Map.of("key", "dup")))
                .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.reason()).isEqualTo(ReportException.Reason.CONFLICT));
        assertThatThrownBy(() -> reports.publish("r", "", T1, null, Map.of())).hasMessageContaining("rowKey");
    }

    @Test
    void csv_has_declared_fields_first_then_undeclared_ones_and_quotes_what_needs_it() {
        create(Map.of("key", "c", "fields", List.of(Map.of("key", "temp", "name", "Temperature", "type", "number"))));
        reports.publish("c", "a", T1, "Pump, north", Map.of("temp", 20.0, "note", "said \"hi\""));
        reports.publish("c", "b", T2, null, Map.of("temp", 21.5));
        String csv = ReportCsv.of(reports.definition("c").orElseThrow(), reports.rows("c", null, 100).items());
        assertThat(csv).isEqualTo("key,name,ts,Temperature,note\r\n"
                + "a,\"Pump, north\",2024-05-01T10:00:00Z,20,\"said \"\"hi\"\"\"\r\n"
                + "b,,2024-05-01T11:00:00Z,21.5,\r\n");
    }

    @Test
    void delete_removes_definition_and_rows() {
        reports.publish("gone", "a", T1, null, Map.of("x", 1));
        assertThat(reports.delete("gone")).isTrue();
        assertThat(reports.definition("gone")).isEmpty();
        assertThat(rowStores.get("gone").size()).isZero();
        assertThat(reports.delete("gone")).isFalse();
    }
}
