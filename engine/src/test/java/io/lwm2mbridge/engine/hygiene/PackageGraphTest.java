package io.lwm2mbridge.engine.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker behind {@link ArchitectureTest}: it must find a cycle and name its path, on small fake graphs. */
class PackageGraphTest {

    @Test
    void names_the_path_of_a_cycle() {
        PackageGraph graph = new PackageGraph()
                .add("a", "b").add("b", "c").add("c", "d").add("d", "b").add("a", "e");

        assertThat(graph.findCycle()).contains(List.of("b", "c", "d", "b"));
    }

    @Test
    void names_one_cycle_per_group_of_packages_that_use_each_other() {
        PackageGraph graph = new PackageGraph()
                .add("a", "b").add("b", "a").add("b", "c").add("c", "d").add("d", "e").add("e", "c").add("e", "f");

        assertThat(graph.cycles()).containsExactly(List.of("a", "b", "a"), List.of("c", "d", "e", "c"));
    }

    @Test
    void finds_a_cycle_of_two() {
        assertThat(new PackageGraph().add("x", "y").add("y", "x").findCycle()).contains(List.of("x", "y", "x"));
    }

    @Test
    void a_layered_graph_has_no_cycle() {
        PackageGraph graph = new PackageGraph()
                .add("api", "service").add("api", "store").add("service", "store").add("root", "api")
                .add("root", "service").add("store", "store");

        assertThat(graph.findCycle()).isEmpty();
        assertThat(graph.cycles()).isEmpty();
    }

    @Test
    void reads_imports_and_qualified_names_but_not_comments(@TempDir Path root) throws IOException {
        Path a = root.resolve("m1/src/main/java/io/lwm2mbridge/a");
        Path b = root.resolve("m2/src/main/java/io/lwm2mbridge/b");
        Files.createDirectories(a);
        Files.createDirectories(b);
        Files.writeString(a.resolve("A.java"), """
                package io.lwm2mbridge.a;
                import io.lwm2mbridge.b.B;
                /** Unlike {@link io.lwm2mbridge.c.C}. */
                class A { B b; }
                """);
        Files.writeString(b.resolve("B.java"), """
                package io.lwm2mbridge.b;
                // io.lwm2mbridge.c.C is not used here
                class B { io.lwm2mbridge.a.A a; }
                """);

        PackageGraph graph = PackageGraph.ofModules(root);

        assertThat(graph.packages()).containsExactly("io.lwm2mbridge.a", "io.lwm2mbridge.b");
        assertThat(graph.findCycle()).contains(List.of("io.lwm2mbridge.a", "io.lwm2mbridge.b", "io.lwm2mbridge.a"));
    }
}
