package io.lwm2mbridge.objects.ddf;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.TestDdf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void objects_load_recursively_and_non_object_files_are_skipped_with_a_note() throws IOException {
        Files.writeString(dir.resolve("3.xml"), TestDdf.device());
        Files.createDirectories(dir.resolve("version_history"));
        Files.writeString(dir.resolve("version_history/3-1_1.xml"), TestDdf.device());
        Files.writeString(dir.resolve("version_history/3303-1_0.xml"), TestDdf.temperature("1.0"));
        Files.writeString(dir.resolve("Common.xml"),
                "<LWM2M><Object ObjectType=\"CommonResources\"><Resources/></Object></LWM2M>");
        Files.writeString(dir.resolve("units.xml"), "<units><title>Additional SenML Units</title></units>");
        Files.writeString(dir.resolve("LWM2M.xsd"), "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"/>");

        ParseReport report = new RegistryDirectory().loadDirectory(dir);

        assertThat(report.isOk()).isTrue();
        assertThat(report.objects()).extracting(ObjectDefinition::id).containsExactly(3, 3303);
        assertThat(report.skipped()).containsOnlyKeys(dir.resolve("Common.xml"), dir.resolve("units.xml"));
        assertThat(report.skipped().get(dir.resolve("units.xml"))).contains("<units>");
    }

    @Test
    void problems_are_reported_per_file_and_keep_only_that_file_out() throws IOException {
        Files.writeString(dir.resolve("3.xml"), TestDdf.device());
        Files.writeString(dir.resolve("bad.xml"), "<LWM2M>\n<Object>");
        Files.writeString(dir.resolve("other3.xml"), TestDdf.object(3, "Not The Device", "1.1"));

        ParseReport report = new RegistryDirectory().loadDirectory(dir);

        assertThat(report.isOk()).isFalse();
        assertThat(report.objects()).extracting(ObjectDefinition::name).containsExactly("Device");
        assertThat(report.problems()).containsOnlyKeys(dir.resolve("bad.xml"), dir.resolve("other3.xml"));
        assertThat(report.problems().get(dir.resolve("bad.xml"))).singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(2));
        assertThat(report.problems().get(dir.resolve("other3.xml"))).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo(
                        "object 3 version 1.1 differs from the one already loaded from " + dir.resolve("3.xml")));
    }

    @Test
    void a_missing_folder_is_a_problem_not_an_exception() {
        ParseReport report = new RegistryDirectory().loadDirectory(dir.resolve("absent"));

        assertThat(report.problems()).containsOnlyKeys(dir.resolve("absent"));
        assertThat(report.objects()).isEmpty();
    }
}
