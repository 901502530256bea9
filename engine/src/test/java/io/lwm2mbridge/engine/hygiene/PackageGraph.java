package io.lwm2mbridge.engine.hygiene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which of the project's packages use which, read from the main sources of every module: each import and each
 * fully qualified name in code counts as a use of that name's package. Built from sources rather than class
 * files so it sees every module without a build and names the file that adds an edge.
 */
final class PackageGraph {

    /** A project type's name: lower-case package parts, then a capitalised simple name. */
    private static final Pattern PROJECT_NAME = Pattern.compile("\\b(io\\.lwm2mbridge(?:\\.[a-z][a-z0-9_]*)+)\\.[A-Z]");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private final Map<String, Set<String>> uses = new TreeMap<>();

    /** Records that {@code from} uses {@code to}; a package's use of itself is no edge. */
    PackageGraph add(String from, String to) {
        uses.computeIfAbsent(from, k -> new TreeSet<>());
        if (!from.equals(to)) {
            uses.get(from).add(to);
            uses.computeIfAbsent(to, k -> new TreeSet<>());
        }
        return this;
    }

    /** The graph of the main code of every module under {@code root} (a folder holding {@code src/main/java}). */
    static PackageGraph ofModules(Path root) {
        PackageGraph graph = new PackageGraph();
        for (SourceFile file : SourceFile.mainSources(root)) {
            Matcher pkg = PACKAGE.matcher(file.text());
            if (!pkg.find()) {
                continue;
            }
            String from = pkg.group(1);
            graph.add(from, from);
            Matcher name = PROJECT_NAME.matcher(file.code());
            while (name.find()) {
                graph.add(from, name.group(1));
            }
        }
        return graph;
    }

    Set<String> packages() {
        return uses.keySet();
    }

    /**
     * One cycle per group of packages that reach each other (a strongly connected component of more than one
     * package), each as the path that closes it; empty when the graph has no cycle.
     */
    List<List<String>> cycles() {
        Map<String, Set<String>> reach = new HashMap<>();
        for (String p : uses.keySet()) {
            reach.put(p, reachableFrom(p));
        }
        List<List<String>> cycles = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String p : uses.keySet()) {
            if (seen.contains(p) || !reach.get(p).contains(p)) {
                continue;
            }
            PackageGraph group = new PackageGraph();
            for (String q : uses.keySet()) {
                if (reach.get(p).contains(q) && reach.get(q).contains(p)) {
                    seen.add(q);
                    uses.get(q).stream().filter(r -> reach.get(r).contains(p) && reach.get(p).contains(r))
                            .forEach(r -> group.add(q, r));
                }
            }
            group.findCycle().ifPresent(cycles::add);
        }
        return cycles;
    }

    private Set<String> reachableFrom(String start) {
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(uses.get(start));
        while (!todo.isEmpty()) {
            String p = todo.pop();
            if (reached.add(p)) {
                todo.addAll(uses.get(p));
            }
        }
        return reached;
    }

    /**
     * One cycle among the packages, as the path that closes it ({@code a -> b -> c -> a}), or empty when
     * the graph has none. Depth-first search over the packages in name order, so the answer is stable.
     */
    Optional<List<String>> findCycle() {
        Set<String> done = new HashSet<>();
        for (String start : uses.keySet()) {
            Optional<List<String>> cycle = cycleFrom(start, done);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private Optional<List<String>> cycleFrom(String start, Set<String> done) {
        if (done.contains(start)) {
            return Optional.empty();
        }
        // an explicit stack of (package, its remaining uses), so deep graphs need no deep recursion
        Deque<String> path = new ArrayDeque<>();
        Deque<java.util.Iterator<String>> next = new ArrayDeque<>();
        Map<String, Boolean> onPath = new HashMap<>();
        path.push(start);
        next.push(uses.get(start).iterator());
        onPath.put(start, true);
        while (!path.isEmpty()) {
            if (!next.peek().hasNext()) {
                String finished = path.pop();
                next.pop();
                onPath.remove(finished);
                done.add(finished);
                continue;
            }
            String to = next.peek().next();
            if (onPath.containsKey(to)) {
                List<String> cycle = new ArrayList<>(path.reversed());
                cycle = new ArrayList<>(cycle.subList(cycle.indexOf(to), cycle.size()));
                cycle.add(to);
                return Optional.of(cycle);
            }
            if (!done.contains(to)) {
                path.push(to);
                next.push(uses.get(to).iterator());
                onPath.put(to, true);
            }
        }
        return Optional.empty();
    }

    /** A main source file of a module: its module, path, text, and text without comments. */
    record SourceFile(String module, Path path, String text, String code) {

        private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

        static List<SourceFile> mainSources(Path root) {
            List<SourceFile> files = new ArrayList<>();
            try (Stream<Path> modules = Files.list(root)) {
                for (Path module : modules.filter(p -> Files.isDirectory(p.resolve("src/main/java"))).sorted()
                        .toList()) {
                    try (Stream<Path> walk = Files.walk(module.resolve("src/main/java"))) {
                        for (Path f : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                            String text = Files.readString(f);
                            files.add(new SourceFile(module.getFileName().toString(), root.relativize(f), text,
                                    COMMENTS.matcher(text).replaceAll("")));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return files;
        }
    }
}
