package io.lwm2mbridge.engine.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rules of the module layout: no package cycle among the main packages of all modules, and the HTTP
 * container (Micronaut), the LwM2M server (Leshan server) and the CoAP stack (Californium, Leshan's
 * Californium bindings) stay inside the {@code engine} module. {@code objects-xml}, {@code scripting-api},
 * {@code inventory} and {@code triggers-examples} use none of them today: the inventory is files on disk,
 * served over CoAP by the engine's {@code firmware} package, not by the inventory itself.
 */
class ArchitectureTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Names main code outside {@code engine} must not use. */
    private static final Pattern ENGINE_ONLY = Pattern.compile(
            "\\b(io\\.micronaut\\.[\\w.]+|org\\.eclipse\\.leshan\\.server\\.[\\w.]+|org\\.eclipse\\.californium\\.[\\w.]+"
                    + "|org\\.eclipse\\.leshan\\.[\\w.]*californium[\\w.]*)");

    @Test
    void main_packages_have_no_cycle() {
        PackageGraph graph = PackageGraph.ofModules(ROOT);
        assertThat(graph.packages()).as("packages found").contains("io.lwm2mbridge.engine.api",
                "io.lwm2mbridge.scripting", "io.lwm2mbridge.objects");
        assertThat(graph.cycles()).as("package cycles in main code, one path per group of packages that use each other")
                .isEmpty();
    }

    @Test
    void micronaut_leshan_server_and_californium_stay_in_engine() {
        List<String> found = new ArrayList<>();
        for (PackageGraph.SourceFile file : PackageGraph.SourceFile.mainSources(ROOT)) {
            if (file.module().equals("engine")) {
                continue;
            }
            Matcher m = ENGINE_ONLY.matcher(file.code());
            while (m.find()) {
                found.add(file.path() + ": " + m.group(1));
            }
        }
        assertThat(found).as("Micronaut, Leshan server or Californium used outside the engine module").isEmpty();
    }
}
