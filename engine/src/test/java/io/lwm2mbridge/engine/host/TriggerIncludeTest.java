package io.lwm2mbridge.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code trigger.include(libraryName)}: library code at global scope, and the errors for what is not a library. */
class TriggerIncludeTest {

    private static TestServer server;
    private static Scripts scripts;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        scripts = new Scripts(server);
        Api api = server.api();
        assertThat(api.post("/api/v1/triggers", Map.of("name", "units", "type", "library",
                "def", "var FACTOR = 1000;\nfunction toMilli(v) { return v * FACTOR; }")).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/triggers", Map.of("name", "not-a-library", "filterType", "generic",
                "filterGeneric", "nal", "def", "trigger.reply(1);")).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void included_functions_and_variables_are_usable_and_do_not_leak_into_the_next_run() {
        assertThat(scripts.value("trigger.include('units'); return [toMilli(2), FACTOR];")).isEqualTo(List.of(2000, 1000));
        assertThat(scripts.value("return typeof toMilli;")).isEqualTo("undefined");
    }

    @Test
    void including_an_unknown_name_or_a_script_trigger_fails_clearly() {
        assertThat(scripts.error("trigger.include('nothing-by-that-name');")).isEqualTo(Map.of("name", "Error",
                "message", "trigger.include: no library trigger named 'nothing-by-that-name'"));
        assertThat(scripts.error("trigger.include('not-a-library');").get("message"))
                .isEqualTo("trigger.include: no library trigger named 'not-a-library'");
        assertThat(scripts.error("trigger.include(7);")).isEqualTo(Map.of("name", "TypeError",
                "message", "trigger.include: give the name of a library trigger"));
    }
}
