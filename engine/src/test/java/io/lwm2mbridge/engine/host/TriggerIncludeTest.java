package io.lwm2mbridge.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestBed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code trigger.include(libraryName)}: library code at global scope, and the errors for what is not a library. */
class TriggerIncludeTest {

    @RegisterExtension
    static final TestBed bed = new TestBed();
    private static Scripts scripts;

    @BeforeAll
    static void start() {
        scripts = new Scripts(bed.server());
        Api api = bed.server().api();
        assertThat(api.post("/api/v1/triggers", Map.of("name", "units", "type", "library",
                "def", "var FACTOR = 1000;\nfunction toMilli(v) { return v * FACTOR; }")).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/triggers", Map.of("name", "not-a-library", "filterType", "generic",
                "filterGeneric", "nal", "def", "trigger.reply(1);")).status()).isEqualTo(201);
    }

    @Test
    void included_functions_and_variables_are_usable_and_do_not_leak_into_the_next_run() {
        assertThat(scripts.value("trigger.include('units'); return [toMilli(2), FACTOR];")).isEqualTo(List.of(2000, 1000));
        assertThat(scripts.value("return typeof toMilli;")).isEqualTo("undefined");
    }

    @Test
    void a_library_declaring_with_let_and_const_works_in_every_run_that_includes_it() {
        assertThat(bed.server().api().post("/api/v1/triggers", Map.of("name", "modern", "type", "library",
                "def", "const SCALE = 10;\nlet calls = 0;\nfunction scaled(v) { calls++; return v * SCALE; }")).status())
                .isEqualTo(201);
        for (int i = 0; i < 3; i++) {
            assertThat(scripts.value("trigger.include('modern'); return [scaled(2), calls];")).isEqualTo(List.of(20, 1));
        }
    }

    @Test
    void a_script_or_library_that_closes_its_wrapper_is_refused_with_its_line() {
        String escape = "var a = 1;\n});\nlet log = {info: function () {}};\n(function(){";
        for (Map<String, Object> trigger : List.of(
                Map.<String, Object>of("name", "escaping-library", "type", "library", "def", escape),
                Map.<String, Object>of("name", "escaping-script", "filterType", "generic", "filterGeneric", "esc",
                        "def", escape))) {
            Api.Response r = bed.server().api().post("/api/v1/triggers", trigger);
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).contains("SyntaxError").contains("\"line\":2");
        }
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
