package io.lwm2mbridge.engine.globals;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.globals.json.GlobalsJson;
import io.lwm2mbridge.engine.store.MemoryKeyValueStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Global values stored by earlier versions load, and are written back in the same form. */
class GlobalValuesStoredFormTest {

    @Test
    void values_in_todays_stored_form_load_and_keep_their_form() {
        MemoryKeyValueStore store = new MemoryKeyValueStore();
        store.put("apiKey", Map.of("value", "s3cret", "secret", true));
        store.put("limits", Map.of("value", Map.of("max", 5), "secret", false));
        GlobalValues globals = new GlobalValues(store, GlobalsJson.CODEC, () -> { });

        assertThat(globals.forScripts()).isEqualTo(Map.of("apiKey", "s3cret", "limits", Map.of("max", 5)));
        Map<String, Object> hidden = new LinkedHashMap<>();
        hidden.put("name", "apiKey");
        hidden.put("value", null);
        hidden.put("secret", true);
        assertThat(GlobalsJson.view(globals.values())).isEqualTo(List.of(hidden,
                Map.of("name", "limits", "value", Map.of("max", 5), "secret", false)));

        globals.update(GlobalsJson.changes(Map.of("apiKey", Map.of("secret", true)))); // a secret sent without value keeps it
        assertThat(store.get("apiKey")).isEqualTo(Map.of("value", "s3cret", "secret", true));
    }
}
