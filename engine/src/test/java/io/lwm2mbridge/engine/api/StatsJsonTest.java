package io.lwm2mbridge.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.events.PipelineSnapshot;
import io.lwm2mbridge.engine.events.PipelineStats;
import io.lwm2mbridge.scripting.JsonBridge;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/stats} and a trigger's {@code runStats}: the JSON the typed snapshot is written as. */
class StatsJsonTest {

    private static final Instant T = Instant.parse("2025-01-02T03:04:05Z");

    @Test
    void a_trigger_is_written_with_its_fields_in_order() {
        PipelineStats stats = new PipelineStats(Clock.fixed(T, ZoneOffset.UTC));
        assertThat(JsonBridge.toJson(StatsJson.trigger(stats.triggerSnapshot("never-ran")))).isEqualTo(
                "{\"runs\":0,\"failed\":0,\"shed\":0,\"shedByEventType\":{},\"lastRunEndedMs\":0,"
                        + "\"budgetFailures\":{\"cpu\":0,\"wallClock\":0,\"allocation\":0},\"budgetFailuresInARow\":0,"
                        + "\"lastAutoStop\":null}");
        stats.runShed("t", EventType.LWM2M_UPDATE);
        stats.runShed("t", EventType.LWM2M_DATA);
        stats.runEnded("t", false, 5);
        stats.trigger("t").overBudget(PipelineStats.Budget.WALL_CLOCK);
        stats.autoStopped("t", "over budget");
        assertThat(JsonBridge.toJson(StatsJson.trigger(stats.triggerSnapshot("t")))).isEqualTo(
                "{\"runs\":1,\"failed\":1,\"shed\":2,\"shedByEventType\":{\"lwm2m-data\":1,\"lwm2m-update\":1},"
                        + "\"lastRunEndedMs\":" + T.toEpochMilli() + ",\"budgetFailures\":{\"cpu\":0,\"wallClock\":1,"
                        + "\"allocation\":0},\"budgetFailuresInARow\":1,\"lastAutoStop\":{\"ts\":\"" + T
                        + "\",\"reason\":\"over budget\"}}");
    }

    @Test
    void the_snapshot_is_written_with_queues_and_sections_by_name() {
        PipelineStats stats = new PipelineStats(Clock.fixed(T, ZoneOffset.UTC));
        stats.published(EventType.GENERIC);
        stats.gauge("runs", () -> ordered("waiting", 2));
        stats.gauge("events", () -> ordered("control", 0L));
        stats.section("registrations", () -> ordered("current", 3));
        stats.section("mqttBridge", () -> ordered("on", false));
        stats.runEnded("b", true, 1);
        stats.runEnded("a", true, 1);
        PipelineSnapshot snapshot = stats.snapshot();
        Map<String, Object> view = StatsJson.view(snapshot);
        assertThat(view.keySet()).containsExactly("ts", "uptime_s", "events", "triggers", "queues", "mqttBridge",
                "registrations", "heap");
        String json = JsonBridge.toJson(view);
        assertThat(json).startsWith("{\"ts\":\"" + T + "\",\"uptime_s\":0,\"events\":{\"lwm2m-register\":"
                + "{\"published\":0,\"shed\":0},");
        assertThat(json).contains("\"generic\":{\"published\":1,\"shed\":0}");
        assertThat(json).contains("\"triggers\":{\"a\":{\"runs\":1,").contains("},\"b\":{\"runs\":1,");
        assertThat(json).contains("\"queues\":{\"events\":{\"control\":0},\"runs\":{\"waiting\":2}},"
                + "\"mqttBridge\":{\"on\":false},\"registrations\":{\"current\":3},\"heap\":{\"used\":");
    }

    private static Map<String, Object> ordered(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }
}
