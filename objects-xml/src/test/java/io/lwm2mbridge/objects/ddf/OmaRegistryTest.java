package io.lwm2mbridge.objects.ddf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lwm2mbridge.objects.IdFormat;
import io.lwm2mbridge.objects.NameTable;
import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.objects.ResourceDefinition;
import io.lwm2mbridge.objects.TestDdf;
import io.lwm2mbridge.objects.json.ObjectDefView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every object the OMA publishes must load, so a parser change that breaks a real model fails the build. */
class OmaRegistryTest {

    private static Path registry;
    private static final Map<Path, ParseResult> RESULTS = new LinkedHashMap<>();

    @BeforeAll
    static void parseEveryFile() throws IOException {
        registry = TestDdf.omaRegistry();
        if (registry == null) {
            return;
        }
        DdfParser parser = new DdfParser();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> top = Files.list(registry); Stream<Path> history = Files.list(registry.resolve("version_history"))) {
            Stream.concat(top, history).filter(p -> p.toString().endsWith(".xml")).sorted().forEach(files::add);
        }
        for (Path file : files) {
            if (isObjectFile(file)) {
                RESULTS.put(file, parser.parse(Files.readAllBytes(file), file.toString()));
            }
        }
    }

    /** Object files are named {@code <id>.xml} at the top and {@code <id>-<major>_<minor>.xml} in history. */
    private static boolean isObjectFile(Path file) {
        return file.getFileName().toString().matches("\\d+(-\\d+_\\d+)?\\.xml");
    }

    private static void assumeRegistry() {
        assumeTrue(registry != null, "OMA registry folder ../shared/lwm2m-registry absent: skipped");
    }

    @Test
    void every_registry_object_file_parses_with_zero_problems() {
        assumeRegistry();
        Map<Path, List<Problem>> failures = new LinkedHashMap<>();
        RESULTS.forEach((file, result) -> {
            if (!result.isOk()) {
                failures.put(file, result.problems());
            }
        });

        assertThat(failures).isEmpty();
        assertThat(RESULTS).hasSizeGreaterThan(700);
        assertThat(RESULTS.values()).allSatisfy(r -> assertThat(r.objects()).hasSize(1));
    }

    @Test
    void every_registry_object_round_trips_through_the_writer() {
        assumeRegistry();
        DdfParser parser = new DdfParser();
        RESULTS.forEach((file, result) -> {
            for (ObjectDefinition object : result.objects()) {
                ParseResult again = parser.parse(DdfWriter.toXml(object).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "rewritten " + file);
                assertThat(again.problems()).as(file.toString()).isEmpty();
                assertThat(again.objects()).as(file.toString()).containsExactly(object);
            }
        });
    }

    @Test
    void every_registry_object_has_a_script_view() {
        assumeRegistry();
        RESULTS.values().forEach(result -> result.objects().forEach(object -> {
            Map<String, Object> def = ObjectDefView.toDef(object);
            assertThat(def).containsOnlyKeys("id", "name", "version", "multiInstance", "resources");
            assertThat((List<?>) def.get("resources")).hasSameSizeAs(object.resources());
        }));
    }

    @Test
    void every_key_of_every_registry_object_leads_back_to_its_resource() {
        assumeRegistry();
        RESULTS.values().forEach(result -> result.objects().forEach(object -> {
            NameTable names = NameTable.of(object);
            for (ResourceDefinition resource : object.resources()) {
                for (IdFormat format : IdFormat.values()) {
                    assertThat(names.resourceId(names.resourceKey(resource.id(), format)))
                            .as("object %d resource %d %s", object.id(), resource.id(), format)
                            .contains(resource.id());
                }
            }
        }));
    }

    @Test
    void the_registry_folder_loads_whole_skipping_files_that_are_not_objects() {
        assumeRegistry();

        ParseReport report = new RegistryDirectory().loadDirectory(registry);

        assertThat(report.problems()).isEmpty();
        assertThat(report.skipped().keySet()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("Common.xml", "DDF.xml", "LWM2M_senml_units.xml");
        // the latest version of each object is both at the top and in version_history/: taken once
        assertThat(report.objects()).hasSize((int) RESULTS.values().stream()
                .flatMap(r -> r.objects().stream()).map(o -> o.id() + "@" + o.version()).distinct().count());
        ObjectRegistry objects = new ObjectRegistry(report.objects());
        assertThat(objects.get(3).orElseThrow().version()).isEqualTo("1.2");
        assertThat(objects.get(3, "1.0").orElseThrow().version()).isEqualTo("1.0");
        assertThat(objects.names(3, null).resourceKey(0, IdFormat.COMBINED)).isEqualTo("manufacturer_0");
        assertThat(objects.names(3, null).objectKey(IdFormat.COMBINED)).isEqualTo("device_3");
        assertThat(objects.objectIdForKey("location")).contains(6);
        assertThat(objects.objectIdForKey("location_3336")).contains(3336);
        assertThat(objects.names(3336, null).objectKey(IdFormat.STRINGS)).isEqualTo("location_3336");
    }
}
