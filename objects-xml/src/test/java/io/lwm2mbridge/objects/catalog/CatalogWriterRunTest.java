package io.lwm2mbridge.objects.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.TestDdf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool as tools/make-catalog runs it: what it writes, what it reports, what it leaves out. */
class CatalogWriterRunTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CatalogWriter.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void a_registry_folder_becomes_a_catalog_naming_skipped_and_broken_files() throws IOException {
        Path registry = Files.createDirectories(dir.resolve("registry"));
        Files.writeString(registry.resolve("SOURCE.md"), "taken at commit 0123456789abcdef0123456789abcdef01234567\n");
        Files.writeString(registry.resolve("3303.xml"), TestDdf.temperature("1.1"));
        Files.createDirectories(registry.resolve("version_history"));
        Files.writeString(registry.resolve("version_history/3303-1_0.xml"), TestDdf.temperature("1.0"));
        Files.writeString(registry.resolve("version_history/3303-1_1.xml"), TestDdf.temperature("1.1"));
        Files.writeString(registry.resolve("Common.xml"),
                "<LWM2M><Object ObjectType=\"CommonResources\"><Resources/></Object></LWM2M>");
        Files.writeString(registry.resolve("9999.xml"), "<LWM2M>\n<Object>");
        Path target = dir.resolve("out/catalog.txt");

        assertThat(run(registry.toString(), target.toString())).isZero();

        String text = Files.readString(target);
        assertThat(text).contains(
                "# Source: the OMA LwM2M registry at commit 0123456789abcdef0123456789abcdef01234567",
                "# Skipped as no object definition: Common.xml.",
                "# Left out for problems: 1 file(s):\n#   9999.xml: line 2, column ");
        assertThat(text).doesNotContain(dir.toString());
        assertThat(BuiltInCatalog.read(Files.readAllBytes(target), "written"))
                .extracting(ObjectDefinition::version).containsExactly("1.0", "1.1");
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("left out 9999.xml (it does not parse): line 2");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("skipped Common.xml: ObjectType 'CommonResources' is not an object definition")
                .contains(": 1 objects, 2 object versions, 4 resources, " + Files.size(target) + " bytes; 1 file(s) left out");
    }

    @Test
    void a_version_that_differs_between_files_is_left_out_with_a_relative_name() throws IOException {
        Path registry = Files.createDirectories(dir.resolve("registry"));
        Files.writeString(registry.resolve("3303.xml"), TestDdf.temperature("1.1"));
        Files.createDirectories(registry.resolve("version_history"));
        Files.writeString(registry.resolve("version_history/3303-1_1.xml"),
                TestDdf.object(3303, "Temperature", "1.1", TestDdf.item(5700, "Other", "R", "Float")));

        CatalogWriter.Generated generated = CatalogWriter.generate(registry);

        assertThat(generated.leftOut()).containsOnlyKeys("version_history/3303-1_1.xml");
        assertThat(generated.leftOut().get("version_history/3303-1_1.xml"))
                .isEqualTo("line 1, column 1: object 3303 version 1.1 differs from the one already loaded from 3303.xml");
        assertThat(generated.text()).doesNotContain("Source:  at").contains("# Source: the OMA LwM2M registry, every");
    }

    @Test
    void bad_arguments_and_an_empty_or_missing_folder_write_nothing() throws IOException {
        Path target = dir.resolve("catalog.txt");
        assertThat(run()).isEqualTo(2);
        assertThat(run(dir.resolve("absent").toString(), target.toString())).isEqualTo(1);
        Files.createDirectories(dir.resolve("empty"));
        assertThat(run(dir.resolve("empty").toString(), target.toString())).isEqualTo(1);
        assertThat(target).doesNotExist();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: CatalogWriter", "no registry folder at",
                "no object definition found under");
    }
}
