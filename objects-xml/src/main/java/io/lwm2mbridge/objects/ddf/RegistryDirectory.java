package io.lwm2mbridge.objects.ddf;

import io.lwm2mbridge.objects.ObjectDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Loads every object definition in a folder tree of DDF files, such as the OMA registry checkout with
 * its {@code version_history/}. Files that are XML but define no object (Common.xml, DDF.xml, the
 * units list) are skipped with a note; schemas ({@code *.xsd}) are not looked at.
 */
public final class RegistryDirectory {

    private final DdfParser parser;

    public RegistryDirectory() {
        this(new DdfParser());
    }

    public RegistryDirectory(DdfParser parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /**
     * Parses every {@code *.xml} under {@code dir}, recursively, in path order. The same object version
     * found again with the same content (the OMA registry keeps the latest both at the top and in
     * {@code version_history/}) is taken once; with different content it is a problem of the later file.
     * Never throws for unreadable files or a missing folder: those are problems too.
     */
    public ParseReport loadDirectory(Path dir) {
        Map<Path, List<Problem>> problems = new LinkedHashMap<>();
        Map<Path, String> skipped = new LinkedHashMap<>();
        List<ObjectDefinition> objects = new ArrayList<>();
        Map<String, Path> origin = new HashMap<>();
        Map<String, ObjectDefinition> byKey = new HashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml"))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            problems.put(dir, List.of(new Problem(1, 1, "cannot list folder: " + e.getMessage())));
            return new ParseReport(objects, problems, skipped);
        }
        for (Path file : files) {
            DdfParser.Outcome outcome;
            try (InputStream in = Files.newInputStream(file)) {
                outcome = parser.parseOrSkip(in, file.toString());
            } catch (IOException e) {
                problems.put(file, List.of(new Problem(1, 1, "cannot read file: " + e.getMessage())));
                continue;
            }
            if (outcome.notADefinition() != null) {
                skipped.put(file, outcome.notADefinition().message());
                continue;
            }
            ParseResult result = outcome.result();
            if (!result.isOk()) {
                problems.put(file, result.problems());
                continue;
            }
            List<Problem> clashes = new ArrayList<>();
            List<ObjectDefinition> fresh = new ArrayList<>();
            for (ObjectDefinition definition : result.objects()) {
                String key = definition.id() + "@" + definition.version();
                ObjectDefinition earlier = byKey.get(key);
                if (earlier == null) {
                    fresh.add(definition);
                } else if (!earlier.equals(definition)) {
                    clashes.add(new Problem(1, 1, "object " + definition.id() + " version " + definition.version()
                            + " differs from the one already loaded from " + origin.get(key)));
                }
            }
            if (!clashes.isEmpty()) {
                problems.put(file, clashes);
                continue;
            }
            for (ObjectDefinition definition : fresh) {
                String key = definition.id() + "@" + definition.version();
                byKey.put(key, definition);
                origin.put(key, file);
                objects.add(definition);
            }
        }
        return new ParseReport(objects, problems, skipped);
    }
}
