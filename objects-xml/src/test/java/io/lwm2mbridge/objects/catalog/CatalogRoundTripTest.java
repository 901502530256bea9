package io.lwm2mbridge.objects.catalog;

import static io.lwm2mbridge.objects.catalog.Catalogs.withoutDescriptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.Operations;
import io.lwm2mbridge.objects.ResourceDefinition;
import io.lwm2mbridge.objects.ResourceType;
import io.lwm2mbridge.objects.TestDdf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the writer writes, the reader gives back: every fact, descriptions emptied, in id and version order. */
class CatalogRoundTripTest {

    private static List<ObjectDefinition> sample() {
        List<ObjectDefinition> all = new ArrayList<>(TestDdf.definitions(TestDdf.document(
                TestDdf.objectElement(3303, "Temperature", "1.1",
                        TestDdf.item(5700, "Sensor Value", "R", "Single", "Mandatory", "Float", "Cel"),
                        TestDdf.item(5701, "Sensor Units", "R", "String")),
                TestDdf.objectElement(3303, "Temperature", "1.0",
                        TestDdf.item(5700, "Sensor Value", "R", "Single", "Mandatory", "Float", "Cel")))));
        all.addAll(TestDdf.definitions(TestDdf.device()));
        // every odd corner the format has to carry: separators and escapes inside texts, empty
        // operations and type, non-ASCII, a version with more parts, an object with no resource
        all.add(new ObjectDefinition(0, "Security", "the security object", "1.10", "1.2", "urn:oma:lwm2m:oma:0:1.10",
                true, true, List.of(
                        new ResourceDefinition(0, "Server URI", Operations.NONE, false, true, ResourceType.STRING,
                                "0..255\tbytes\\n", "", "d"),
                        new ResourceDefinition(1, "Tab\there, line\nthere\r", Operations.E, true, false,
                                ResourceType.NONE, "", "°C µm", "d"),
                        new ResourceDefinition(2, "Link", Operations.W, false, false, ResourceType.CORELNK, "", "", ""),
                        new ResourceDefinition(65535, "Last", Operations.RW, true, true, ResourceType.OBJLNK, "", "", ""))));
        all.add(new ObjectDefinition(65535, "Empty", "", "2.0", "1.0", "", false, false, List.of()));
        return all;
    }

    @Test
    void written_catalog_reads_back_as_the_definitions_without_descriptions_by_id_then_version() {
        List<ObjectDefinition> sample = sample();

        String text = CatalogWriter.write(sample, List.of("a note"));
        List<ObjectDefinition> back = BuiltInCatalog.read(text.getBytes(StandardCharsets.UTF_8), "test");

        List<ObjectDefinition> expected = new ArrayList<>(withoutDescriptions(sample));
        expected.sort(java.util.Comparator.comparingInt(ObjectDefinition::id)
                .thenComparing(ObjectDefinition::version, io.lwm2mbridge.objects.Versions.ORDER));
        assertThat(back).containsExactlyElementsOf(expected);
        assertThat(back).extracting(d -> d.id() + "@" + d.version())
                .containsExactly("0@1.10", "3@1.1", "3303@1.0", "3303@1.1", "65535@2.0");
        assertThat(back).allSatisfy(d -> {
            assertThat(d.description()).isEmpty();
            assertThat(d.resources()).allSatisfy(r -> assertThat(r.description()).isEmpty());
        });
        assertThat(text).contains("# a note\n").doesNotContain("the security object");
    }

    @Test
    void output_does_not_depend_on_input_order_and_equal_duplicates_are_taken_once() {
        List<ObjectDefinition> shuffled = new ArrayList<>(sample());
        shuffled.addAll(sample());
        Collections.shuffle(shuffled, new Random(7));

        assertThat(CatalogWriter.write(shuffled, List.of())).isEqualTo(CatalogWriter.write(sample(), List.of()));
    }

    @Test
    void two_different_definitions_of_one_version_are_refused() {
        List<ObjectDefinition> clash = new ArrayList<>(TestDdf.definitions(TestDdf.temperature("1.0")));
        clash.add(TestDdf.definition(TestDdf.object(3303, "Not Temperature", "1")));

        assertThatThrownBy(() -> CatalogWriter.write(clash, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two different definitions of object 3303 version 1");
    }

    @Test
    void equal_resources_and_texts_are_shared_between_versions() {
        List<ObjectDefinition> back = BuiltInCatalog.read(
                CatalogWriter.write(sample(), List.of()).getBytes(StandardCharsets.UTF_8), "test");
        ObjectDefinition old = back.get(2);
        ObjectDefinition newer = back.get(3);

        assertThat(old.resource(5700).orElseThrow()).isSameAs(newer.resource(5700).orElseThrow());
        assertThat(old.name()).isSameAs(newer.name());
        assertThat(old.lwm2mVersion()).isEqualTo("1.1").isSameAs(newer.version());
    }

    @Test
    void escapes_round_trip_and_plain_text_is_returned_as_is() {
        for (String s : List.of("", "plain", "a\tb", "a\nb\rc", "back\\slash", "\\t literally", "\t\n\r\\")) {
            assertThat(CatalogFormat.unescape(CatalogFormat.escape(s))).isEqualTo(s);
            assertThat(CatalogFormat.escape(s)).doesNotContain("\t", "\n", "\r");
        }
        assertThat(CatalogFormat.escape("plain")).isSameAs("plain");
        assertThatThrownBy(() -> CatalogFormat.unescape("bad\\x")).isInstanceOf(IllegalArgumentException.class);
    }
}
