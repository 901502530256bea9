package io.lwm2mbridge.engine.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.triggers.json.TriggerJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lwm2mbridge.engine.store.MemoryKeyValueStore;
import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.sandbox.SandboxSettings;
import io.lwm2mbridge.scripting.sandbox.ScriptSandbox;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Triggers stored by earlier versions load typed, and come back with every field they were stored with. */
class TriggerStoredFormTest {

    /** As the store kept it: with fields this server does not read, and a known field of another type. */
    private static final String STORED = """
            {"id":"0011223344556677","name":"on-register","desc":42,"type":"script","enabled":false,"version":3,
             "filterType":"lwm2m-register","filterGeneric":null,"filterCustom":{"data.x":{"comp":"eq","value":1}},
             "def":"log.info('hi');","rateLimit":{"perMinute":10},"created":"2026-01-02T03:04:05Z",
             "updated":"2026-01-03T03:04:05.123Z"}
            """;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void a_trigger_in_todays_stored_form_loads_and_keeps_every_field() throws Exception {
        MemoryKeyValueStore store = new MemoryKeyValueStore();
        store.put("0011223344556677", json.readValue(STORED, Map.class));
        TriggerService triggers = new TriggerService(store, TriggerJson.CODEC,
                new ScriptSandbox(HostApi.builder().build(), SandboxSettings.defaults()), Clock.systemUTC(), () -> { });

        Trigger t = triggers.get("0011223344556677").orElseThrow();
        assertThat(t.name()).isEqualTo("on-register");
        assertThat(t.enabled()).isFalse();
        assertThat(t.version()).isEqualTo(3);
        assertThat(t.filterType()).isEqualTo("lwm2m-register");
        assertThat(t.filterGeneric()).isNull();
        assertThat(t.filterCustom()).containsOnlyKeys("data.x");
        assertThat(t.def()).isEqualTo("log.info('hi');");
        assertThat(t.created()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(json.readTree(json.writeValueAsString(TriggerJson.fields(t)))).isEqualTo(json.readTree(STORED));

        Trigger changed = triggers.update(t.id(), Map.of("enabled", true));
        assertThat(TriggerJson.fields(changed)).containsEntry("rateLimit", Map.of("perMinute", 10)).containsEntry("desc", 42)
                .containsEntry("version", 4).containsEntry("created", "2026-01-02T03:04:05Z");
    }
}
