package io.lwm2mbridge.objects.catalog;

import static io.lwm2mbridge.objects.catalog.Catalogs.sealed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lwm2mbridge.objects.IdFormat;
import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.objects.Operations;
import io.lwm2mbridge.objects.ResourceDefinition;
import io.lwm2mbridge.objects.ResourceType;
import io.lwm2mbridge.objects.TestDdf;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped catalog loads whole and knows the registry's objects; a damaged one is refused with a clear error. */
class BuiltInCatalogTest {

    @Test
    void shipped_catalog_loads_every_object_version_into_a_registry() {
        List<ObjectDefinition> all = BuiltInCatalog.load();

        assertThat(all.stream().mapToInt(ObjectDefinition::id).distinct().count()).isGreaterThan(300);
        assertThat(all).hasSizeGreaterThan(400);
        ObjectRegistry registry = new ObjectRegistry(all);
        assertThat(registry.versions(3303)).extracting(ObjectDefinition::version).contains("1.0", "1.1");
        assertThat(registry.get(3303, "1.1").orElseThrow().resource(5700)).contains(new ResourceDefinition(5700,
                "Sensor Value", Operations.R, false, true, ResourceType.FLOAT, "", "", ""));
        assertThat(registry.names(3303, null).objectKey(IdFormat.COMBINED)).isEqualTo("temperature_3303");
        assertThat(registry.names(3303, null).resourceKey(5700, IdFormat.COMBINED)).isEqualTo("sensor_value_5700");
        assertThat(registry.get(3).orElseThrow().version()).isEqualTo("1.2");
        assertThat(registry.get(0).orElseThrow().resource(0).orElseThrow().operations()).isEqualTo(Operations.NONE);
        assertThat(registry.get(4, "1.3").orElseThrow().resource(2).orElseThrow().units()).isEqualTo("dBm");
        assertThat(all).allSatisfy(d -> assertThat(d.description()).isEmpty());
    }

    @Test
    void shipped_catalog_is_text_with_the_format_line_first_and_the_end_line_last() throws IOException {
        String text;
        try (InputStream in = BuiltInCatalog.class.getResourceAsStream(BuiltInCatalog.RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = text.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("lwm2m-bridge object catalog 1");
        assertThat(lines.getLast()).matches("end\t\\d+\t\\d+\t[0-9a-f]{8}");
        assertThat(lines).filteredOn(l -> l.startsWith("O\t")).hasSize(BuiltInCatalog.load().size());
    }

    @Test
    void a_missing_resource_is_a_clear_error() {
        assertThatThrownBy(() -> BuiltInCatalog.load("/io/lwm2mbridge/objects/catalog/absent.txt"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("absent.txt is not on the class path")
                .hasMessageContaining("tools/make-catalog");
    }

    @Test
    void a_truncated_catalog_is_refused_whole() {
        byte[] good = CatalogWriter.write(TestDdf.definitions(TestDdf.temperature("1.0")), List.of())
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> BuiltInCatalog.read(Arrays.copyOf(good, good.length - 20), "cut"))
                .isInstanceOf(CatalogException.class)
                .hasMessage("the built-in object catalog cut is corrupt: it does not end with a line feed (the file"
                        + " is truncated); regenerate it with tools/make-catalog");
        String withoutEnd = new String(good, StandardCharsets.UTF_8).replaceAll("end\t.*\n$", "");
        assertThatThrownBy(() -> BuiltInCatalog.read(withoutEnd.getBytes(StandardCharsets.UTF_8), "cut"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("its last line is not the end line (the file is truncated)");
        assertThatThrownBy(() -> BuiltInCatalog.read(new byte[0], "empty"))
                .isInstanceOf(CatalogException.class).hasMessageContaining("it is empty");
    }

    @Test
    void a_changed_byte_fails_the_checksum() {
        String good = CatalogWriter.write(TestDdf.definitions(TestDdf.temperature("1.0")), List.of());
        String edited = good.replace("Sensor Value", "Sensor Vague");

        assertThatThrownBy(() -> BuiltInCatalog.read(edited.getBytes(StandardCharsets.UTF_8), "edited"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("edited is corrupt: its checksum does not match");
    }

    @Test
    void bad_records_are_refused_with_their_line() {
        assertThat(BuiltInCatalog.read(sealed("O\t1\t1.0\t1.0\tSo\tOne\t\nR\t0\tR\tSo\tFloat\tV\t\t", 1, 1), "ok"))
                .hasSize(1);
        assertCorrupt(sealed("O\t1\t1.0\t1.0\tSo\tOne\t\nR\t0\tR\tSo\tDouble\tV\t\t", 1, 1),
                "line 3: unknown type 'Double'");
        assertCorrupt(sealed("O\t1\t1.0\t1.0\tSo\tOne\t\nR\t0\tRX\tSo\tFloat\tV\t\t", 1, 1),
                "line 3: unknown operations 'RX'");
        assertCorrupt(sealed("# c\nR\t0\tR\tSo\tFloat\tV\t\t", 0, 1), "line 3: resource line before any object line");
        assertCorrupt(sealed("O\tx\t1.0\t1.0\tSo\tOne\t", 1, 0), "line 2: 'x' is not an id");
        assertCorrupt(sealed("O\t70000\t1.0\t1.0\tSo\tOne\t", 1, 0), "line 2: object id 70000 is not in 0..65535");
        assertCorrupt(sealed("O\t1\t1.0\t1.0\tSo\tOne", 1, 0), "line 2: 6 fields where 7 belong");
        assertCorrupt(sealed("O\t1\t1.0\t1.0\tXo\tOne\t", 1, 0), "line 2: flags 'Xo' are not S|M then m|o");
        assertCorrupt(sealed("Q\t1", 1, 0), "line 2: unknown record 'Q'");
        assertCorrupt(sealed("O\t1\t1.0\t1.0\tSo\tOne\t", 2, 0), "it holds 1 objects and 0 resources, its end line"
                + " says 2 and 0");
        assertCorrupt(sealed("O\t1\t1.0\t1.0\tSo\tOne\t\nR\t0\tR\tSo\tFloat\tA\t\t\nR\t0\tR\tSo\tFloat\tB\t\t", 1, 2),
                "line 2: object 1: duplicate resource id 0");
        byte[] otherFormat = new String(sealed("", 0, 0), StandardCharsets.UTF_8)
                .replace("catalog 1", "catalog 2").getBytes(StandardCharsets.UTF_8);
        assertCorrupt(Catalogs.resealed(otherFormat), "its first line is not 'lwm2m-bridge object catalog 1'");
    }

    private static void assertCorrupt(byte[] catalog, String why) {
        assertThatThrownBy(() -> BuiltInCatalog.read(catalog, "test"))
                .isInstanceOf(CatalogException.class)
                .hasMessage("the built-in object catalog test is corrupt: " + why + "; regenerate it with tools/make-catalog");
    }
}
