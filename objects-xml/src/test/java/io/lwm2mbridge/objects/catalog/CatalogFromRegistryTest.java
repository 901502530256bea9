package io.lwm2mbridge.objects.catalog;

import static io.lwm2mbridge.objects.catalog.Catalogs.withoutDescriptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.TestDdf;
import io.lwm2mbridge.objects.ddf.ParseReport;
import io.lwm2mbridge.objects.ddf.RegistryDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed catalog is exactly what the tool makes of the OMA registry beside the project, and holds
 * every fact the registry's files give; skipped when ../shared/lwm2m-registry is absent.
 */
class CatalogFromRegistryTest {

    private static Path registry;

    @BeforeAll
    static void findRegistry() {
        registry = TestDdf.omaRegistry();
    }

    private static void assumeRegistry() {
        assumeTrue(registry != null, "OMA registry folder ../shared/lwm2m-registry absent: skipped");
    }

    @Test
    void committed_catalog_equals_a_regeneration_from_the_registry_byte_for_byte() throws IOException {
        assumeRegistry();
        byte[] committed;
        try (InputStream in = BuiltInCatalog.class.getResourceAsStream(BuiltInCatalog.RESOURCE)) {
            committed = in.readAllBytes();
        }

        CatalogWriter.Generated regenerated = CatalogWriter.generate(registry);

        // compared as text first for a readable diff, then as bytes
        assertThat(new String(committed, StandardCharsets.UTF_8))
                .as("the committed catalog is stale: run tools/make-catalog and commit the result")
                .isEqualTo(regenerated.text());
        assertThat(committed).isEqualTo(regenerated.bytes());
        assertThat(regenerated.leftOut()).isEmpty();
        assertThat(regenerated.notObjects()).containsOnlyKeys("Common.xml", "DDF.xml", "LWM2M_senml_units.xml");
    }

    @Test
    void the_catalog_reads_back_as_every_registry_definition_without_descriptions() {
        assumeRegistry();
        ParseReport report = new RegistryDirectory().loadDirectory(registry);
        List<ObjectDefinition> expected = withoutDescriptions(report.objects()).stream()
                .sorted(Comparator.comparingInt(ObjectDefinition::id)
                        .thenComparing(ObjectDefinition::version, io.lwm2mbridge.objects.Versions.ORDER))
                .toList();

        List<ObjectDefinition> loaded = BuiltInCatalog.load();

        assertThat(report.problems()).isEmpty();
        assertThat(loaded).hasSize(report.objects().size()).containsExactlyElementsOf(expected);
    }
}
