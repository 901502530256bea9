package io.lwm2mbridge.engine.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.lwm2m.LeshanModels;
import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.objects.ddf.DdfParser;
import io.lwm2mbridge.objects.ddf.DdfWriter;
import io.lwm2mbridge.objects.ddf.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every built-in definition (Leshan's bundled models) must survive the writer and parser, so a bad model fails the build. */
class BuiltInModelsTest {

    private final List<ObjectDefinition> builtIns = LeshanModels.builtIns();

    @Test
    void every_built_in_definition_round_trips_through_ddf_writer_and_parser() {
        DdfParser parser = new DdfParser();
        assertThat(builtIns).hasSizeGreaterThan(10);
        for (ObjectDefinition d : builtIns) {
            String xml = DdfWriter.toXml(d);
            ParseResult again = parser.parse(xml.getBytes(StandardCharsets.UTF_8), "built-in " + d.id() + "@" + d.version());
            assertThat(again.problems()).as("object %d version %s", d.id(), d.version()).isEmpty();
            assertThat(again.objects()).as("object %d version %s", d.id(), d.version()).containsExactly(d);
        }
    }

    @Test
    void all_built_ins_round_trip_together_in_one_document() {
        ParseResult again = new DdfParser().parse(DdfWriter.toXml(builtIns).getBytes(StandardCharsets.UTF_8), "all");
        assertThat(again.problems()).isEmpty();
        assertThat(again.objects()).isEqualTo(builtIns);
    }

    @Test
    void every_built_in_converts_to_a_leshan_model_and_back_unchanged() {
        for (ObjectDefinition d : builtIns) {
            assertThat(LeshanModels.toDefinition(LeshanModels.toModel(d))).as("object %d", d.id()).isEqualTo(d);
        }
    }

    @Test
    void built_ins_make_a_registry_with_the_core_objects() {
        ObjectRegistry registry = new ObjectRegistry(builtIns);
        for (int id : new int[] {0, 1, 3, 4, 5}) {
            assertThat(registry.get(id)).as("object %d", id).isPresent();
        }
    }
}
