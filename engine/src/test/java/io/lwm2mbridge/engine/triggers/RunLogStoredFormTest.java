package io.lwm2mbridge.engine.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lwm2mbridge.engine.store.EmbeddedStore;
import io.lwm2mbridge.engine.store.OrderedLog;
import io.lwm2mbridge.engine.triggers.json.RunLogJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Run-log entries written by earlier versions read back as they always did. */
class RunLogStoredFormTest {

    private EmbeddedStore store;

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void entries_in_todays_stored_form_are_shown_as_before() throws Exception {
        store = new EmbeddedStore(Files.createTempDirectory("runlog-form-"), new ObjectMapper());
        OrderedLog log = store.log("logs");
        log.putJson(1, """
                {"ts":"2026-01-02T03:04:05Z","level":"info","trigger":"t","triggerId":"id1","version":2,\
                "endpoint":"ep","message":"hello","data":{"n":1},"kind":"log"}""");
        log.putJson(2, """
                {"ts":"2026-01-02T03:04:06.500Z","level":"error","trigger":"t","triggerId":"id1","version":2,\
                "endpoint":null,"message":"boom","data":null,"kind":"failure","line":7}""");
        RunLog runLog = new RunLog(log, RunLogJson.CODEC, Clock.systemUTC(), () -> 100);

        List<Map<String, Object>> page = RunLogJson.query(runLog, null, null, null, 10);
        assertThat(page).hasSize(2);
        assertThat(page.get(0)).isEqualTo(new ObjectMapper().readValue("""
                {"ts":"2026-01-02T03:04:05Z","level":"info","trigger":"t","endpoint":"ep","message":"hello",\
                "data":{"n":1}}""", Map.class));
        assertThat(page.get(1)).containsEntry("ts", "2026-01-02T03:04:06.500Z").containsEntry("line", 7);
        assertThat(RunLogJson.failures(runLog, "id1", 10)).containsExactly(Map.of("ts", "2026-01-02T03:04:06.500Z",
                "trigger", "t", "version", 2, "message", "boom", "line", 7));
        assertThat(RunLogJson.query(runLog, "id1", "warn", null, 10)).hasSize(1);
    }
}
