package io.lwm2mbridge.engine.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestBed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code report.publish/clone} from scripts and {@code /api/v1/reports}, kept across a restart. */
class ReportApiTest {

    @RegisterExtension
    static final TestBed bed = new TestBed();
    private static Scripts scripts;

    @BeforeAll
    static void start() {
        scripts = new Scripts(bed.server());
    }

    @Test
    void two_triggers_fill_one_row_and_the_api_shows_it_as_json_and_csv() {
        Api api = bed.server().api();
        Api.Response created = api.post("/api/v1/reports", Map.of("key", "fleet", "name", "Fleet",
                "fields", List.of(Map.of("key", "battery", "name", "Battery", "type", "number"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        scripts.value("report.publish('fleet', 'dev-1', '2024-05-01T10:00:00Z', {name: 'Device 1', values: {battery: 80}});"
                + " return null;");
        scripts.value("report.publish('fleet', 'dev-1', 1714561200000, {values: {firmware: '1.2'}}); return null;");

        Map<String, Object> report = api.get("/api/v1/reports/fleet").map();
        assertThat(report).containsEntry("key", "fleet").containsEntry("name", "Fleet");
        assertThat(report.get("rows")).isEqualTo(List.of(Map.of("key", "dev-1", "name", "Device 1",
                "ts", "2024-05-01T11:00:00Z", "values", Map.of("battery", 80, "firmware", "1.2"))));
        Api.Response csv = api.get("/api/v1/reports/fleet?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().get("content-type").get(0)).startsWith("text/csv");
        assertThat(csv.body()).isEqualTo("key,name,ts,Battery,firmware\r\ndev-1,Device 1,2024-05-01T11:00:00Z,80,1.2\r\n");

        assertThat(api.get("/api/v1/reports").items()).anySatisfy(r -> assertThat(r)
                .containsEntry("key", "fleet").containsEntry("rowCount", 1));

        bed.server().restart();
        assertThat(bed.server().api().get("/api/v1/reports/fleet").map().get("rows")).asList().hasSize(1);
    }

    @Test
    void clone_from_a_script_and_delete_over_the_api() {
        Api api = bed.server().api();
        scripts.value("report.publish('monthly-2024-05', 'a', null, {values: {x: 1}});"
                + " report.clone('monthly-2024-05', 'monthly-2024-06', 'June'); report.clone('x', 'monthly-2024-06', 'June 2024');"
                + " return null;");
        Map<String, Object> june = api.get("/api/v1/reports/monthly-2024-06").map();
        assertThat(june).containsEntry("name", "June 2024").containsEntry("rows", List.of());
        assertThat(api.delete("/api/v1/reports/monthly-2024-06").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/reports/monthly-2024-06").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/reports/monthly-2024-06").status()).isEqualTo(404);
    }

    @Test
    void bad_publish_arguments_are_type_errors_and_bad_definitions_400_or_409() {
        assertThat(scripts.error("report.publish('r', 'row', 'yesterday', {values: {}});")).isEqualTo(Map.of(
                "name", "TypeError", "message", "report.publish: ts must be an ISO-8601 time (2024-05-01T10:00:00Z)"
                        + " or epoch milliseconds, not 'yesterday'"));
        assertThat(scripts.error("report.publish('r', 'row', null, {values: [1, 2]});")).isEqualTo(Map.of(
                "name", "TypeError", "message", "report.publish: values must be an object of field to value, not an array"));
        assertThat(scripts.error("report.publish('r', 'row', null, {value: 1});").get("message"))
                .isEqualTo("report.publish: the row takes name and values, not 'value'");
        assertThat(scripts.error("report.publish('bad key', 'row', null, {});").get("name")).isEqualTo("TypeError");
        assertThat(scripts.error("report.publish(null, 'row');").get("message"))
                .isEqualTo("report.publish: reportKey must be a non-empty string, not nothing");
        assertThat(scripts.error("report.clone('nope', 'fresh-key');")).isEqualTo(Map.of("name", "Error",
                "message", "report.clone: no report 'nope'"));

        Api api = bed.server().api();
        Api.Response bad = api.post("/api/v1/reports", Map.of("key", "typed", "fields", List.of(Map.of("key", "a", "type", "int"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.map().get("error")).isEqualTo("fields[0].type must be one of string, number, timestamp, boolean, not 'int'");
        api.post("/api/v1/reports", Map.of("key", "taken"));
        assertThat(api.post("/api/v1/reports", Map.of("key", "taken")).status()).isEqualTo(409);
        assertThat(api.get("/api/v1/reports/taken?format=xml").status()).isEqualTo(400);
    }
}
