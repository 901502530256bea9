package io.lwm2mbridge.engine.bench;

import io.lwm2mbridge.engine.lwm2m.LeshanModels;
import io.lwm2mbridge.engine.testing.LeshanCoreModels;
import io.lwm2mbridge.engine.testing.TestServer;
import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.ResourceDefinition;
import io.lwm2mbridge.objects.catalog.BuiltInCatalog;
import io.lwm2mbridge.objects.ddf.RegistryDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Cost of the built-in object catalog beside its baselines (not a test: run it with {@code bench/catalog},
 * which starts one JVM per cold or heap figure). Subjects:
 * <ul>
 *   <li>{@code catalog}: {@link BuiltInCatalog#load()}, every object version of the OMA registry;
 *   <li>{@code builtins}: {@link LeshanModels#builtIns()}, what the server loads at start (the catalog);
 *   <li>{@code leshan}: {@link LeshanCoreModels#definitions()}, Leshan's bundled core objects (the
 *       built-in set before the catalog);
 *   <li>{@code registry-xml}: the OMA registry's XML files parsed with DdfParser
 *       ({@link RegistryDirectory}), descriptions included.
 * </ul>
 *
 * <pre>
 * CatalogBench facts                  sizes and counts of the catalog
 * CatalogBench cold SUBJECT           time of the first load in this JVM, class loading included
 * CatalogBench warm SUBJECT [N]       median of N loads after as many warm-up loads
 * CatalogBench heap SUBJECT           heap retained by the loaded definitions (used heap after full GCs)
 * CatalogBench start                  time of a whole server start in this JVM (TestServer.start()), for scale
 * </pre>
 */
public final class CatalogBench {

    private CatalogBench() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        switch (mode) {
            case "facts" -> facts();
            case "cold" -> cold(args[1]);
            case "warm" -> warm(args[1], args.length > 2 ? Integer.parseInt(args[2]) : 30);
            case "heap" -> heap(args[1]);
            case "start" -> start();
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static Supplier<List<ObjectDefinition>> subject(String name) {
        return switch (name) {
            case "catalog" -> BuiltInCatalog::load;
            case "builtins" -> LeshanModels::builtIns;
            case "leshan" -> LeshanCoreModels::definitions;
            case "registry-xml" -> () -> new RegistryDirectory().loadDirectory(registry()).objects();
            default -> throw new IllegalArgumentException("unknown subject " + name);
        };
    }

    private static Path registry() {
        return Path.of(System.getProperty("registry", "../shared/lwm2m-registry"));
    }

    private static void facts() throws IOException {
        byte[] text;
        try (InputStream in = BuiltInCatalog.class.getResourceAsStream(BuiltInCatalog.RESOURCE)) {
            text = in.readAllBytes();
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(text);
        }
        List<ObjectDefinition> all = BuiltInCatalog.load();
        long ids = all.stream().mapToInt(ObjectDefinition::id).distinct().count();
        List<ResourceDefinition> resources = new ArrayList<>();
        all.forEach(d -> resources.addAll(d.resources()));
        Set<ResourceDefinition> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(resources);
        out("facts file " + text.length + " bytes, gzip " + gz.size() + " bytes");
        out("facts objects " + ids + " versions " + all.size() + " resources " + resources.size()
                + " resource-records " + distinct.size());
        if (Files.isDirectory(registry())) {
            long xml;
            try (var files = Files.walk(registry())) {
                xml = files.filter(p -> p.toString().endsWith(".xml")).mapToLong(p -> p.toFile().length()).sum();
            }
            out("facts registry-xml " + xml + " bytes of XML");
        }
    }

    private static void cold(String name) {
        Supplier<List<ObjectDefinition>> load = subject(name);
        long start = System.nanoTime();
        List<ObjectDefinition> all = load.get();
        long nanos = System.nanoTime() - start;
        out("cold " + name + " " + String.format("%.1f", nanos / 1e6) + " ms " + all.size() + " versions");
    }

    private static void warm(String name, int n) {
        Supplier<List<ObjectDefinition>> load = subject(name);
        int sink = 0;
        for (int i = 0; i < n; i++) {
            sink += load.get().size();
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            sink += load.get().size();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        out("warm " + name + " " + String.format("%.2f", nanos[n / 2] / 1e6) + " ms (median of " + n + ", " + sink
                + ")");
    }

    private static void start() {
        long begin = System.nanoTime();
        try (TestServer server = TestServer.start()) {
            long nanos = System.nanoTime() - begin;
            out("start " + String.format("%.0f", nanos / 1e6) + " ms " + server.server().registry().all().size()
                    + " objects known");
        }
        System.exit(0);
    }

    /** Copies held at once in the heap figure, so the noise of one measurement is divided among them. */
    private static final int HEAP_COPIES = 4;

    private static void heap(String name) {
        Supplier<List<ObjectDefinition>> load = subject(name);
        // load once and drop it, so classes, static tables and the JIT's first work are not counted
        load.get();
        long before = usedAfterGc();
        List<List<ObjectDefinition>> kept = new ArrayList<>();
        for (int i = 0; i < HEAP_COPIES; i++) {
            kept.add(load.get());
        }
        long after = usedAfterGc();
        out("heap " + name + " " + (after - before) / HEAP_COPIES + " bytes retained by " + kept.getFirst().size()
                + " versions (mean of " + kept.size() + " copies held at once)");
    }

    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static void out(String line) {
        System.out.println(line);
    }
}
